//! Login hash computation.

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
