//! (stage: check)
