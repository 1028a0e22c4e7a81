//! `cargo entrait`: the entrait dependency graph of a crate or workspace, read from source
//! (never built), drawn (`graph`), checked (`check`) and explained (`explain`).

pub mod check;
pub mod diag;
pub mod graph;
pub mod model;
pub mod read;
pub mod render;
