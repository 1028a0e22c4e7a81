//! Compile-fail cases for entrait live in the folders beside `src/`, run by `tests/ui.rs`.
