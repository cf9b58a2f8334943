//! Login hash computation and the login timestamp.
//!
//! `login(merchantCode, date, hash[, algo])` authenticates with an HMAC of
//! `len(code) + code + len(date) + date` keyed by the secret key, where the lengths are BYTE
//! lengths written in decimal. The same `date` string is sent as the second param, so it must be
//! taken once per login and used for both.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};

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
/// Times before 1970 are clamped to the epoch (a clock that far off cannot log in anyway).
pub fn login_timestamp(at: SystemTime) -> String {
    let seconds = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = seconds / 86_400;
    let of_day = seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day).
///
/// Works in 400-year eras (146 097 days each) counted from 0000-03-01, so the leap day is the
/// last day of each shifted year and needs no special case.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    // Days from 0000-03-01 to 1970-01-01.
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
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
    }

    #[test]
    fn wire_names() {
        assert_eq!(HashAlgorithm::Md5.wire_name(), None);
        assert_eq!(HashAlgorithm::Sha256.wire_name(), Some("sha256"));
        assert_eq!(HashAlgorithm::Sha3_256.wire_name(), Some("SHA3-256"));
    }
}
