//! (stage: load)
