//! Turning PATH arguments into texts to read.

use std::io::Read;
use std::path::{Path, PathBuf};

/// How stdin is named in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// One input: a file, or stdin for `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The name used in messages: the path as given, or `<stdin>`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => STDIN_NAME.to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }

    /// The raw bytes, at most [`crate::yaml::MAX_INPUT_BYTES`] of them: a
    /// larger input (or an endless stdin) is refused without reading it all.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        let limit = crate::yaml::MAX_INPUT_BYTES;
        let mut bytes = Vec::new();
        let read = match self {
            Source::Stdin => std::io::stdin().lock().take(limit as u64 + 1).read_to_end(&mut bytes)?,
            Source::File(path) => {
                std::fs::File::open(path)?.take(limit as u64 + 1).read_to_end(&mut bytes)?
            }
        };
        if read > limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!("larger than {} MB, the most hera reads in one stream", limit >> 20),
            ));
        }
        Ok(bytes)
    }
}

/// Expands the PATH arguments: `-` is stdin, a directory stands for every
/// `*.yaml`/`*.yml` file below it (sorted), anything else is a file.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Source>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if path.is_dir() {
            let mut files = Vec::new();
            collect_yaml(path, &mut files)
                .map_err(|e| format!("cannot read directory {}: {e}", path.display()))?;
            files.sort();
            out.extend(files.into_iter().map(Source::File));
        } else {
            out.push(Source::File(path.clone()));
        }
    }
    Ok(out)
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_yaml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    Ok(())
}
