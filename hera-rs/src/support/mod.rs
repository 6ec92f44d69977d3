//! Small pieces every layer shares: how a command ends ([`Exit`]), where it
//! writes ([`Output`]), writing files safely and did-you-mean suggestions.
//! They sit below the CLI so the in-pod runner and the library can use them
//! without depending on the command line.

mod exit;
pub(crate) mod files;
mod output;
pub(crate) mod suggest;
pub(crate) mod time_zone;

pub use exit::Exit;
pub use output::Output;
