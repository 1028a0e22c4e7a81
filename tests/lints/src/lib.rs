//! Generated code must be lint-clean in user crates: this crate uses every input kind of
//! entrait under the strictest common lint set. `cargo test` checks the rustc lints,
//! `cargo clippy -p entrait-lint-test --all-features -- -D warnings` the clippy ones.
#![deny(
    warnings,
    missing_docs,
    unused_qualifications,
    unreachable_pub,
    clippy::all,
    clippy::pedantic
)]
// unimock's mock impls (test builds only) match no-argument calls with `_` over `()`; the
// span is the user's method, so clippy cannot tell it is generated. Not entrait's output.
#![cfg_attr(all(test, feature = "unimock"), allow(clippy::ignored_unit_patterns))]

use entrait::entrait;

/// Application configuration.
pub struct Config {
    /// A base value.
    pub base: u32,
}

/// Reads the base value (concrete deps: a leaf).
#[entrait(pub Base, mock_api = BaseMock)]
#[must_use]
pub fn base(config: &Config) -> u32 {
    config.base
}

/// Adds to the base value (generic deps).
#[entrait(pub AddToBase, mock_api = AddToBaseMock)]
pub fn add_to_base(deps: &impl Base, n: u32) -> u32 {
    deps.base() + n
}

/// Labels, with a where clause and a lifetime.
#[entrait(pub Label)]
pub fn label<'a, D>(deps: &D, prefix: &'a str) -> &'a str
where
    D: Base + AddToBase,
{
    if deps.add_to_base(1) > 10 {
        prefix
    } else {
        ""
    }
}

/// No dependencies.
#[entrait(pub Double, no_deps)]
#[must_use]
pub fn double(n: u32) -> u32 {
    n * 2
}

/// Async, `Send`.
#[entrait(pub Later, mock_api = LaterMock)]
pub async fn later(deps: &impl Base) -> u32 {
    std::future::ready(deps.base()).await
}

/// Async, not `Send`.
#[entrait(pub LaterLocal, ?Send)]
pub async fn later_local(deps: &impl Base) -> std::rc::Rc<u32> {
    std::future::ready(std::rc::Rc::new(deps.base())).await
}

/// A module of functions.
#[entrait(pub Math, mock_api = mock)]
pub mod math {
    /// Squares.
    pub fn square(deps: &impl super::Base) -> u32 {
        deps.base() * deps.base()
    }

    /// Async cube.
    pub async fn cube(deps: &impl super::Base) -> u32 {
        std::future::ready(deps.base().pow(3)).await
    }
}

/// A leaf trait delegated to the application.
#[entrait(mock_api = ClockMock)]
pub trait Clock {
    /// Now.
    fn now(&self) -> u64;
    /// Now, later.
    async fn now_async(&self) -> u64;
}

/// A dyn leaf trait with async methods (gets `DynStore`).
#[entrait(delegate_by = ref, mock_api = StoreMock)]
pub trait Store: Sync + 'static {
    /// Gets a value.
    async fn get(&self, key: u32) -> u32;
    /// Gets a value by borrowed key.
    async fn get_by(&self, key: &str) -> usize;
    /// A name.
    fn name(&self) -> &str;
}

/// An inverted, statically selected dependency.
#[entrait(RepoImpl, delegate_by = DelegateRepo, mock_api = RepoMock)]
pub trait Repo {
    /// Fetches a row.
    fn fetch(&self, id: u32) -> u32;
    /// Fetches a row later.
    async fn fetch_async(&self, id: u32) -> u32;
}

/// An inverted, dynamically selected dependency.
#[entrait(SinkImpl, delegate_by = ref, mock_api = SinkMock)]
pub trait Sink {
    /// Puts a value.
    fn put(&self, v: u32) -> u32;
    /// Puts a value later.
    async fn put_async(&self, v: u32) -> u32;
}

/// The repository implementation.
pub struct MemRepo;

#[entrait]
impl RepoImpl for MemRepo {
    fn fetch(deps: &impl Base, id: u32) -> u32 {
        deps.base() + id
    }
    async fn fetch_async(deps: &impl Base, id: u32) -> u32 {
        std::future::ready(deps.base() * id).await
    }
}

/// The sink implementation.
pub struct MemSink;

#[entrait(ref)]
impl SinkImpl for MemSink {
    fn put(deps: &impl Base, v: u32) -> u32 {
        deps.base() - v
    }
    async fn put_async(deps: &impl Base, v: u32) -> u32 {
        std::future::ready(deps.base() + v).await
    }
}

/// Concrete deps and no options (the most common form).
#[entrait(pub Scaled)]
#[must_use]
pub fn scaled(config: &Config, by: u32) -> u32 {
    config.base * by
}

/// A generic, async function with no options.
#[entrait(pub Delayed)]
pub async fn delayed<D: Base>(deps: &D, n: u32) -> u32 {
    std::future::ready(deps.base() + n).await
}

/// A type parameter of the function is the trait's (`Wrapped<X>`).
#[entrait(pub Wrapped, mock_api = WrappedMock)]
pub fn wrapped<X: Into<u32>>(deps: &impl Base, x: X) -> u32 {
    deps.base() + x.into()
}

/// A trait with no mock API: with the `unimock` feature it is mocked through a hidden one.
#[entrait]
pub trait Greeting {
    /// Greets.
    fn greeting(&self) -> u32;
}

impl Greeting for App {
    fn greeting(&self) -> u32 {
        self.config.base + 2
    }
}

/// Entrait modules inside a private module.
mod private {
    /// The trait is named through the module only, so the re-export beside it goes unused.
    #[entrait::entrait(pub(crate) Counting)]
    pub(crate) mod counting {
        /// Counts.
        pub(crate) fn count(deps: &impl crate::Base) -> u32 {
            deps.base() + 1
        }
    }
}

/// Counts, through the private module's trait.
#[must_use]
pub fn count_with(app: &entrait::Impl<App>) -> u32 {
    use private::counting::Counting;
    app.count()
}

/// The application.
pub struct App {
    /// Configuration.
    pub config: Config,
    /// The sink.
    pub sink: MemSink,
    /// The store.
    pub store: MemStore,
}

/// A store.
pub struct MemStore;

impl Store for MemStore {
    async fn get(&self, key: u32) -> u32 {
        key + 1
    }
    async fn get_by(&self, key: &str) -> usize {
        key.len()
    }
    fn name(&self) -> &'static str {
        "mem"
    }
}

impl Base for App {
    fn base(&self) -> u32 {
        self.config.base
    }
}

impl Clock for App {
    fn now(&self) -> u64 {
        u64::from(self.config.base)
    }
    async fn now_async(&self) -> u64 {
        u64::from(self.config.base) + 1
    }
}

impl AsRef<dyn DynStore> for App {
    fn as_ref(&self) -> &dyn DynStore {
        &self.store
    }
}

impl DelegateRepo<Self> for App {
    type Target = MemRepo;
}

impl AsRef<dyn SinkImpl<Self>> for App {
    fn as_ref(&self) -> &dyn SinkImpl<Self> {
        &self.sink
    }
}

/// The application, ready to use.
#[must_use]
pub fn app() -> entrait::Impl<App> {
    entrait::Impl::new(App {
        config: Config { base: 10 },
        sink: MemSink,
        store: MemStore,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_kind_runs() {
        let app = app();
        assert_eq!(app.add_to_base(1), 11);
        assert_eq!(app.label("x"), "x");
        assert_eq!(app.double(2), 4);
        assert_eq!(app.later().await, 10);
        assert_eq!(*app.later_local().await, 10);
        assert_eq!(app.square(), 100);
        assert_eq!(app.cube().await, 1000);
        assert_eq!(app.now(), 10);
        assert_eq!(app.now_async().await, 11);
        assert_eq!(app.get(1).await, 2);
        assert_eq!(app.get_by("abc").await, 3);
        assert_eq!(app.name(), "mem");
        assert_eq!(app.fetch(1), 11);
        assert_eq!(app.fetch_async(2).await, 20);
        assert_eq!(app.put(1), 9);
        assert_eq!(app.put_async(1).await, 11);
        assert_eq!(entrait::Impl::new(Config { base: 10 }).scaled(3), 30);
        assert_eq!(app.delayed(1).await, 11);
        assert_eq!(count_with(&app), 11);
        assert_eq!(app.wrapped(2u8), 12);
        assert_eq!(app.greeting(), 12);
    }

    #[cfg(feature = "unimock")]
    #[test]
    fn mocks_are_lint_clean_too() {
        use unimock::{matching, MockFn, Unimock};
        let deps = Unimock::new_partial(BaseMock.each_call(matching!()).returns(5u32));
        assert_eq!(deps.add_to_base(1), 6);
        assert_eq!(deps.square(), 25);
    }
}
