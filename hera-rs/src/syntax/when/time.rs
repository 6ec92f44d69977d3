//! Quoted strings that are dates: govaluate turns them into Unix seconds
//! (`parsing.go` `tryParseTime`), trying Go's layouts in its order.
//!
//! Each layout is read as Go's `time.Parse` reads it: fixed-width fields
//! where Go wants two digits (`01`, `02`, `04`, `05`), one or two digits for
//! `15`, `3` and `_2`, any fraction of a second after the seconds, and the
//! whole string consumed. Layouts without a zone are read in UTC (Go uses
//! the controller's local zone, which is UTC in Argo's images); an unknown
//! zone abbreviation counts as UTC, as in Go.

/// The layouts govaluate tries, in its order.
const LAYOUTS: [&[Part]; 14] = {
    use Part::*;
    [
        // time.ANSIC, UnixDate, RubyDate, Kitchen
        &[
            WeekDay,
            Lit(" "),
            Month,
            Lit(" "),
            SpaceDay,
            Lit(" "),
            Hour,
            Lit(":"),
            Minute,
            Lit(":"),
            Second,
            Lit(" "),
            Year,
        ],
        &[
            WeekDay,
            Lit(" "),
            Month,
            Lit(" "),
            SpaceDay,
            Lit(" "),
            Hour,
            Lit(":"),
            Minute,
            Lit(":"),
            Second,
            Lit(" "),
            ZoneName,
            Lit(" "),
            Year,
        ],
        &[
            WeekDay,
            Lit(" "),
            Month,
            Lit(" "),
            Day,
            Lit(" "),
            Hour,
            Lit(":"),
            Minute,
            Lit(":"),
            Second,
            Lit(" "),
            Offset { colon: false, z: false },
            Lit(" "),
            Year,
        ],
        &[Hour12, Lit(":"), Minute, Pm],
        // RFC3339 and RFC3339Nano
        &[
            Year,
            Lit("-"),
            NumMonth,
            Lit("-"),
            Day,
            Lit("T"),
            Hour,
            Lit(":"),
            Minute,
            Lit(":"),
            Second,
            Offset { colon: true, z: true },
        ],
        &[
            Year,
            Lit("-"),
            NumMonth,
            Lit("-"),
            Day,
            Lit("T"),
            Hour,
            Lit(":"),
            Minute,
            Lit(":"),
            Second,
            Fraction,
            Offset { colon: true, z: true },
        ],
        &[Year, Lit("-"), NumMonth, Lit("-"), Day],
        &[Year, Lit("-"), NumMonth, Lit("-"), Day, Lit(" "), Hour, Lit(":"), Minute],
        &[Year, Lit("-"), NumMonth, Lit("-"), Day, Lit(" "), Hour, Lit(":"), Minute, Lit(":"), Second],
        &[
            Year,
            Lit("-"),
            NumMonth,
            Lit("-"),
            Day,
            Lit(" "),
            Hour,
            Lit(":"),
            Minute,
            Lit(":"),
            Second,
            Offset { colon: true, z: false },
        ],
        &[Year, Lit("-"), NumMonth, Lit("-"), Day, Lit("T"), Hour, Offset { colon: false, z: true }],
        &[
            Year,
            Lit("-"),
            NumMonth,
            Lit("-"),
            Day,
            Lit("T"),
            Hour,
            Lit(":"),
            Minute,
            Offset { colon: false, z: true },
        ],
        &[
            Year,
            Lit("-"),
            NumMonth,
            Lit("-"),
            Day,
            Lit("T"),
            Hour,
            Lit(":"),
            Minute,
            Lit(":"),
            Second,
            Offset { colon: false, z: true },
        ],
        &[
            Year,
            Lit("-"),
            NumMonth,
            Lit("-"),
            Day,
            Lit("T"),
            Hour,
            Lit(":"),
            Minute,
            Lit(":"),
            Second,
            Fraction,
            Offset { colon: false, z: true },
        ],
    ]
};

/// One element of a Go layout.
#[derive(Clone, Copy, Debug)]
enum Part {
    /// Text that must be there as it is.
    Lit(&'static str),
    /// `Mon` (or the full name).
    WeekDay,
    /// `Jan` (or the full name).
    Month,
    /// `01`.
    NumMonth,
    /// `02`.
    Day,
    /// `_2`: one or two digits, maybe after a space.
    SpaceDay,
    /// `2006`.
    Year,
    /// `15`.
    Hour,
    /// `3`.
    Hour12,
    /// `04`.
    Minute,
    /// `05`.
    Second,
    /// `.999999999`: an optional fraction.
    Fraction,
    /// `PM`.
    Pm,
    /// `MST`.
    ZoneName,
    /// `-0700`, `-07:00`, `Z0700`, `Z07:00`.
    Offset { colon: bool, z: bool },
}

/// Go's day names (`time.Weekday.String`), from Sunday; also sprig's dates.
pub(crate) const DAYS: [&str; 7] =
    ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/// Go's month names (`time.Month.String`); also sprig's dates.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A moment read from a date string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Moment {
    /// Seconds since the Unix epoch.
    seconds: i64,
    /// Nanoseconds of the fraction.
    nanos: u32,
    /// The zone's offset from UTC in seconds.
    offset: i64,
    /// The zone's name as Go prints it: `UTC`, an abbreviation read from the
    /// text, or none (a bare offset, printed as the offset again).
    zone: Option<String>,
}

impl Moment {
    /// Seconds since the epoch (`time.Time.Unix`).
    pub fn unix(&self) -> i64 {
        self.seconds
    }
}

impl std::fmt::Display for Moment {
    /// Go's `time.Time.String`: `2006-01-02 15:04:05.999999999 -0700 MST`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let local = self.seconds + self.offset;
        let (days, time) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        write!(f, "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}", time / 3600, time / 60 % 60, time % 60)?;
        if self.nanos > 0 {
            let fraction = format!("{:09}", self.nanos);
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        let sign = if self.offset < 0 { '-' } else { '+' };
        let offset = format!("{sign}{:02}{:02}", self.offset.abs() / 3600, self.offset.abs() / 60 % 60);
        write!(f, " {offset} {}", self.zone.as_deref().unwrap_or(&offset))
    }
}

/// The moment of `text` if one of govaluate's layouts reads it.
pub(super) fn parse(text: &str) -> Option<Moment> {
    LAYOUTS.iter().find_map(|layout| read(layout, text))
}

#[derive(Default)]
struct Fields {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    offset: i64,
    nanos: u32,
    pm: Option<bool>,
    /// `Some` for a zone name, `Some(None)` for a bare offset, `None` for no zone (UTC).
    zone: Option<Option<String>>,
}

fn read(layout: &[Part], text: &str) -> Option<Moment> {
    let mut f = Fields { month: 1, day: 1, ..Fields::default() };
    let mut rest = text;
    for (index, part) in layout.iter().enumerate() {
        rest = match *part {
            Part::Lit(lit) => rest.strip_prefix(lit)?,
            Part::WeekDay => name(rest, &DAYS)?.1,
            Part::Month => {
                let (month, rest) = name(rest, &MONTHS)?;
                f.month = month as i64 + 1;
                rest
            }
            Part::NumMonth => number(rest, 2, 2, &mut f.month)?,
            Part::Day => number(rest, 2, 2, &mut f.day)?,
            Part::SpaceDay => number(rest.strip_prefix(' ').unwrap_or(rest), 1, 2, &mut f.day)?,
            Part::Year => number(rest, 4, 4, &mut f.year)?,
            Part::Hour | Part::Hour12 => number(rest, 1, 2, &mut f.hour)?,
            Part::Minute => number(rest, 2, 2, &mut f.minute)?,
            Part::Second => {
                let rest = number(rest, 2, 2, &mut f.second)?;
                // Go accepts a fraction after the seconds even when the layout has none.
                let next_is_fraction = matches!(layout.get(index + 1), Some(Part::Fraction));
                if next_is_fraction { rest } else { fraction(rest, &mut f.nanos) }
            }
            Part::Fraction => fraction(rest, &mut f.nanos),
            Part::Pm => {
                let (pm, rest) = if let Some(rest) = rest.strip_prefix("PM") {
                    (true, rest)
                } else {
                    (false, rest.strip_prefix("AM")?)
                };
                f.pm = Some(pm);
                rest
            }
            Part::ZoneName => {
                let (name, rest) = zone_name(rest)?;
                f.zone = Some(Some(name.to_owned()));
                rest
            }
            Part::Offset { colon, z } => {
                let (zulu, rest) = offset(rest, colon, z, &mut f.offset)?;
                // With the local zone UTC, Go names a zero offset UTC; other offsets stay nameless.
                f.zone = Some((zulu || f.offset == 0).then(|| "UTC".to_owned()));
                rest
            }
        };
    }
    if !rest.is_empty() {
        return None;
    }
    if let Some(pm) = f.pm {
        if f.hour > 12 {
            return None;
        }
        f.hour = match (pm, f.hour) {
            (true, h) if h < 12 => h + 12,
            (false, 12) => 0,
            (_, h) => h,
        };
    }
    let valid_day = (1..=12).contains(&f.month) && f.day >= 1 && f.day <= days_in(f.month, f.year);
    if !valid_day || f.hour > 23 || f.minute > 59 || f.second > 59 {
        return None;
    }
    let days = days_from_civil(f.year, f.month, f.day);
    let seconds = days * 86_400 + f.hour * 3_600 + f.minute * 60 + f.second - f.offset;
    let zone = match f.zone {
        None => Some("UTC".to_owned()),
        Some(Some(name)) if name == "UTC" => Some(name),
        Some(zone) => zone,
    };
    Some(Moment { seconds, nanos: f.nanos, offset: f.offset, zone })
}

/// A day or month name: its three-letter abbreviation or the whole name, in any case.
fn name<'a>(text: &'a str, names: &[&str]) -> Option<(usize, &'a str)> {
    names.iter().enumerate().find_map(|(index, full)| {
        let short = &full[..3];
        let matches = |candidate: &str| {
            text.get(..candidate.len()).is_some_and(|head| head.eq_ignore_ascii_case(candidate))
        };
        // Go's layouts here use the short names; they match a prefix of the text.
        matches(short).then(|| (index, &text[short.len()..]))
    })
}

fn number<'a>(text: &'a str, min: usize, max: usize, out: &mut i64) -> Option<&'a str> {
    let digits = text.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if digits < min {
        return None;
    }
    *out = text[..digits].parse().ok()?;
    Some(&text[digits..])
}

fn fraction<'a>(text: &'a str, nanos: &mut u32) -> &'a str {
    let bytes = text.as_bytes();
    if bytes.len() < 2 || !matches!(bytes[0], b'.' | b',') || !bytes[1].is_ascii_digit() {
        return text;
    }
    let digits = bytes[1..].iter().take_while(|b| b.is_ascii_digit()).count();
    let nine: String = text[1..1 + digits].chars().chain(std::iter::repeat('0')).take(9).collect();
    *nanos = nine.parse().unwrap_or(0);
    &text[1 + digits..]
}

fn zone_name(text: &str) -> Option<(&str, &str)> {
    if text.starts_with("UTC") {
        return Some(text.split_at(3));
    }
    let letters = text.bytes().take_while(u8::is_ascii_uppercase).count();
    (3..=5).contains(&letters).then(|| text.split_at(letters))
}

/// An offset; the flag says it was written `Z`.
fn offset<'a>(text: &'a str, colon: bool, z: bool, out: &mut i64) -> Option<(bool, &'a str)> {
    if z && let Some(rest) = text.strip_prefix('Z') {
        *out = 0;
        return Some((true, rest));
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (mut hours, mut minutes) = (0, 0);
    let rest = number(&text[1..], 2, 2, &mut hours)?;
    let rest = if colon { rest.strip_prefix(':')? } else { rest };
    let rest = number(rest, 2, 2, &mut minutes)?;
    *out = sign * (hours * 3_600 + minutes * 60);
    Some((false, rest))
}

fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    fn parse(text: &str) -> Option<f64> {
        super::parse(text).map(|moment| moment.unix() as f64)
    }

    #[test]
    fn moments_print_as_go_prints_them() {
        let printed = |text: &str| super::parse(text).unwrap().to_string();
        assert_eq!(printed("2014-01-02 10:00"), "2014-01-02 10:00:00 +0000 UTC");
        assert_eq!(printed("2014-01-02T03:04:05.120Z"), "2014-01-02 03:04:05.12 +0000 UTC");
        assert_eq!(printed("2014-01-02 03:04:05-07:00"), "2014-01-02 03:04:05 -0700 -0700");
        assert_eq!(printed("Thu Jan  2 03:04:05 MST 2014"), "2014-01-02 03:04:05 +0000 MST");
        assert_eq!(printed("3:04PM"), "0000-01-01 15:04:00 +0000 UTC");
    }

    #[test]
    fn go_layouts_read_dates_as_unix_seconds() {
        assert_eq!(parse("2014-01-02"), Some(1_388_620_800.0));
        assert_eq!(parse("2014-01-02 03:04"), Some(1_388_631_840.0));
        assert_eq!(parse("2014-01-02 03:04:05"), Some(1_388_631_845.0));
        assert_eq!(parse("2014-01-02T03:04:05Z"), Some(1_388_631_845.0));
        assert_eq!(parse("2014-01-02T03:04:05.123+01:00"), Some(1_388_628_245.0));
        assert_eq!(parse("2014-01-02 03:04:05-07:00"), Some(1_388_657_045.0));
        assert_eq!(parse("2014-01-02T03Z"), Some(1_388_631_600.0));
        assert_eq!(parse("Thu Jan  2 03:04:05 2014"), Some(1_388_631_845.0));
        assert_eq!(parse("Thu Jan 02 03:04:05 -0700 2014"), Some(1_388_657_045.0));
        assert_eq!(parse("Thu Jan  2 03:04:05 MST 2014"), Some(1_388_631_845.0));
        // Kitchen times fall on January 1st of year 0.
        assert_eq!(parse("3:04PM"), Some(-62_167_219_200.0 + 15.0 * 3600.0 + 240.0));
    }

    #[test]
    fn what_go_refuses_stays_a_string() {
        for text in ["2014-1-2", "2014-02-30", "2014-01-02 25:00", "heads", "2014-01-02x", "13:04PM", ""] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
