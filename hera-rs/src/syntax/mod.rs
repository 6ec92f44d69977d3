//! Small languages inside Argo fields, each parsed the way Argo's Go code
//! parses it: durations, cron schedules, `depends` expressions, `when`
//! conditions (govaluate), expr expressions (`{{= }}`, `depends`, ...), resource
//! quantities, `{{...}}` tags and names. Builders, lint and graph all read
//! them through this one module.

pub mod depends;
pub mod duration;
pub mod expr;
pub mod names;
pub mod quantity;
pub mod schedule;
pub mod tags;
pub mod when;
