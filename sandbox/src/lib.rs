//! Local sandbox server.
