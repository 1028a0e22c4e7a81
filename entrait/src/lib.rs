//! Loosely coupled Rust application design: `#[entrait]` turns plain functions into traits
//! implemented for a generic `Impl<T>`, so every dependency is a trait bound and every layer
//! of the call graph can be mocked.
#![no_std]

pub use entrait_macros::{entrait, entrait_export, entrait_export_unimock, entrait_unimock};
pub use implementation::Impl;

/// The guide: one page per topic. Every example in it is compiled and run by `cargo test`.
pub mod guide {
    #[doc = include_str!("../../docs/introduction.md")]
    pub mod introduction {}

    #[doc = include_str!("../../docs/modules.md")]
    pub mod modules {}

    #[doc = include_str!("../../docs/options.md")]
    pub mod options {}

    #[doc = include_str!("../../docs/traits.md")]
    pub mod traits {}

    #[doc = include_str!("../../docs/multi-crate.md")]
    pub mod multi_crate {}

    #[doc = include_str!("../../docs/async.md")]
    pub mod asynchronous {}

    /// Testing with unimock. Its examples need entrait's `unimock` feature, so they are
    /// compiled into this page only when it is on.
    #[cfg_attr(feature = "unimock", doc = include_str!("../../docs/testing.md"))]
    pub mod testing {}

    #[doc = include_str!("../../docs/mockall.md")]
    pub mod mockall {}
}

/// Support for generated code. Not public API.
#[doc(hidden)]
pub mod __private {
    extern crate alloc;

    /// Boxes the futures of async methods called through `dyn` (one per call).
    pub use alloc::boxed::Box;

    #[cfg(feature = "unimock")]
    pub use ::unimock;
}
