//! Loosely coupled Rust application design: `#[entrait]` turns plain functions into traits
//! implemented for a generic `Impl<T>`, so every dependency is a trait bound and every layer
//! of the call graph can be mocked.
#![no_std]

pub use entrait_macros::{entrait, entrait_export, entrait_export_unimock, entrait_unimock};
pub use implementation::Impl;

/// Support for generated code. Not public API.
#[doc(hidden)]
pub mod __private {
    extern crate alloc;

    /// Boxes the futures of async methods called through `dyn` (one per call).
    pub use alloc::boxed::Box;

    #[cfg(feature = "unimock")]
    pub use ::unimock;
}
