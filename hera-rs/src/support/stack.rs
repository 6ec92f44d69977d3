//! Deep recursion on a stack that grows: one entry to `stacker` for the crate.
//!
//! `stacker::maybe_grow` is generic over its callback and calls it on two
//! paths (enough stack left, or a new segment), so every caller's body is
//! compiled twice, once per path; for the YAML decoder, whose callback is the
//! whole decoding of one model type, that doubled the decoder's code. Here the
//! callback becomes a `dyn FnMut` first, so `maybe_grow` is compiled once and
//! each caller's body once.

/// Runs `f`, on a fresh stack segment of `segment` bytes when less than
/// `red_zone` bytes are left on the current one.
pub(crate) fn grown<T>(red_zone: usize, segment: usize, f: impl FnOnce() -> T) -> T {
    let mut f = Some(f);
    let mut out = None;
    on_enough_stack(red_zone, segment, &mut || out = f.take().map(|f| f()));
    match out {
        Some(value) => value,
        // `maybe_grow` calls its callback exactly once, on one path or the other.
        None => unreachable!("the callback ran"),
    }
}

fn on_enough_stack(red_zone: usize, segment: usize, call: &mut dyn FnMut()) {
    stacker::maybe_grow(red_zone, segment, call)
}

#[cfg(test)]
mod tests {
    use super::grown;

    fn depth(n: u32) -> u32 {
        if n == 0 { 0 } else { grown(64 * 1024, 1024 * 1024, || depth(n - 1) + 1) }
    }

    #[test]
    fn recursion_deeper_than_the_thread_stack_completes() {
        // 100 000 levels of at least a few hundred bytes each outgrow a
        // 256 KiB thread without the segments.
        let handle = std::thread::Builder::new().stack_size(256 * 1024).spawn(|| depth(100_000)).unwrap();
        assert_eq!(handle.join().unwrap(), 100_000);
    }
}
