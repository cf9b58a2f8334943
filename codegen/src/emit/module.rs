//! Assembly of one module per spec file and of the crate root.
