//! IANA time-zone names, as Go's `time.LoadLocation` finds them, for
//! CronWorkflow's `timezone`.
//!
//! Only the names are needed (lint checks a name; nothing here converts
//! times), so the list is a committed, generated table rather than a time
//! zone database linked into every program and pod: `time_zone_names.rs` is
//! written from chrono-tz's IANA data by this module's test
//! (`HERA_BLESS=1 cargo test -p hera-rs --lib time_zone` after a chrono-tz
//! update), and the test fails while it is stale.

mod time_zone_names;

/// Whether `name` is a known IANA zone (`Europe/Paris`, `UTC`, `Etc/GMT+5`).
/// Case matters, as it does for Go on Linux.
pub(crate) fn is_known(name: &str) -> bool {
    time_zone_names::NAMES.binary_search(&name).is_ok()
}

/// Every known name, sorted.
pub(crate) fn names() -> &'static [&'static str] {
    time_zone_names::NAMES
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `time_zone_names.rs` holds: chrono-tz's names, sorted.
    fn generated() -> String {
        let mut names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        names.sort_unstable();
        names.dedup();
        let mut out = String::from(
            "//! Generated from chrono-tz's IANA data by `support::time_zone`'s test:\n\
             //! `HERA_BLESS=1 cargo test -p hera-rs --lib time_zone`. Do not edit.\n\n\
             /// The IANA time-zone names, sorted (binary search).\n\
             pub(super) const NAMES: &[&str] = &[\n",
        );
        for name in names {
            out.push_str(&format!("    \"{name}\",\n"));
        }
        out.push_str("];\n");
        out
    }

    #[test]
    fn the_committed_names_are_chrono_tzs() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/support/time_zone/time_zone_names.rs");
        let expected = generated();
        if std::env::var_os("HERA_BLESS").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap();
        assert!(
            committed == expected,
            "{path} is stale: regenerate it with HERA_BLESS=1 cargo test -p hera-rs --lib time_zone"
        );
    }

    #[test]
    fn names_are_known_exactly() {
        for known in ["UTC", "Europe/Paris", "America/New_York", "Etc/GMT+5", "Asia/Kolkata"] {
            assert!(is_known(known), "{known}");
        }
        for unknown in ["", "utc", "europe/paris", "Europe/Pariss", "Mars/Olympus"] {
            assert!(!is_known(unknown), "{unknown}");
        }
        assert!(names().windows(2).all(|w| w[0] < w[1]), "sorted, without repeats");
    }
}
