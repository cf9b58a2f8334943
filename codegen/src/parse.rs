//! (stage: parse)
