//! Login hash computation and the login timestamp.
//!
//! `login(merchantCode, date, hash[, algo])` authenticates with an HMAC of
//! `len(code) + code + len(date) + date` keyed by the secret key, where the lengths are BYTE
//! lengths written in decimal. The same `date` string is sent as the second param, so it must be
//! taken once per login and used for both.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use time::OffsetDateTime;

/// The HMAC algorithm used for the `login` hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// HMAC-MD5, sent with 3 login params (legacy default).
    Md5,
    /// HMAC-SHA256, sent with a 4th login param `sha256`.
    Sha256,
    /// HMAC-SHA3-256, sent with a 4th login param `SHA3-256` (API 6.0).
    Sha3_256,
}

impl HashAlgorithm {
    /// The value of the 4th `login` param (`algo`), or `None` for MD5, which is sent with
    /// 3 params only.
    pub fn wire_name(self) -> Option<&'static str> {
        match self {
            Self::Md5 => None,
            Self::Sha256 => Some("sha256"),
            Self::Sha3_256 => Some("SHA3-256"),
        }
    }
}

/// The string the login hash is computed over: `len(code) + code + len(date) + date`, with the
/// lengths counted in bytes (a non-ASCII merchant code counts its UTF-8 bytes).
pub fn hash_source(merchant_code: &str, date: &str) -> String {
    format!(
        "{}{}{}{}",
        merchant_code.len(),
        merchant_code,
        date.len(),
        date
    )
}

/// The lowercase hex HMAC that `login` expects as its `hash` param.
///
/// ```
/// use twocheckout_rpc::auth::{login_hash, HashAlgorithm};
///
/// let hash = login_hash(HashAlgorithm::Md5, "AVANGATE", "2010-05-13 12:12:12", "SECRET_KEY");
/// assert_eq!(hash, "bf763db7d333e9c3038698cf59ada3e6");
/// ```
pub fn login_hash(
    algorithm: HashAlgorithm,
    merchant_code: &str,
    date: &str,
    secret_key: &str,
) -> String {
    let source = hash_source(merchant_code, date);
    match algorithm {
        HashAlgorithm::Md5 => hex_hmac::<Hmac<md5::Md5>>(secret_key, &source),
        HashAlgorithm::Sha256 => hex_hmac::<Hmac<sha2::Sha256>>(secret_key, &source),
        HashAlgorithm::Sha3_256 => hex_hmac::<Hmac<sha3::Sha3_256>>(secret_key, &source),
    }
}

fn hex_hmac<M: Mac + KeyInit>(key: &str, message: &str) -> String {
    // HMAC accepts keys of any length (longer keys are hashed first), so this cannot fail.
    let mut mac =
        <M as KeyInit>::new_from_slice(key.as_bytes()).expect("HMAC accepts keys of any length");
    mac.update(message.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Formats a point in time as the UTC `YYYY-MM-DD HH:MM:SS` text `login` expects.
///
/// Times before 1970 are clamped to the epoch (a clock that far off cannot log in anyway), and
/// so are times past `time`'s range (the year 9999).
///
/// The calendar comes from the `time` crate, which the runtime depends on whatever its features:
/// every client logs in, and with only its `std` feature `time` is a small dependency (no
/// parsing, no formatting, no macros). Only the typed date access in [`crate::support`], which
/// needs `time`'s parsing and macros, sits behind the `time` cargo feature.
pub fn login_timestamp(at: SystemTime) -> String {
    let at = if at < UNIX_EPOCH { UNIX_EPOCH } else { at };
    // `From<SystemTime>` panics past the year 9999; compute from the seconds instead.
    let seconds = at
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let utc = i64::try_from(seconds)
        .ok()
        .and_then(|seconds| OffsetDateTime::from_unix_timestamp(seconds).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{} {}",
        crate::support::dates::write_date(utc.date()),
        crate::support::dates::write_time(utc.time())
    )
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(seconds: u64) -> String {
        login_timestamp(UNIX_EPOCH + Duration::from_secs(seconds))
    }

    #[test]
    fn timestamps_match_known_dates() {
        assert_eq!(at(0), "1970-01-01 00:00:00");
        assert_eq!(at(1_273_752_732), "2010-05-13 12:12:12");
        // Leap day and the day after.
        assert_eq!(at(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(at(951_868_799), "2000-02-29 23:59:59");
        assert_eq!(at(951_868_800), "2000-03-01 00:00:00");
        // Year end.
        assert_eq!(at(1_798_761_599), "2026-12-31 23:59:59");
        assert_eq!(at(1_798_761_600), "2027-01-01 00:00:00");
        // Leap day of a year divisible by 4 but not 400, a century that is not a leap year.
        assert_eq!(at(1_709_164_800), "2024-02-29 00:00:00");
        assert_eq!(at(4_107_542_399), "2100-02-28 23:59:59");
        assert_eq!(at(4_107_542_400), "2100-03-01 00:00:00");
        // Subseconds are dropped, not rounded.
        assert_eq!(
            login_timestamp(UNIX_EPOCH + Duration::from_millis(1_273_752_732_999)),
            "2010-05-13 12:12:12"
        );
    }

    #[test]
    fn timestamps_out_of_range_clamp_to_the_epoch() {
        assert_eq!(
            login_timestamp(UNIX_EPOCH - Duration::from_secs(1)),
            "1970-01-01 00:00:00"
        );
        assert_eq!(at(1 << 62), "1970-01-01 00:00:00");
        assert_eq!(at(253_402_300_799), "9999-12-31 23:59:59");
        assert_eq!(at(253_402_300_800), "1970-01-01 00:00:00");
    }

    #[test]
    fn wire_names() {
        assert_eq!(HashAlgorithm::Md5.wire_name(), None);
        assert_eq!(HashAlgorithm::Sha256.wire_name(), Some("sha256"));
        assert_eq!(HashAlgorithm::Sha3_256.wire_name(), Some("SHA3-256"));
    }
}
