//! Loosely coupled Rust application design, with zero runtime cost.
//!
//! `#[entrait]` turns a plain function whose first parameter is "the dependencies" into a
//! single-method trait, implemented so that the whole call graph is wired at compile time on
//! the generic [`Impl<T>`]. Every dependency is a trait bound, so a test can pass a mock (or
//! any fake) for any layer, while the application runs through `Impl<App>`.
//!
//! ```
//! use entrait::{entrait, Impl};
//!
//! struct Config {
//!     names: Vec<String>,
//! }
//!
//! #[entrait(FetchName)]
//! fn fetch_name(config: &Config, id: usize) -> String {
//!     config.names[id].clone()
//! }
//!
//! #[entrait(pub SayHello)]
//! fn say_hello(deps: &impl FetchName, id: usize) -> String {
//!     format!("Hello {}", deps.fetch_name(id))
//! }
//!
//! let app = Impl::new(Config { names: vec!["World".into()] });
//! assert_eq!(app.say_hello(0), "Hello World");
//! ```
//!
//! The [guide] covers everything, one topic per page, each example a test:
//! [introduction](guide::introduction), [modules](guide::modules),
//! [traits and delegation](guide::traits), [multi-crate architecture](guide::multi_crate),
//! [async](guide::asynchronous), [testing with unimock](guide::testing),
//! [mockall](guide::mockall), [options](guide::options), [errors](guide::errors),
//! [robustness](guide::robustness), [performance](guide::performance) and
//! [migrating from the published entrait 0.7](guide::migration).
//!
//! # Features
//!
//! | feature | what it does |
//! |---|---|
//! | `unimock` | adds the `unimock` dependency and generates unimock mocks for every item with a `mock_api` |
#![no_std]

/// Generates a trait from a function, a module, or delegating impls for a trait or impl block.
///
/// `#[entrait(Vis? TraitName?, options…)]`; see the [guide] for every form and
/// [options](guide::options) for every option.
///
/// ```
/// use entrait::{entrait, Impl};
///
/// #[entrait(pub Double)]
/// fn double(deps: &impl Base, n: u32) -> u32 {
///     deps.base() * n
/// }
///
/// #[entrait(Base)]
/// fn base(config: &u32) -> u32 {
///     *config
/// }
///
/// assert_eq!(Impl::new(21).double(2), 42);
/// ```
pub use entrait_macros::entrait;

/// `#[entrait(…, export)]`: mocks are generated outside `cfg(test)` too, so downstream crates
/// can use them. `use entrait::entrait_export as entrait;` makes it the default in a crate.
///
/// ```
/// use entrait::entrait_export;
///
/// #[entrait_export(pub Bar)]
/// fn bar(deps: &()) -> u8 {
///     7
/// }
///
/// assert_eq!(entrait::Impl::new(()).bar(), 7);
/// ```
pub use entrait_macros::entrait_export;

/// `#[entrait(…, unimock)]`: generate the unimock implementation for this item (needs the
/// `unimock` feature). See [testing](guide::testing).
///
/// ```
/// # #[cfg(feature = "unimock")] {
/// use entrait::entrait_unimock;
///
/// #[entrait_unimock(Answer, mock_api = AnswerMock)]
/// fn answer<D>(_deps: &D) -> u32 {
///     42
/// }
///
/// assert_eq!(entrait::Impl::new(()).answer(), 42);
/// # }
/// ```
pub use entrait_macros::entrait_unimock;

/// `#[entrait(…, export, unimock)]`: unimock mocks, exported to downstream crates (needs the
/// `unimock` feature).
///
/// ```
/// # #[cfg(feature = "unimock")] {
/// use entrait::entrait_export_unimock;
/// use unimock::{matching, MockFn, Unimock};
///
/// #[entrait_export_unimock(pub Answer, mock_api = AnswerMock)]
/// fn answer<D>(_deps: &D) -> u32 {
///     42
/// }
///
/// let mocked = Unimock::new(AnswerMock.each_call(matching!()).returns(1u32));
/// assert_eq!(mocked.answer(), 1);
/// # }
/// ```
pub use entrait_macros::entrait_export_unimock;

/// The type the call graph is wired on: `Impl<App>` implements every entrait trait whose
/// bounds `App` (through `Impl`) satisfies. It is the `Impl` of the `implementation` crate,
/// so code that names `implementation::Impl` interoperates.
///
/// ```
/// use entrait::{entrait, Impl};
///
/// struct App {
///     greeting: &'static str,
/// }
///
/// #[entrait(Greeting)]
/// fn greeting(app: &App) -> &'static str {
///     app.greeting
/// }
///
/// let app = Impl::new(App { greeting: "hi" });
/// assert_eq!(app.greeting(), "hi");
/// assert_eq!(app.greeting, "hi"); // `Impl<T>` derefs to `T`
/// ```
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

    #[doc = include_str!("../../docs/errors.md")]
    pub mod errors {}

    #[doc = include_str!("../../docs/robustness.md")]
    pub mod robustness {}

    #[doc = include_str!("../../docs/performance.md")]
    pub mod performance {}

    #[doc = include_str!("../../docs/migration.md")]
    pub mod migration {}

    #[doc = include_str!("../../docs/graph.md")]
    pub mod graph {}
}

/// unimock, for generated code (`#[unimock(prefix = ::entrait::__mock)]`): the user crate
/// needs no `unimock` import. Short, because unimock repeats the prefix in every path it emits.
/// Not public API.
#[cfg(feature = "unimock")]
#[doc(hidden)]
pub use ::unimock as __mock;

/// Support for generated code. Not public API.
#[doc(hidden)]
pub mod __private {
    extern crate alloc;

    /// Boxes the futures of async methods called through `dyn` (one per call).
    pub use alloc::boxed::Box;

    /// Whether the `unimock` feature is on (tests check that the feature-off pass is off).
    pub const UNIMOCK: bool = cfg!(feature = "unimock");
}
