//! Ctrl-C while following a workflow stops following, not the workflow.
//!
//! The `argo` CLI has no handler: Ctrl-C during `argo submit --watch`
//! ends the process by the signal (exit 130 in a shell) and prints
//! nothing. Here the process exits 130 too, after a line naming the
//! workflow, saying it goes on running on the server, and how to follow
//! it again. The workflow is not touched (no stop, no terminate).

use std::sync::{Mutex, OnceLock};

/// What to say if Ctrl-C comes now (`None`: not following).
static FOLLOWING: Mutex<Option<String>> = Mutex::new(None);
/// Whether the handler is installed (once per process).
static INSTALLED: OnceLock<bool> = OnceLock::new();

/// While alive, Ctrl-C prints `message` and exits 130.
pub(super) struct Following;

impl Following {
    /// Starts following. The handler is installed only for the process's
    /// own output (`Output::standard`): a library call leaves the
    /// process's signals alone.
    pub(super) fn start(message: String, standard: bool) -> Following {
        if standard {
            INSTALLED.get_or_init(|| ctrlc::set_handler(interrupted).is_ok());
        }
        if let Ok(mut following) = FOLLOWING.lock() {
            *following = Some(message);
        }
        Following
    }
}

impl Drop for Following {
    fn drop(&mut self) {
        if let Ok(mut following) = FOLLOWING.lock() {
            *following = None;
        }
    }
}

/// The handler (on ctrlc's own thread): say what is still running, exit 130.
fn interrupted() {
    let message = FOLLOWING.lock().ok().and_then(|m| m.clone());
    // A tree being redrawn turns line wrapping off while it draws: on again.
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        eprint!("\x1b[?7h");
    }
    if let Some(message) = message {
        eprintln!("\n{message}");
    }
    std::process::exit(130);
}
