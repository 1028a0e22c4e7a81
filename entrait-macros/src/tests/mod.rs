//! Tests of the macro as a function of tokens: no panics, append-only, expansion snapshots.

mod fuzz;
mod snapshots;
