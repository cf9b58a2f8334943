//! UTC wall-clock helpers: the login date format, calendar dates and ISO 8601 timestamps, on
//! the `time` crate.

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

/// `YYYY-MM-DD`.
const DATE: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");
/// `YYYY-MM-DD HH:MM:SS`, the login date.
const LOGIN_DATE: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
/// `2026-01-05T17:21:42+00:00`, as proposals carry their dates.
const ISO8601: &[BorrowedFormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
);

/// The current UTC time on the clock of the sandbox answering (see [`crate::kit::clock`]).
pub fn now() -> OffsetDateTime {
    crate::kit::clock::shifted(OffsetDateTime::now_utc(), crate::kit::clock::offset())
}

/// Seconds since the Unix epoch on the real clock, whatever the sandbox's clock says.
pub fn real_now_unix() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// A monotonic instant on the clock of the sandbox answering, for deadlines.
pub fn instant_now() -> std::time::Instant {
    let now = std::time::Instant::now();
    now.checked_add(crate::kit::clock::offset()).unwrap_or(now)
}

/// Parses the login date, `YYYY-MM-DD HH:MM:SS` in UTC, into seconds since the epoch.
/// Returns `None` for anything else (other separators, out-of-range fields, trailing text).
pub fn parse_login_date(text: &str) -> Option<i64> {
    if !unsigned_year(text) {
        return None;
    }
    PrimitiveDateTime::parse(text, LOGIN_DATE)
        .ok()
        .map(|at| at.assume_utc().unix_timestamp())
}

/// Parses a calendar date `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    if !unsigned_year(text) {
        return None;
    }
    Date::parse(text, DATE).ok()
}

/// Whether `text` is a calendar date `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    parse_date(text).is_some()
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

/// Formats a UTC time as ISO 8601 (`2026-01-05T17:21:42+00:00`), as proposals carry their dates.
pub fn iso8601(at: OffsetDateTime) -> String {
    format(at, ISO8601)
}

/// Formats a UTC time as the login date format `YYYY-MM-DD HH:MM:SS`.
pub fn login_date(at: OffsetDateTime) -> String {
    format(at, LOGIN_DATE)
}

/// The calendar date `days` days after `date` (`YYYY-MM-DD`, possibly followed by a time;
/// negative goes back), or `None` when `date` is not a calendar date.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    let date = parse_date(date.get(0..10)?)?;
    let moved = date.checked_add(time::Duration::days(days))?;
    Some(write_date(moved))
}

/// Days from `from` to `to` (both `YYYY-MM-DD`, possibly followed by a time), negative when `to`
/// is earlier.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    let from = parse_date(from.get(0..10)?)?;
    let to = parse_date(to.get(0..10)?)?;
    Some((to - from).whole_days())
}

/// Today's UTC date, `YYYY-MM-DD`.
pub fn today() -> String {
    write_date(now().date())
}

/// Formats a calendar date as `YYYY-MM-DD`.
pub fn write_date(date: Date) -> String {
    // A `String` sink cannot fail, and a date has every component `DATE` names.
    date.format(DATE).unwrap_or_default()
}

/// The same day one year later; 29 February becomes 1 March.
pub fn next_year(date: Date) -> Option<Date> {
    let year = date.year().checked_add(1)?;
    date.replace_year(year)
        .ok()
        .or_else(|| Date::from_calendar_date(year, time::Month::March, 1).ok())
}

fn format(at: OffsetDateTime, description: &[BorrowedFormatItem<'_>]) -> String {
    // These descriptions only name components an `OffsetDateTime` has, and a `String` sink
    // cannot fail; a year outside 0000–9999 is the only odd case, and it still formats.
    at.format(description).unwrap_or_default()
}

/// `time`'s `[year]` takes an optional sign; the documented formats have none.
fn unsigned_year(text: &str) -> bool {
    text.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn at(unix: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(unix).unwrap()
    }

    #[test]
    fn parses_the_documented_login_date() {
        assert_eq!(parse_login_date("2010-05-13 12:12:12"), Some(1_273_752_732));
        assert_eq!(parse_login_date("1970-01-01 00:00:00"), Some(0));
        assert_eq!(parse_login_date("2000-02-29 23:59:59"), Some(951_868_799));
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
            "2010-05-13 12:12:12 ",
            "+2010-05-13 12:12:12",
            "",
        ] {
            assert_eq!(parse_login_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for unix in [0, 951_782_400, 1_273_752_732, 4_102_444_799] {
            assert_eq!(parse_login_date(&login_date(at(unix))), Some(unix));
        }
        assert_eq!(iso8601(at(1_273_752_732)), "2010-05-13T12:12:12+00:00");
        assert_eq!(login_date(at(1_798_761_599)), "2026-12-31 23:59:59");
        assert_eq!(login_date(at(0)), "1970-01-01 00:00:00");
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
        assert!(!is_date("2022--11-01"));
        assert!(!is_date("-2022-11-01"));
        assert!(is_date_time("2020-01-05T17:21:42+00:00"));
        assert!(is_date_time("2020-01-05 17:21:42"));
        assert!(!is_date_time("05/01/2020"));
        assert_eq!(parse_date("2026-03-01"), Some(date!(2026 - 03 - 01)));
        assert_eq!(write_date(date!(2026 - 03 - 01)), "2026-03-01");
    }

    #[test]
    fn next_year_moves_the_leap_day() {
        assert_eq!(
            next_year(date!(2026 - 03 - 01)),
            Some(date!(2027 - 03 - 01))
        );
        assert_eq!(
            next_year(date!(2024 - 02 - 29)),
            Some(date!(2025 - 03 - 01))
        );
        assert_eq!(
            next_year(date!(2023 - 12 - 31)),
            Some(date!(2024 - 12 - 31))
        );
        assert_eq!(
            login_date(datetime!(2024-02-29 08:00:00 UTC)),
            "2024-02-29 08:00:00"
        );
    }
}
