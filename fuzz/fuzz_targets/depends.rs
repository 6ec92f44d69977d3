//! `depends`: lint's parser, the engine's rewriting into expr and its
//! evaluation with every task it names in every state.
#![no_main]
use hera::syntax::expr::depends::{self, ContinueOn, TaskResults};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let _ = hera::syntax::depends::parse(text);
    let _ = hera::syntax::depends::tokens(text).count();
    let _ = depends::expand(text, |_| ContinueOn::default());
    let mut tasks = BTreeMap::new();
    for name in depends::dependencies(text) {
        let bit = |k: u8| flags & (1 << k) != 0;
        let results = TaskResults {
            succeeded: bit(0),
            failed: bit(1),
            errored: bit(2),
            skipped: bit(3),
            omitted: bit(4),
            daemoned: bit(5),
            any_succeeded: bit(6),
            all_failed: bit(7),
        };
        tasks.insert(name, results);
    }
    let _ = depends::evaluate(text, &tasks, |_| ContinueOn::default());
});
