//! Argo's small languages lint reads: durations, quantities, cron
//! schedules and `{{...}}` tags.
#![no_main]
use hera::syntax::{duration, quantity, schedule, tags};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = duration::parse(text);
    let _ = duration::seconds(text);
    let _ = quantity::parse(text);
    let _ = schedule::parse(text);
    let _ = tags::tags(text).count();
});
