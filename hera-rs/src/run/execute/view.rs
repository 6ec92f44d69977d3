//! A node's private view of the machine's filesystem: it reads the host's
//! files, but what it writes under the directories it uses (`/tmp`, its
//! output and artifact paths, its volume mounts) stays its own — an overlay
//! in a mount namespace of its own (`unshare --mount --map-root-user`).
//! Where Linux cannot give one, nodes run without it and share the host's
//! directories; the engine says so once.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The directories of one node that get a private overlay, and where each
/// overlay's writes land on the host.
#[derive(Clone, Debug)]
pub struct View {
    /// (directory as the node sees it, upper directory on the host)
    layers: Vec<(PathBuf, PathBuf)>,
    root: PathBuf,
}

/// Whether this machine can make private views (probed once).
pub fn available() -> bool {
    static PROBE: OnceLock<bool> = OnceLock::new();
    *PROBE.get_or_init(|| {
        Command::new("unshare")
            .args(["--mount", "--map-root-user", "--fork", "true"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

impl View {
    /// A view over `/tmp` and the top-level directories of `paths`, its
    /// writes kept under `root`. A path whose top directory does not exist
    /// on this machine cannot be overlaid: that is an error naming it.
    pub fn new(root: &Path, paths: &[&str]) -> Result<View, String> {
        let mut tops: Vec<PathBuf> = vec![PathBuf::from("/tmp")];
        for path in paths {
            let mut components = Path::new(path).components();
            let (Some(std::path::Component::RootDir), Some(std::path::Component::Normal(top))) =
                (components.next(), components.next())
            else {
                continue;
            };
            let top = Path::new("/").join(top);
            if !top.is_dir() {
                return Err(format!(
                    "the host executor cannot give this node a private {}: the directory does not exist on this machine (it is used by {path}); use a container engine or mock the template",
                    top.display()
                ));
            }
            if !tops.contains(&top) {
                tops.push(top);
            }
        }
        let layers =
            tops.into_iter().enumerate().map(|(i, top)| (top, root.join(format!("layer-{i}")))).collect();
        Ok(View { layers, root: root.to_owned() })
    }

    /// Wraps `argv` so it runs inside the view.
    pub fn command(&self, argv: &[String]) -> Result<Command, String> {
        let mut script = String::from("set -e\n");
        for (i, (top, upper)) in self.layers.iter().enumerate() {
            let work = self.root.join(format!("work-{i}"));
            std::fs::create_dir_all(upper).map_err(|e| format!("cannot create {}: {e}", upper.display()))?;
            std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
            script.push_str(&format!(
                "mount -t overlay overlay -o lowerdir={},upperdir={},workdir={} {}\n",
                shell_quote(&top.display().to_string()),
                shell_quote(&upper.display().to_string()),
                shell_quote(&work.display().to_string()),
                shell_quote(&top.display().to_string()),
            ));
        }
        script.push_str("exec \"$@\"\n");
        let mut command = Command::new("unshare");
        command.args(["--mount", "--map-root-user", "--fork", "sh", "-c", &script, "hera-node"]);
        command.args(argv);
        Ok(command)
    }

    /// Where a file the node wrote at `path` is on the host (its own
    /// layer first, then the host's file it could read).
    pub fn host_path(&self, path: &str) -> PathBuf {
        for (top, upper) in &self.layers {
            if let Ok(rest) = Path::new(path).strip_prefix(top) {
                let mine = upper.join(rest);
                if mine.exists() {
                    return mine;
                }
            }
        }
        PathBuf::from(path)
    }

    /// Where to put a file the node must find at `path` (an input artifact).
    pub fn place(&self, path: &str) -> PathBuf {
        for (top, upper) in &self.layers {
            if let Ok(rest) = Path::new(path).strip_prefix(top) {
                return upper.join(rest);
            }
        }
        PathBuf::from(path)
    }
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}
