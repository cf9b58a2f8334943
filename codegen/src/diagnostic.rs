//! (stage: diagnostic)
