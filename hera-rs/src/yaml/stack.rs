//! Runs the recursive readers and writers on a thread with a large stack.
//!
//! Reading and writing recurse once per nesting level, and in debug builds
//! the YAML library's frames are large (tens of KiB per level): a document
//! nested 50 deep would overflow a 2 MiB test thread. Running on a dedicated
//! thread whose stack covers [`super::MAX_DEPTH`] levels with a wide margin
//! makes the depth limit, not the caller's stack size, decide. The stack is
//! reserved address space; only what is used is ever touched. Code already
//! on such a thread (the `hera` command runs on one) does not spawn another.

use super::problem::{Error, Problem};
use std::cell::Cell;

const STACK_SIZE: usize = 64 << 20;

thread_local! {
    static ON_DEEP_STACK: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` on a thread with a 64 MiB stack (this one, if it is such a
/// thread already) and returns its result.
pub fn on_deep_stack<T: Send>(f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    if ON_DEEP_STACK.get() {
        return f();
    }
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("hera-yaml".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || {
                ON_DEEP_STACK.set(true);
                f()
            })
            .map_err(|e| Error::from(Problem::new(format!("cannot start the YAML reader thread: {e}"))))?;
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
