//! Integration tests of entrait live in `tests/`, one file per feature.
