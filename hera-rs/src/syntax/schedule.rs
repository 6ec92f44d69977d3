//! Cron schedules as Argo reads them (robfig/cron's standard parser): five
//! fields (minute, hour, day of month, month, day of week) or a descriptor
//! (`@hourly`, `@daily`, `@every 1h30m`, ...), optionally after `TZ=` or
//! `CRON_TZ=`.
//!
//! No crate implements this exact grammar: general cron crates accept
//! seconds fields, `L`, `W` or `#`, which Argo refuses.

use super::duration;

const DESCRIPTORS: [&str; 7] =
    ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const FIELDS: [Field; 5] = [
    Field { name: "minute", min: 0, max: 59, names: &[] },
    Field { name: "hour", min: 0, max: 23, names: &[] },
    Field { name: "day of month", min: 1, max: 31, names: &[] },
    Field { name: "month", min: 1, max: 12, names: &MONTHS },
    Field { name: "day of week", min: 0, max: 6, names: &DAYS },
];

/// Checks a schedule; the error names the offending part. Returns the time
/// zone of a `TZ=`/`CRON_TZ=` prefix, if any, for the caller to check.
pub fn parse(schedule: &str) -> Result<Option<&str>, String> {
    let mut text = schedule.trim();
    let mut zone = None;
    if let Some(rest) = text.strip_prefix("TZ=").or_else(|| text.strip_prefix("CRON_TZ=")) {
        let (name, rest) =
            rest.split_once(char::is_whitespace).ok_or("a time zone prefix needs a schedule after it")?;
        zone = Some(name);
        text = rest.trim_start();
    }
    if text.starts_with('@') {
        return descriptor(text).map(|()| zone);
    }
    let fields: Vec<&str> = text.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "expected 5 fields (minute hour day-of-month month day-of-week), found {}",
            fields.len()
        ));
    }
    for (text, field) in fields.iter().zip(&FIELDS) {
        for part in text.split(',') {
            range(part, field).map_err(|e| format!("{} field '{text}': {e}", field.name))?;
        }
    }
    Ok(zone)
}

fn descriptor(text: &str) -> Result<(), String> {
    if let Some(every) = text.strip_prefix("@every ") {
        return duration::parse(every.trim()).map_err(|e| format!("@every: {e}"));
    }
    if DESCRIPTORS.contains(&text) {
        return Ok(());
    }
    Err(format!("unknown descriptor '{text}': use {}, or @every <duration>", DESCRIPTORS.join(", ")))
}

/// One comma-separated part: `*`, `?`, `N`, `N-M`, each optionally `/STEP`.
fn range(part: &str, field: &Field) -> Result<(), String> {
    let (range, step) = match part.split_once('/') {
        Some((range, step)) => (range, Some(step)),
        None => (part, None),
    };
    let (start, end) = if range == "*" || range == "?" {
        (field.min, field.max)
    } else {
        let (low, high) = range.split_once('-').unwrap_or((range, ""));
        let start = value(low, field)?;
        // `N/STEP` means from N to the end, as in robfig/cron.
        let end = if !high.is_empty() {
            value(high, field)?
        } else if step.is_some() {
            field.max
        } else {
            start
        };
        (start, end)
    };
    if start > end {
        return Err(format!("range '{range}' goes backwards"));
    }
    if let Some(step) = step {
        match step.parse::<u32>() {
            Ok(n) if n > 0 => {}
            _ => return Err(format!("step '{step}' must be a positive number")),
        }
    }
    Ok(())
}

fn value(text: &str, field: &Field) -> Result<u32, String> {
    let lower = text.to_ascii_lowercase();
    if let Some(index) = field.names.iter().position(|n| *n == lower) {
        return Ok(index as u32 + field.min);
    }
    match text.parse::<u32>() {
        Ok(n) if (field.min..=field.max).contains(&n) => Ok(n),
        Ok(n) => Err(format!("{n} is out of range {}-{}", field.min, field.max)),
        Err(_) if text.is_empty() => Err("a value is missing".into()),
        Err(_) => {
            Err(format!("'{text}' is not a number{}", if field.names.is_empty() { "" } else { " or a name" }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn standard_schedules() {
        for ok in [
            "* * * * *",
            "*/5 * * * *",
            "0 0 1 1 *",
            "0 9-17 * * MON-FRI",
            "5,10,15 */2 ? JAN,jul sun",
            "30 2 * * 0",
            "0 0/6 * * *",
            "@daily",
            "@every 1h30m",
            "CRON_TZ=Europe/Paris 0 6 * * *",
        ] {
            assert!(parse(ok).is_ok(), "{ok}: {:?}", parse(ok));
        }
        assert_eq!(parse("TZ=Asia/Tokyo @hourly"), Ok(Some("Asia/Tokyo")));
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(
            parse("* * * *").unwrap_err(),
            "expected 5 fields (minute hour day-of-month month day-of-week), found 4"
        );
        assert_eq!(parse("60 * * * *").unwrap_err(), "minute field '60': 60 is out of range 0-59");
        assert_eq!(parse("* * * * 7").unwrap_err(), "day of week field '7': 7 is out of range 0-6");
        assert_eq!(parse("* 5-1 * * *").unwrap_err(), "hour field '5-1': range '5-1' goes backwards");
        assert_eq!(
            parse("*/0 * * * *").unwrap_err(),
            "minute field '*/0': step '0' must be a positive number"
        );
        assert!(parse("0 0 * * * *").is_err(), "seconds fields are not Argo's");
        assert!(parse("0 0 L * *").unwrap_err().contains("'L' is not a number"));
        assert!(parse("@weekdays").unwrap_err().starts_with("unknown descriptor '@weekdays'"));
        assert!(parse("@every 10").unwrap_err().starts_with("@every: '10' has no unit"));
    }
}
