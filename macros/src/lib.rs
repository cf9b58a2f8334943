//! Proc-macros over the spec language.
