//! Request types, their `Method` impls and the per-module extension traits.
