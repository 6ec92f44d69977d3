//! sprig's date functions that take no `time.Time` (hera's values have
//! none): `date`, `dateInZone`, `htmlDate`, `htmlDateInZone`, `duration`,
//! `durationRound` and `ago`. A date is Unix seconds given as an `int`;
//! anything else is "now", as sprig's type switch makes it (so
//! `sprig.date('2006', workflow.creationTimestamp)`, a string, is this
//! year). Zones: `Local` is UTC, as in Argo's controller image. A zone
//! other than UTC is also read as UTC, and there hera differs from Argo: its
//! controller embeds Go's zone database (`time/tzdata` in
//! `cmd/workflow-controller/main.go`) and converts to the zone, while hera
//! links no zone database (see `support::time_zone`).

use super::super::Value;
use crate::syntax::when::time::{DAYS, MONTHS};
use chrono::{DateTime, Datelike, Timelike, Utc};

/// The moment a date argument names.
fn moment(date: &Value) -> DateTime<Utc> {
    match date {
        Value::Int(seconds) => DateTime::from_timestamp(*seconds, 0).unwrap_or_default(),
        _ => Utc::now(),
    }
}

/// sprig `dateInZone(layout, date, zone)` (and `date`, `htmlDate`).
pub(super) fn date_in_zone(layout: &str, date: &Value) -> String {
    format(layout, &moment(date))
}

/// sprig `ago(date)`: the time since `date`, rounded to the second.
pub(super) fn ago(date: &Value) -> String {
    let since = Utc::now().signed_duration_since(moment(date));
    let nanos = since.num_nanoseconds().unwrap_or(i64::MAX);
    let rounded = (nanos as f64 / 1e9).round() as i64;
    duration_string(rounded.saturating_mul(1_000_000_000))
}

/// sprig `duration(seconds)`: a string of decimal seconds (an `int` is not
/// sprig's `int64`, so it, like anything else, is 0).
pub(super) fn duration(seconds: &Value) -> String {
    let n = match seconds {
        Value::String(s) => s.parse::<i64>().unwrap_or(0),
        _ => 0,
    };
    duration_string(n.wrapping_mul(1_000_000_000))
}

/// sprig `durationRound(d)`: a Go duration string, in its largest unit.
pub(super) fn duration_round(d: &Value) -> String {
    let nanos = match d {
        // Go's ParseDuration: a bare number other than 0 is no duration.
        Value::String(s) => crate::syntax::duration::parse(s)
            .and_then(|()| crate::syntax::duration::seconds(s))
            .map_or(0.0, |s| s * 1e9),
        _ => 0.0,
    };
    let u = nanos.abs() as u64;
    const SECOND: u64 = 1_000_000_000;
    let units = [
        (SECOND * 3600 * 24 * 365, "y"),
        (SECOND * 3600 * 24 * 30, "mo"),
        (SECOND * 3600 * 24, "d"),
        (SECOND * 3600, "h"),
        (SECOND * 60, "m"),
        (SECOND, "s"),
    ];
    units
        .iter()
        .find(|(size, _)| u > *size)
        .map_or_else(|| "0s".into(), |(size, unit)| format!("{}{unit}", u / size))
}

/// Go's `time.Duration.String` of `nanos`.
pub(super) fn duration_string(nanos: i64) -> String {
    let negative = nanos < 0;
    let u = nanos.unsigned_abs();
    let sign = if negative { "-" } else { "" };
    if u < 1_000_000_000 {
        if u == 0 {
            return "0s".into();
        }
        let (scale, unit) = match u {
            0..1_000 => (1, "ns"),
            1_000..1_000_000 => (1_000, "µs"),
            _ => (1_000_000, "ms"),
        };
        return format!("{sign}{}{unit}", fraction(u, scale));
    }
    let seconds = u / 1_000_000_000;
    let rest = fraction(u % 60_000_000_000, 1_000_000_000);
    let (hours, minutes) = (seconds / 3600, seconds / 60 % 60);
    match (hours, minutes) {
        (0, 0) => format!("{sign}{rest}s"),
        (0, m) => format!("{sign}{m}m{rest}s"),
        (h, m) => format!("{sign}{h}h{m}m{rest}s"),
    }
}

/// `n / scale` with its fraction, trailing zeros dropped (`1.5`, `2`).
fn fraction(n: u64, scale: u64) -> String {
    let whole = n / scale;
    let part = n % scale;
    if part == 0 {
        return whole.to_string();
    }
    let digits = scale.ilog10() as usize;
    let text = format!("{part:0digits$}");
    format!("{whole}.{}", text.trim_end_matches('0'))
}

/// One element of a Go layout (`time/format.go`'s `nextStdChunk`).
enum Chunk<'a> {
    Text(&'a str),
    Std(&'static str),
    /// A fraction of a second: separator, digits, and whether trailing
    /// zeros are dropped (`.999`) or kept (`.000`).
    Fraction(char, usize, bool),
}

/// Splits a Go layout into literal text and the standard fields Go
/// recognises, with Go's rules for where one starts.
fn chunks(layout: &str) -> Vec<Chunk<'_>> {
    const PREFIXES: [&str; 31] = [
        "January",
        "Jan",
        "Monday",
        "Mon",
        "MST",
        "002",
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "15",
        "2006",
        "2",
        "1",
        "__2",
        "_2006",
        "_2",
        "3",
        "4",
        "5",
        "PM",
        "pm",
        "-07:00:00",
        "-070000",
        "-07:00",
        "-0700",
        "-07",
        "Z07:00:00",
        "Z070000",
    ];
    const MORE: [&str; 3] = ["Z07:00", "Z0700", "Z07"];
    let bytes = layout.as_bytes();
    let lower_after = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_lowercase);
    let mut out = Vec::new();
    let mut literal = 0;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &layout[i..];
        let mut found: Option<&'static str> = None;
        for p in PREFIXES.iter().chain(MORE.iter()) {
            if rest.starts_with(p) {
                found = Some(p);
                break;
            }
        }
        // "Jan" and "Mon" are fields only when no lower-case letter follows.
        if let Some(p @ ("Jan" | "Mon")) = found
            && lower_after(i + 3)
        {
            let _ = p;
            found = None;
        }
        // "_2006" is "_" and then the year.
        if found == Some("_2006") {
            found = Some("2006");
            i += 1;
        }
        let fraction = matches!(bytes[i], b'.' | b',') && matches!(bytes.get(i + 1), Some(b'0' | b'9')) && {
            let digit = bytes[i + 1];
            let n = bytes[i + 1..].iter().take_while(|b| **b == digit).count();
            !bytes.get(i + 1 + n).is_some_and(u8::is_ascii_digit)
        };
        if found.is_none() && !fraction {
            i += 1;
            continue;
        }
        if literal < i {
            out.push(Chunk::Text(&layout[literal..i]));
        }
        if fraction {
            let digit = bytes[i + 1];
            let n = bytes[i + 1..].iter().take_while(|b| **b == digit).count();
            out.push(Chunk::Fraction(char::from(bytes[i]), n, digit == b'9'));
            i += 1 + n;
        } else if let Some(p) = found {
            out.push(Chunk::Std(p));
            i += p.len();
        }
        literal = i;
    }
    if literal < bytes.len() {
        out.push(Chunk::Text(&layout[literal..]));
    }
    out
}

/// `time.Time.Format(layout)` of a UTC moment.
pub(super) fn format(layout: &str, t: &DateTime<Utc>) -> String {
    let mut out = String::new();
    let hour12 = match t.hour() % 12 {
        0 => 12,
        h => h,
    };
    for chunk in chunks(layout) {
        let text = match chunk {
            Chunk::Text(text) => text.to_owned(),
            Chunk::Fraction(separator, digits, trim) => {
                let nanos = format!("{:09}", t.nanosecond() % 1_000_000_000);
                let mut part = nanos[..digits.min(9)].to_owned();
                if trim {
                    part = part.trim_end_matches('0').to_owned();
                    if part.is_empty() {
                        continue;
                    }
                }
                format!("{separator}{part}")
            }
            Chunk::Std(field) => match field {
                "January" => MONTHS[t.month0() as usize].to_owned(),
                "Jan" => MONTHS[t.month0() as usize][..3].to_owned(),
                "Monday" => DAYS[t.weekday().num_days_from_sunday() as usize].to_owned(),
                "Mon" => DAYS[t.weekday().num_days_from_sunday() as usize][..3].to_owned(),
                "MST" => "UTC".to_owned(),
                "002" => format!("{:03}", t.ordinal()),
                "__2" => format!("{:>3}", t.ordinal()),
                "01" => format!("{:02}", t.month()),
                "1" => t.month().to_string(),
                "02" => format!("{:02}", t.day()),
                "_2" => format!("{:>2}", t.day()),
                "2" => t.day().to_string(),
                "03" => format!("{hour12:02}"),
                "3" => hour12.to_string(),
                "15" => format!("{:02}", t.hour()),
                "04" => format!("{:02}", t.minute()),
                "4" => t.minute().to_string(),
                "05" => format!("{:02}", t.second()),
                "5" => t.second().to_string(),
                "06" => format!("{:02}", t.year().rem_euclid(100)),
                "2006" => format!("{:04}", t.year()),
                "PM" => if t.hour() >= 12 { "PM" } else { "AM" }.to_owned(),
                "pm" => if t.hour() >= 12 { "pm" } else { "am" }.to_owned(),
                z if z.starts_with('Z') => "Z".to_owned(),
                "-07:00:00" => "+00:00:00".to_owned(),
                "-070000" => "+000000".to_owned(),
                "-07:00" => "+00:00".to_owned(),
                "-0700" => "+0000".to_owned(),
                _ => "+00".to_owned(),
            },
        };
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_format_as_go_formats_them() {
        let t = DateTime::from_timestamp(1_136_239_445, 0).unwrap(); // 2006-01-02T22:04:05Z
        assert_eq!(format("2006-01-02T15:04:05Z07:00", &t), "2006-01-02T22:04:05Z");
        // Each expected text is what Go's Format gives (checked with Go 1.19).
        assert_eq!(format("Mon Jan _2 3:4:5 PM MST 06 .000 .999", &t), "Mon Jan  2 10:4:5 PM UTC 06 .000 ");
        assert_eq!(format("Monday January 002 __2 -0700 Janet", &t), "Monday January 002   2 +0000 Janet");
        assert_eq!(format("_2006", &t), "_2006");
        assert_eq!(format("Mond Janu 1504 01/02", &t), "Mond Janu 2204 01/02");
        assert_eq!(format(",000 ,9 x.0009", &t), ",000  x.0009");
        assert_eq!(format("Z0700 Z07:00:00 -07", &t), "Z Z +00");
    }

    #[test]
    fn durations_print_as_go_prints_them() {
        assert_eq!(duration_string(0), "0s");
        assert_eq!(duration_string(90_000_000_000), "1m30s");
        assert_eq!(duration_string(3_600_000_000_000), "1h0m0s");
        assert_eq!(duration_string(1_500_000_000), "1.5s");
        assert_eq!(duration_string(-1_500_000), "-1.5ms");
        assert_eq!(duration_string(3_723_500_000_000), "1h2m3.5s");
        assert_eq!(duration_string(999), "999ns");
        assert_eq!(duration_string(1_500), "1.5µs");
    }
}
