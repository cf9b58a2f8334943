//! (stage: files)
