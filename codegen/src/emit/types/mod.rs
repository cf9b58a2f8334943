//! Named types: objects, enums, tagged unions.
