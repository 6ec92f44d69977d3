//! Small pieces every layer shares: how a command ends ([`Exit`]), where it
//! writes ([`Output`]), writing files safely, did-you-mean suggestions,
//! numbers in decimal and recursion that outgrows the stack.
//! They sit below the CLI so the in-pod runner and the library can use them
//! without depending on the command line.

pub(crate) mod decimal;
mod exit;
pub(crate) mod files;
mod output;
pub(crate) mod stack;
pub(crate) mod suggest;
pub(crate) mod time_zone;

pub use exit::Exit;
pub use output::Output;
