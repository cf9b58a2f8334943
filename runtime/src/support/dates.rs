//! Dates as the text the API sent, with typed access through the `time` crate.
//!
//! [`Date`] and [`DateTime`] hold the wire text and nothing else: any string decodes (even
//! `"2022--11-01"` or `""`, both seen in published samples) and encodes back byte for byte.
//! With the `time` cargo feature (on by default) they also parse the documented formats into
//! `time`'s types and are built from them in the documented format.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! date_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Kept as the text the API sent: the API is not consistent about formats (time zone
        /// GMT+02:00 for some filters, UTC for others), so the bindings never reinterpret a date.
        /// Decoding accepts any string and encoding writes it back unchanged; typed access (the
        /// `time` feature) parses on demand and reports text that is not in a documented format
        /// as a `DateError` rather than failing the whole response.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a date written in the documented format.
            pub fn new(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            /// The date as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }
    };
}

date_newtype!(
    /// A calendar date, documented as `YYYY-MM-DD`.
    Date
);
date_newtype!(
    /// A date and time: `YYYY-MM-DD HH:MM:SS` or ISO 8601 (`2021-01-05T17:21:42+00:00`),
    /// as the method's documentation states.
    DateTime
);

/// Writes `YYYY-MM-DD`, the documented date format.
///
/// Plain `format!` over `time`'s fields rather than `time`'s `formatting` feature: it cannot
/// fail, and the login timestamp (which is not behind the `time` feature) shares it.
pub(crate) fn write_date(date: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Writes `HH:MM:SS` (subseconds are not part of any documented format and are dropped).
pub(crate) fn write_time(time: time::Time) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        time.hour(),
        time.minute(),
        time.second()
    )
}

#[cfg(feature = "time")]
pub use typed::{DateError, TypedDateTime};

#[cfg(feature = "time")]
mod typed {
    use std::fmt;

    use time::format_description::BorrowedFormatItem;
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

    use super::{Date, DateTime, write_date, write_time};

    const DATE: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");
    const SPACED: &[BorrowedFormatItem<'static>] =
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    const ISO_LOCAL: &[BorrowedFormatItem<'static>] =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");

    const EXPECTED_DATE: &str = "a date `YYYY-MM-DD`";
    const EXPECTED_DATE_TIME: &str =
        "a date and time `YYYY-MM-DD HH:MM:SS` or ISO 8601 (`2021-01-05T17:21:42+00:00`)";
    const EXPECTED_PRIMITIVE: &str = "a date and time without a UTC offset \
         (`YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`)";
    const EXPECTED_OFFSET: &str =
        "a date and time with a UTC offset (ISO 8601, `2021-01-05T17:21:42+00:00`)";

    /// A [`DateTime`] parsed into `time`'s types: with or without a UTC offset, as the text was.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum TypedDateTime {
        /// `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`: a wall-clock time in a zone the text
        /// does not name (the API uses UTC for some fields, GMT+02:00 for others).
        Primitive(PrimitiveDateTime),
        /// ISO 8601 with an offset (`2021-01-05T17:21:42+00:00`, `…Z`, fractional seconds
        /// allowed): an instant.
        Offset(OffsetDateTime),
    }

    /// Why a date's text could not be read as a documented format. The text itself is kept
    /// unchanged in the [`Date`] / [`DateTime`]; only the typed view failed.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct DateError {
        text: String,
        expected: &'static str,
        problem: Problem,
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Problem {
        /// Not in the format at all (or an impossible date such as 2023-02-29).
        Parse(time::error::Parse),
        /// A sign before the year: `time` reads `+2020-01-01`, the documented formats have none.
        SignedYear,
        /// The text is a valid date and time with an offset; a zone-less value was asked for.
        HasOffset,
        /// The text is a valid date and time without an offset; an instant was asked for.
        NoOffset,
    }

    impl DateError {
        fn parse(text: &str, expected: &'static str, error: time::error::Parse) -> Self {
            Self {
                text: text.to_owned(),
                expected,
                problem: Problem::Parse(error),
            }
        }

        /// Every documented format starts with an unsigned four-digit year, which `time`'s
        /// `[year]` does not enforce (it takes an optional sign).
        fn reject_signed_year(text: &str, expected: &'static str) -> Result<(), Self> {
            if text.starts_with(['+', '-']) {
                Err(Self {
                    text: text.to_owned(),
                    expected,
                    problem: Problem::SignedYear,
                })
            } else {
                Ok(())
            }
        }

        /// The text that was not in the expected format, as the API sent it.
        pub fn text(&self) -> &str {
            &self.text
        }

        /// What was expected instead, in words (`a date \`YYYY-MM-DD\``).
        pub fn expected(&self) -> &'static str {
            self.expected
        }
    }

    impl fmt::Display for DateError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{:?} is not {}", self.text, self.expected)?;
            match &self.problem {
                Problem::Parse(error) => write!(f, " ({error})"),
                Problem::SignedYear => f.write_str(" (the year must be four digits, unsigned)"),
                Problem::HasOffset => {
                    f.write_str(" (it has a UTC offset: use `to_offset` or `to_typed`)")
                }
                Problem::NoOffset => f.write_str(
                    " (it names no zone: use `to_primitive` and choose an offset with \
                     `assume_offset`)",
                ),
            }
        }
    }

    impl std::error::Error for DateError {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            match &self.problem {
                Problem::Parse(error) => Some(error),
                Problem::SignedYear | Problem::HasOffset | Problem::NoOffset => None,
            }
        }
    }

    impl Date {
        /// Parses the text as the documented `YYYY-MM-DD` (a real calendar date: `2023-02-29`
        /// is an error).
        ///
        /// ```
        /// use time::Month;
        /// use twocheckout_rpc::support::Date;
        ///
        /// let date = Date::from("2024-02-29").to_date().unwrap();
        /// assert_eq!((date.year(), date.month(), date.day()), (2024, Month::February, 29));
        ///
        /// let odd = Date::from("2022--11-01");
        /// assert!(odd.to_date().is_err());
        /// assert_eq!(odd.as_str(), "2022--11-01"); // the text is kept
        /// ```
        pub fn to_date(&self) -> Result<time::Date, DateError> {
            DateError::reject_signed_year(&self.0, EXPECTED_DATE)?;
            time::Date::parse(&self.0, DATE)
                .map_err(|error| DateError::parse(&self.0, EXPECTED_DATE, error))
        }
    }

    impl From<time::Date> for Date {
        /// Writes the date as `YYYY-MM-DD`.
        fn from(date: time::Date) -> Self {
            Self(write_date(date))
        }
    }

    impl DateTime {
        /// Parses the text as one of the documented forms and says which it was.
        ///
        /// - `YYYY-MM-DD HH:MM:SS` and `YYYY-MM-DDTHH:MM:SS` give
        ///   [`TypedDateTime::Primitive`];
        /// - ISO 8601 with an offset (RFC 3339: `2021-01-05T17:21:42+00:00`, `…Z`, optional
        ///   fractional seconds) gives [`TypedDateTime::Offset`].
        ///
        /// ```
        /// use twocheckout_rpc::support::{DateTime, TypedDateTime};
        ///
        /// let sent = DateTime::from("2021-01-05T17:21:42+00:00");
        /// let TypedDateTime::Offset(at) = sent.to_typed().unwrap() else { panic!() };
        /// assert_eq!(at.unix_timestamp(), 1_609_867_302);
        /// ```
        pub fn to_typed(&self) -> Result<TypedDateTime, DateError> {
            let text = self.0.as_str();
            DateError::reject_signed_year(text, EXPECTED_DATE_TIME)?;
            // `YYYY-MM-DD` is 10 bytes; byte 10 tells the documented forms apart.
            match text.as_bytes().get(10) {
                Some(b' ') => PrimitiveDateTime::parse(text, SPACED)
                    .map(TypedDateTime::Primitive)
                    .map_err(|error| DateError::parse(text, EXPECTED_DATE_TIME, error)),
                // 19 bytes is `YYYY-MM-DDTHH:MM:SS` with nothing after: no offset.
                Some(b'T') if text.len() == 19 => PrimitiveDateTime::parse(text, ISO_LOCAL)
                    .map(TypedDateTime::Primitive)
                    .map_err(|error| DateError::parse(text, EXPECTED_DATE_TIME, error)),
                _ => OffsetDateTime::parse(text, &Rfc3339)
                    .map(TypedDateTime::Offset)
                    .map_err(|error| DateError::parse(text, EXPECTED_DATE_TIME, error)),
            }
        }

        /// Parses a date and time without an offset (`YYYY-MM-DD HH:MM:SS` or
        /// `YYYY-MM-DDTHH:MM:SS`). Text with an offset is an error rather than silently losing
        /// the offset: use [`to_offset`](Self::to_offset) or [`to_typed`](Self::to_typed).
        ///
        /// ```
        /// use twocheckout_rpc::support::DateTime;
        ///
        /// let at = DateTime::from("2015-11-18 16:47:07").to_primitive().unwrap();
        /// assert_eq!((at.hour(), at.minute(), at.second()), (16, 47, 7));
        /// ```
        pub fn to_primitive(&self) -> Result<PrimitiveDateTime, DateError> {
            match self.to_typed() {
                Ok(TypedDateTime::Primitive(at)) => Ok(at),
                Ok(TypedDateTime::Offset(_)) => Err(DateError {
                    text: self.0.clone(),
                    expected: EXPECTED_PRIMITIVE,
                    problem: Problem::HasOffset,
                }),
                Err(error) => Err(DateError {
                    expected: EXPECTED_PRIMITIVE,
                    ..error
                }),
            }
        }

        /// Parses ISO 8601 with an offset (`2021-01-05T17:21:42+00:00`). Text without an offset
        /// is an error: the bindings do not guess the zone (use
        /// [`to_primitive`](Self::to_primitive) and `assume_offset` / `assume_utc` when the
        /// method's documentation names it).
        pub fn to_offset(&self) -> Result<OffsetDateTime, DateError> {
            match self.to_typed() {
                Ok(TypedDateTime::Offset(at)) => Ok(at),
                Ok(TypedDateTime::Primitive(_)) => Err(DateError {
                    text: self.0.clone(),
                    expected: EXPECTED_OFFSET,
                    problem: Problem::NoOffset,
                }),
                Err(error) => Err(DateError {
                    expected: EXPECTED_OFFSET,
                    ..error
                }),
            }
        }

        /// Writes `YYYY-MM-DD HH:MM:SS` (subseconds are dropped: no documented format has them).
        ///
        /// ```
        /// use time::macros::datetime;
        /// use twocheckout_rpc::support::DateTime;
        ///
        /// let sent = DateTime::from_primitive(datetime!(2024-02-29 23:59:59));
        /// assert_eq!(sent.as_str(), "2024-02-29 23:59:59");
        /// ```
        pub fn from_primitive(at: PrimitiveDateTime) -> Self {
            Self(format!(
                "{} {}",
                write_date(at.date()),
                write_time(at.time())
            ))
        }

        /// Writes ISO 8601 with the value's own offset, as the documentation's samples do
        /// (`2021-01-05T17:21:42+00:00`; UTC as `+00:00`, not `Z`). Subseconds are dropped.
        /// An offset with a seconds part (historic local mean times only) cannot be written, so
        /// such a value is first moved to its offset truncated to the minute: the same instant
        /// at a slightly different wall-clock time.
        ///
        /// ```
        /// use time::macros::datetime;
        /// use twocheckout_rpc::support::DateTime;
        ///
        /// let sent = DateTime::from_offset(datetime!(2021-01-05 19:21:42 +02:00));
        /// assert_eq!(sent.as_str(), "2021-01-05T19:21:42+02:00");
        /// ```
        pub fn from_offset(at: OffsetDateTime) -> Self {
            let at = if at.offset().seconds_past_minute() == 0 {
                at
            } else {
                let (hours, minutes, _) = at.offset().as_hms();
                // Same sign as the original, so it stays in range (|offset| < 26 h).
                let truncated = UtcOffset::from_hms(hours, minutes, 0).unwrap_or(UtcOffset::UTC);
                // `None` only at the edge of `time`'s year range: keep the value as it is.
                at.checked_to_offset(truncated).unwrap_or(at)
            };
            let offset = at.offset();
            let sign = if offset.is_negative() { '-' } else { '+' };
            Self(format!(
                "{}T{}{sign}{:02}:{:02}",
                write_date(at.date()),
                write_time(at.time()),
                offset.whole_hours().unsigned_abs(),
                offset.minutes_past_hour().unsigned_abs(),
            ))
        }
    }

    impl From<PrimitiveDateTime> for DateTime {
        /// Same as [`DateTime::from_primitive`].
        fn from(at: PrimitiveDateTime) -> Self {
            Self::from_primitive(at)
        }
    }

    impl From<OffsetDateTime> for DateTime {
        /// Same as [`DateTime::from_offset`].
        fn from(at: OffsetDateTime) -> Self {
            Self::from_offset(at)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the text, it decodes and re-encodes unchanged.
    #[test]
    fn wire_text_is_kept() {
        for text in [
            "2020-01-01",
            "2015-11-18 16:47:07",
            "2021-01-05T17:21:42+00:00",
            "2022--11-01",
            "",
            "0000-00-00 00:00:00",
            "05/01/2020",
            "2023-02-29",
            " 2020-01-01 ",
        ] {
            let json = serde_json::to_string(text).unwrap();
            let date: Date = serde_json::from_str(&json).unwrap();
            assert_eq!(date.as_str(), text);
            assert_eq!(serde_json::to_string(&date).unwrap(), json);
            let date_time: DateTime = serde_json::from_str(&json).unwrap();
            assert_eq!(date_time.to_string(), text);
            assert_eq!(serde_json::to_string(&date_time).unwrap(), json);
        }
    }

    #[test]
    fn login_helpers_write_the_documented_layout() {
        let date = time::Date::from_calendar_date(2024, time::Month::February, 29).unwrap();
        assert_eq!(write_date(date), "2024-02-29");
        let at = time::Time::from_hms_nano(7, 5, 9, 999_999_999).unwrap();
        assert_eq!(write_time(at), "07:05:09");
    }

    #[cfg(feature = "time")]
    mod typed {
        use std::error::Error as _;

        use time::macros::{date, datetime, offset};
        use time::{Month, UtcOffset};

        use super::super::*;

        #[test]
        fn parses_the_documented_date() {
            assert_eq!(
                Date::from("2020-01-01").to_date().unwrap(),
                date!(2020 - 01 - 01)
            );
            assert_eq!(
                Date::from("2024-02-29").to_date().unwrap(),
                date!(2024 - 02 - 29)
            );
            assert_eq!(
                Date::from("1999-12-31").to_date().unwrap().month(),
                Month::December
            );
        }

        #[test]
        fn odd_dates_are_errors_and_keep_their_text() {
            for text in [
                "2022--11-01",
                "",
                "2023-02-29",
                "2020-13-01",
                "2020-00-10",
                "2020-01-00",
                "2020-1-01",
                "20200101",
                "2020-01-01 00:00:00",
                "2020-01-01T00:00:00+00:00",
                " 2020-01-01",
                "2020-01-01 ",
                "05/01/2020",
                "+2020-01-01",
                "-2020-01-01",
                "２０２０-01-01",
            ] {
                let date = Date::from(text);
                let error = date.to_date().expect_err(text);
                assert_eq!(error.text(), text);
                assert_eq!(error.expected(), "a date `YYYY-MM-DD`");
                assert!(
                    error
                        .to_string()
                        .starts_with(&format!("{text:?} is not a date"))
                );
                assert_eq!(
                    error.source().is_some(),
                    !text.starts_with(['+', '-']),
                    "{text}"
                );
                assert_eq!(date.as_str(), text);
            }
        }

        #[test]
        fn parses_every_documented_date_time_form() {
            let spaced = DateTime::from("2015-11-18 16:47:07");
            assert_eq!(
                spaced.to_typed().unwrap(),
                TypedDateTime::Primitive(datetime!(2015-11-18 16:47:07))
            );
            assert_eq!(
                spaced.to_primitive().unwrap(),
                datetime!(2015-11-18 16:47:07)
            );

            let local = DateTime::from("2015-11-18T16:47:07");
            assert_eq!(
                local.to_primitive().unwrap(),
                datetime!(2015-11-18 16:47:07)
            );

            let utc = DateTime::from("2021-01-05T17:21:42+00:00");
            assert_eq!(
                utc.to_typed().unwrap(),
                TypedDateTime::Offset(datetime!(2021-01-05 17:21:42 UTC))
            );
            assert_eq!(utc.to_offset().unwrap().offset(), UtcOffset::UTC);

            let zulu = DateTime::from("2021-01-05T17:21:42Z");
            assert_eq!(
                zulu.to_offset().unwrap(),
                datetime!(2021-01-05 17:21:42 UTC)
            );

            let gmt2 = DateTime::from("2021-01-05T19:21:42+02:00");
            let at = gmt2.to_offset().unwrap();
            assert_eq!(at.offset(), offset!(+02:00));
            assert_eq!(at, datetime!(2021-01-05 17:21:42 UTC));

            let west = DateTime::from("2021-01-05T12:21:42-05:00");
            assert_eq!(
                west.to_offset().unwrap(),
                datetime!(2021-01-05 17:21:42 UTC)
            );

            let fraction = DateTime::from("2021-01-05T17:21:42.250+00:00");
            assert_eq!(fraction.to_offset().unwrap().millisecond(), 250);

            let leap = DateTime::from("2024-02-29 23:59:59");
            assert_eq!(leap.to_primitive().unwrap(), datetime!(2024-02-29 23:59:59));
        }

        #[test]
        fn odd_date_times_are_errors_and_keep_their_text() {
            for text in [
                "",
                "2022--11-01",
                "2022--11-01 10:00:00",
                "2020-01-01",
                "2020-01-01 24:00:00",
                "2020-01-01 12:60:00",
                "2020-01-01 12:00",
                "2020-01-01 12:00:0x",
                "2020-01-01 12:00:00 ",
                "2020-01-01 12:00:00+00:00",
                "2023-02-29 00:00:00",
                "2020-01-01T12:00",
                "2020-01-01T12:00:00+0000",
                "2020-01-01T12:00:00+25:00",
                "+2020-01-01 12:00:00",
                "-2020-01-01T12:00:00+00:00",
                "05/01/2020 12:00:00",
                "now",
            ] {
                let date_time = DateTime::from(text);
                for error in [
                    date_time.to_typed().expect_err(text),
                    date_time.to_primitive().expect_err(text),
                    date_time.to_offset().expect_err(text),
                ] {
                    assert_eq!(error.text(), text);
                    assert_eq!(
                        error.source().is_some(),
                        !text.starts_with(['+', '-']),
                        "{text}"
                    );
                    assert!(
                        error
                            .to_string()
                            .starts_with(&format!("{text:?} is not a date"))
                    );
                }
                assert_eq!(date_time.as_str(), text);
            }
        }

        #[test]
        fn asking_for_the_other_form_says_why() {
            let error = DateTime::from("2021-01-05T17:21:42+00:00")
                .to_primitive()
                .unwrap_err();
            assert!(error.source().is_none());
            assert!(error.to_string().contains("has a UTC offset"), "{error}");

            let error = DateTime::from("2015-11-18 16:47:07")
                .to_offset()
                .unwrap_err();
            assert!(error.source().is_none());
            assert!(error.to_string().contains("names no zone"), "{error}");
            assert_eq!(error.text(), "2015-11-18 16:47:07");
        }

        #[test]
        fn constructors_write_the_documented_formats() {
            assert_eq!(Date::from(date!(2024 - 02 - 29)).as_str(), "2024-02-29");
            assert_eq!(Date::from(date!(0047 - 01 - 02)).as_str(), "0047-01-02");
            assert_eq!(
                DateTime::from_primitive(datetime!(2026-12-31 23:59:59.999)).as_str(),
                "2026-12-31 23:59:59"
            );
            assert_eq!(
                DateTime::from(datetime!(1970-01-01 00:00:00)).as_str(),
                "1970-01-01 00:00:00"
            );
            assert_eq!(
                DateTime::from_offset(datetime!(2021-01-05 17:21:42 UTC)).as_str(),
                "2021-01-05T17:21:42+00:00"
            );
            assert_eq!(
                DateTime::from(datetime!(2021-01-05 12:21:42 -05:30)).as_str(),
                "2021-01-05T12:21:42-05:30"
            );
            assert_eq!(
                DateTime::from_offset(datetime!(2021-01-05 17:21:42 -00:30)).as_str(),
                "2021-01-05T17:21:42-00:30"
            );
        }

        #[test]
        fn offsets_with_seconds_keep_the_instant() {
            let odd = UtcOffset::from_hms(1, 2, 3).unwrap();
            let at = datetime!(2021-01-05 17:21:42 UTC).to_offset(odd);
            let written = DateTime::from_offset(at);
            // 18:23:45 at +01:02:03 is 18:23:42 at +01:02: the same instant.
            assert_eq!(written.as_str(), "2021-01-05T18:23:42+01:02");
            assert_eq!(written.to_offset().unwrap(), at);
        }

        #[test]
        fn constructors_round_trip() {
            for at in [
                datetime!(1970-01-01 00:00:00),
                datetime!(2000-02-29 12:34:56),
                datetime!(9999-12-31 23:59:59),
            ] {
                assert_eq!(DateTime::from(at).to_primitive().unwrap(), at);
                assert_eq!(Date::from(at.date()).to_date().unwrap(), at.date());
                let utc = at.assume_offset(offset!(+02:00));
                assert_eq!(DateTime::from(utc).to_offset().unwrap(), utc);
            }
        }
    }
}
