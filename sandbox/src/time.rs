//! UTC wall-clock helpers: the login date format and ISO 8601 timestamps, without a date crate.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now.
pub fn now_unix() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(elapsed) => i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX),
        // A clock before 1970 is a broken machine; treat it as the epoch rather than panic.
        Err(_) => 0,
    }
}

/// Parses the login date, `YYYY-MM-DD HH:MM:SS` in UTC, into seconds since the epoch.
/// Returns `None` for anything else (other separators, out-of-range fields, trailing text).
pub fn parse_login_date(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 19 || bytes[4] != b'-' || bytes[7] != b'-' || bytes[10] != b' ' {
        return None;
    }
    if bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let year = digits(&text[0..4])?;
    let month = digits(&text[5..7])?;
    let day = digits(&text[8..10])?;
    let hour = digits(&text[11..13])?;
    let minute = digits(&text[14..16])?;
    let second = digits(&text[17..19])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Whether `text` is a calendar date `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    match (
        digits(&text[0..4]),
        digits(&text[5..7]),
        digits(&text[8..10]),
    ) {
        (Some(year), Some(month), Some(day)) => {
            (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
        }
        _ => false,
    }
}

/// Whether `text` starts with a calendar date followed by nothing, a space or `T` and a time:
/// the two date-time forms the docs use (`YYYY-MM-DD HH:MM:SS` and ISO 8601).
pub fn is_date_time(text: &str) -> bool {
    let Some(date) = text.get(0..10) else {
        return false;
    };
    if !is_date(date) {
        return false;
    }
    let rest = &text[10..];
    rest.is_empty() || rest.starts_with(' ') || rest.starts_with('T')
}

/// Formats seconds since the epoch as ISO 8601 UTC (`2026-01-05T17:21:42+00:00`), as proposals
/// carry their dates.
pub fn iso8601(unix: i64) -> String {
    let (year, month, day) = civil_from_days(unix.div_euclid(86_400));
    let seconds = unix.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+00:00",
        seconds / 3_600,
        seconds % 3_600 / 60,
        seconds % 60
    )
}

/// Formats seconds since the epoch as the login date format `YYYY-MM-DD HH:MM:SS`.
pub fn login_date(unix: i64) -> String {
    iso8601(unix)[..19].replacen('T', " ", 1)
}

/// The calendar date `days` days after `date` (`YYYY-MM-DD`; negative goes back), or `None`
/// when `date` is not a calendar date.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    let date = date.get(0..10).filter(|d| is_date(d))?;
    let (year, month, day) = (
        digits(&date[0..4])?,
        digits(&date[5..7])?,
        digits(&date[8..10])?,
    );
    let (year, month, day) = civil_from_days(days_from_civil(year, month, day).checked_add(days)?);
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Days from `from` to `to` (both `YYYY-MM-DD`), negative when `to` is earlier.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    let day = |d: &str| -> Option<i64> {
        let d = d.get(0..10).filter(|d| is_date(d))?;
        Some(days_from_civil(
            digits(&d[0..4])?,
            digits(&d[5..7])?,
            digits(&d[8..10])?,
        ))
    };
    Some(day(to)? - day(from)?)
}

/// Today's UTC date, `YYYY-MM-DD`.
pub fn today() -> String {
    iso8601(now_unix())[..10].to_string()
}

fn digits(text: &str) -> Option<i64> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
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
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_login_date() {
        assert_eq!(parse_login_date("2010-05-13 12:12:12"), Some(1_273_752_732));
        assert_eq!(parse_login_date("1970-01-01 00:00:00"), Some(0));
    }

    #[test]
    fn rejects_malformed_login_dates() {
        for bad in [
            "2010-05-13T12:12:12",
            "2010-13-01 00:00:00",
            "2010-02-30 00:00:00",
            "2010-05-13 24:00:00",
            "2010-05-13 12:12",
            "2010-05-13 12:12:1x",
            "",
        ] {
            assert_eq!(parse_login_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for unix in [0, 951_782_400, 1_273_752_732, 4_102_444_799] {
            assert_eq!(parse_login_date(&login_date(unix)), Some(unix));
        }
        assert_eq!(iso8601(1_273_752_732), "2010-05-13T12:12:12+00:00");
    }

    #[test]
    fn adds_days_across_months_and_years() {
        assert_eq!(add_days("2025-12-30", 5).as_deref(), Some("2026-01-04"));
        assert_eq!(add_days("2024-03-01", -1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("2024-13-01", 1), None);
        assert_eq!(days_between("2025-01-01", "2026-01-01"), Some(365));
    }

    #[test]
    fn recognises_dates_and_date_times() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(is_date_time("2020-01-05T17:21:42+00:00"));
        assert!(is_date_time("2020-01-05 17:21:42"));
        assert!(!is_date_time("05/01/2020"));
    }
}
