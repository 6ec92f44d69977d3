//! Writing files so that a reader never sees one half-written.

use std::path::Path;

/// Writes `contents` to `path` without ever leaving it half-written: a
/// sibling temporary file is written, given the original's permissions and
/// renamed over it.
pub fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.hera.tmp"));
    let result = std::fs::write(&temporary, contents)
        .and_then(|()| match std::fs::metadata(path) {
            Ok(meta) => std::fs::set_permissions(&temporary, meta.permissions()),
            Err(_) => Ok(()),
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
