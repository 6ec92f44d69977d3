//! Keeps deep documents from overflowing the caller's stack.
//!
//! Reading recurses once per nesting level, and in debug builds the YAML
//! library's frames are large (tens of KiB per level): a document nested 50
//! deep would overflow a 2 MiB test thread. Each level therefore runs through
//! [`guarded`], which continues on a fresh heap-allocated stack segment when
//! the current one is nearly used up (a check of a few nanoseconds
//! otherwise). The depth limit, not the caller's stack size, decides what is
//! accepted.

/// Grow when less than this is left: more than one level needs in debug builds.
const RED_ZONE: usize = 256 * 1024;

/// Size of each extra stack segment.
const SEGMENT: usize = 4 * 1024 * 1024;

/// Runs `f`, on a new stack segment if the current stack is nearly exhausted.
pub fn guarded<T>(f: impl FnOnce() -> T) -> T {
    crate::support::stack::grown(RED_ZONE, SEGMENT, f)
}
