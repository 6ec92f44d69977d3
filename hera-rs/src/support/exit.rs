//! The one exit-code policy of every command and of the in-pod runner.

use std::process::ExitCode;

/// How a command ended; its number is the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: everything went well.
    Success = 0,
    /// 1: the input has problems (or a step failed).
    Problems = 1,
    /// 2: the command line was wrong, or a file could not be read or written.
    Usage = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}
