//! Where commands write: stdout for results, stderr for problems.

use std::io::{self, Write};

/// A command's two output streams. A closed stdout (`hera fmt x | head`)
/// is not an error: writing stops and the command ends quietly.
pub struct Output<'a> {
    stdout: Box<dyn Write + 'a>,
    stderr: Box<dyn Write + 'a>,
    closed: bool,
    /// The process's own streams (not a test's or a library caller's).
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    standard: bool,
}

impl<'a> Output<'a> {
    /// The process's stdout (buffered) and stderr.
    pub fn standard() -> Output<'static> {
        Output {
            stdout: Box::new(io::BufWriter::new(io::stdout().lock())),
            stderr: Box::new(io::stderr()),
            closed: false,
            standard: true,
        }
    }

    /// Output into two writers (tests use `Vec<u8>`s).
    pub fn new(stdout: impl Write + 'a, stderr: impl Write + 'a) -> Output<'a> {
        Output { stdout: Box::new(stdout), stderr: Box::new(stderr), closed: false, standard: false }
    }

    /// Writes a result. Returns `false` once stdout is closed: stop producing output.
    pub fn write(&mut self, text: &str) -> bool {
        if !self.closed && self.stdout.write_all(text.as_bytes()).is_err() {
            self.closed = true;
        }
        !self.closed
    }

    /// Writes one problem line to stderr.
    pub fn error(&mut self, line: impl std::fmt::Display) {
        let _ = writeln!(self.stderr, "{line}");
    }

    /// Writes text as it is to stderr.
    pub fn error_text(&mut self, text: &str) {
        let _ = self.stderr.write_all(text.as_bytes());
    }

    /// Whether these are the process's own streams ([`Output::standard`]).
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn is_standard(&self) -> bool {
        self.standard
    }

    /// Whether stderr is the process's own and a terminal (a display may redraw).
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn stderr_is_terminal(&self) -> bool {
        use std::io::IsTerminal;
        self.standard && io::stderr().is_terminal()
    }

    /// Whether stdout was closed by the reader.
    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

impl Drop for Output<'_> {
    fn drop(&mut self) {
        if !self.closed {
            let _ = self.stdout.flush();
        }
        let _ = self.stderr.flush();
    }
}
