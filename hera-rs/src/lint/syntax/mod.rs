//! Small languages inside Argo fields, each parsed the way Argo's Go code
//! parses it: durations, cron schedules, `depends` expressions, resource
//! quantities and `{{...}}` tags.

pub mod depends;
pub mod duration;
pub mod quantity;
pub mod schedule;
pub mod tags;
