//! (stage: emit)
