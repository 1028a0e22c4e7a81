//! Every input kind of `#[entrait]`, expanded by entrait-macros built against syn as it ships
//! (see Cargo.toml). The tests at the bottom call what was generated and check the values.
//! No tokio, async-trait, unimock or mockall here: they would bring their own syn features in.

use core::future::Future;
use entrait::{entrait, entrait_export, Impl};

/// Polls a future to completion (every future here is ready at once or after a few polls).
pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = core::pin::pin!(f);
    let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
    loop {
        if let core::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

pub struct App {
    pub base: u32,
    pub names: Vec<&'static str>,
    pub store: MemStore,
    pub sink: Doubler,
}

pub fn app() -> Impl<App> {
    Impl::new(App {
        base: 100,
        names: vec!["World", "Rust"],
        store: MemStore,
        sink: Doubler,
    })
}

// ---- functions: concrete deps (leaves) -------------------------------------------------------

/// Docs are mirrored onto the trait method.
#[entrait(pub FetchName)]
fn fetch_name(app: &App, id: usize) -> &'static str {
    app.names[id]
}

#[entrait(pub(crate) Base)]
fn base(app: &App) -> u32 {
    app.base
}

// ---- functions: generic deps, every spelling -------------------------------------------------

#[entrait(pub SayHello)]
fn say_hello(deps: &impl FetchName, id: usize) -> String {
    format!("Hello {}", deps.fetch_name(id))
}

#[entrait(pub Combined)]
fn combined(deps: &(impl SayHello + Base), id: usize) -> String {
    format!("{}/{}", deps.say_hello(id), deps.base())
}

#[entrait(pub Twice)]
fn twice<D: Base>(deps: &D, n: u32) -> u32 {
    deps.base() * 2 + n
}

#[entrait(pub Both)]
fn both<D>(deps: &D, id: usize) -> String
where
    D: SayHello + Twice,
{
    format!("{} {}", deps.say_hello(id), deps.twice(1))
}

#[entrait(pub Unbounded)]
fn unbounded<D>(_deps: &D, n: u8) -> u8 {
    n + 1
}

// ---- functions: options and forms -----------------------------------------------------------

#[entrait(pub Add, no_deps)]
fn add(a: u32, b: u32) -> u32 {
    a + b
}

#[entrait(pub Exported, export, mock_api = ExportedMock)]
fn exported(deps: &impl Base, x: u32) -> u32 {
    deps.base() + x
}

#[entrait_export(pub ExportedToo)]
fn exported_too(deps: &impl Twice) -> u32 {
    deps.twice(0)
}

/// Destructured parameters get generated names in the trait.
#[entrait(pub Destructure)]
fn destructure(deps: &impl Base, (a, b): (u32, u32), Pair { left, .. }: Pair) -> u32 {
    deps.base() + a * b + left
}

pub struct Pair {
    pub left: u32,
    pub right: u32,
}

/// Lifetimes (named and elided) and `impl Trait` in an argument.
#[entrait(pub Longest)]
fn longest<'a>(_deps: &impl Base, a: &'a str, b: &'a str, extra: impl Into<usize>) -> &'a str {
    if a.len() + extra.into() > b.len() {
        a
    } else {
        b
    }
}

/// An extra type parameter. Written so that it compiles whether the macro puts it on the trait
/// (SPEC §3: `trait MakeDefault<T: Default>`) or on the method: callers let inference pick `T`.
#[entrait(pub MakeDefault)]
fn make_default<T: Default + core::fmt::Debug>(_deps: &impl Base) -> T {
    T::default()
}

/// `#[cfg]` after `#[entrait]` is mirrored onto the trait method.
#[entrait(pub Gated)]
#[cfg(not(any()))]
fn gated(deps: &impl Base) -> u32 {
    deps.base() + 1
}

#[cfg(any())]
#[entrait(pub Never)]
fn never(deps: &impl NotATrait) -> NotAType {
    unreachable!()
}

// ---- functions: async -----------------------------------------------------------------------

#[entrait(pub FetchAsync)]
async fn fetch_async(deps: &impl Base, x: u32) -> u32 {
    deps.base() + x
}

#[entrait(pub ChainAsync)]
async fn chain_async(deps: &(impl FetchAsync + Twice), x: u32) -> u32 {
    deps.fetch_async(x).await + deps.twice(0)
}

#[entrait(pub LocalAsync, ?Send)]
async fn local_async(deps: &impl Base, x: std::rc::Rc<u32>) -> u32 {
    deps.base() + *x
}

#[entrait(pub AddAsync, no_deps)]
async fn add_async(a: u32, b: u32) -> u32 {
    a + b
}

// ---- modules --------------------------------------------------------------------------------

#[entrait(pub Greeting)]
pub mod greeting {
    use super::{Base, FetchName};

    pub fn hello(deps: &impl FetchName, id: usize) -> String {
        format!("Hello {}", deps.fetch_name(id))
    }

    pub(crate) fn address<D: Base>(deps: &D, host: &str) -> String {
        format!("{host}:{}", deps.base())
    }

    pub async fn hello_async(deps: &impl FetchName) -> String {
        format!("async {}", deps.fetch_name(1))
    }

    #[allow(dead_code)]
    fn private_helper() {}

    pub struct Ignored;
}

#[entrait(pub Math, no_deps)]
pub mod math {
    pub fn mul(a: u32, b: u32) -> u32 {
        a * b
    }
}

#[entrait(pub Empty)]
pub mod empty {}

// ---- traits: delegate_by = Self (default) ---------------------------------------------------

#[entrait]
pub trait Clock {
    fn now(&self) -> u32;
}

impl Clock for App {
    fn now(&self) -> u32 {
        self.base + 1
    }
}

#[entrait]
pub trait Shapes<X: Clone>
where
    X: Default,
{
    const LIMIT: usize;
    type Item;
    fn first(&self, items: &[X]) -> Option<X>;
    fn convert<Y: From<u8>>(&self, y: u8) -> Y;
    fn with_default(&self) -> X {
        X::default()
    }
    fn item(&self) -> Self::Item;
    async fn later(&self) -> u32;
    #[cfg(any())]
    fn never(&self) -> NotAType;
}

pub struct ShapesApp;

impl Shapes<String> for ShapesApp {
    const LIMIT: usize = 3;
    type Item = (u8, u8);
    fn first(&self, items: &[String]) -> Option<String> {
        items.first().cloned()
    }
    fn convert<Y: From<u8>>(&self, y: u8) -> Y {
        Y::from(y + 1)
    }
    fn item(&self) -> (u8, u8) {
        (1, 2)
    }
    async fn later(&self) -> u32 {
        7
    }
}

// ---- traits: delegate_by = ref --------------------------------------------------------------

#[entrait(delegate_by = ref)]
pub trait ReadConfig: 'static {
    fn read_config(&self) -> &str;
}

pub struct FileConfig;
impl ReadConfig for FileConfig {
    fn read_config(&self) -> &str {
        "from file"
    }
}

pub struct ConfigApp(pub Box<dyn ReadConfig>);
impl AsRef<dyn ReadConfig> for ConfigApp {
    fn as_ref(&self) -> &dyn ReadConfig {
        self.0.as_ref()
    }
}

/// Async methods with `delegate_by = ref`: the `DynStore` companion, no `#[async_trait]`.
#[entrait(delegate_by = ref)]
pub trait Store: Sync + 'static {
    async fn get(&self, key: u32) -> String;
    fn name(&self) -> &str;
}

pub struct MemStore;
impl Store for MemStore {
    async fn get(&self, key: u32) -> String {
        format!("v{key}")
    }
    fn name(&self) -> &str {
        "mem"
    }
}
impl AsRef<dyn DynStore> for App {
    fn as_ref(&self) -> &dyn DynStore {
        &self.store
    }
}

// ---- traits: delegate_by = DelegateX (static, inverted) + `#[entrait] impl` -----------------

#[entrait(RepositoryImpl, delegate_by = DelegateRepository)]
pub trait Repository {
    type Row;
    fn fetch(&self, id: u32) -> Self::Row;
    fn fetch_generic<K: Into<u32>>(&self, key: K) -> u32;
    async fn fetch_row_async(&self, id: u32) -> u32;
}

pub struct MemRepository;

#[entrait]
impl RepositoryImpl for MemRepository {
    type Row = (u32, u32);

    fn fetch(deps: &impl Clock, id: u32) -> (u32, u32) {
        (id, deps.now())
    }
    fn fetch_generic<D, K: Into<u32>>(_deps: &D, key: K) -> u32 {
        key.into() * 3
    }
    async fn fetch_row_async(deps: &(impl Clock + Store), id: u32) -> u32 {
        deps.get(id).await.len() as u32 + deps.now()
    }
}

impl DelegateRepository<Self> for App {
    type Target = MemRepository;
}

// ---- traits: (SinkImpl, delegate_by = ref) (dyn, inverted) + `#[entrait(ref)] impl` ---------

#[entrait(SinkImpl, delegate_by = ref)]
pub trait Sink {
    fn put(&self, v: u32) -> u32;
    async fn put_async(&self, v: u32) -> u32;
}

pub struct Doubler;

#[entrait(ref)]
impl SinkImpl for Doubler {
    fn put(deps: &impl Clock, v: u32) -> u32 {
        v * 2 + deps.now()
    }
    async fn put_async(deps: &impl Store, v: u32) -> u32 {
        deps.get(v).await.len() as u32 * 2
    }
}

impl AsRef<dyn SinkImpl<Self>> for App {
    fn as_ref(&self) -> &dyn SinkImpl<Self> {
        &self.sink
    }
}

/// The call graph continues below the inverted dependencies.
#[entrait(pub Report)]
fn report(deps: &(impl Repository<Row = (u32, u32)> + Sink), id: u32) -> String {
    let (row, at) = deps.fetch(id);
    format!("{row}@{at}->{}", deps.put(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails to compile unless the future is `Send`.
    fn assert_send<F: Future + Send>(f: F) -> F {
        f
    }

    #[test]
    fn functions_with_concrete_and_generic_deps() {
        let app = app();
        assert_eq!(app.fetch_name(1), "Rust");
        assert_eq!(app.base(), 100);
        assert_eq!(app.say_hello(0), "Hello World");
        assert_eq!(app.combined(1), "Hello Rust/100");
        assert_eq!(app.twice(1), 201);
        assert_eq!(app.both(0), "Hello World 201");
        assert_eq!(app.unbounded(41), 42);
        // The concrete leaf is implemented for the type itself too.
        let plain = App {
            base: 5,
            names: vec!["x"],
            store: MemStore,
            sink: Doubler,
        };
        assert_eq!(plain.base(), 5);
        assert_eq!(plain.twice(0), 10);
    }

    #[test]
    fn function_options_and_forms() {
        let app = app();
        assert_eq!(app.add(2, 3), 5);
        assert_eq!(7u8.add(2, 3), 5, "no_deps: implemented for every type");
        assert_eq!(app.exported(1), 101);
        assert_eq!(app.exported_too(), 200);
        assert_eq!(app.destructure((2, 3), Pair { left: 4, right: 0 }), 110);
        assert_eq!(app.longest("ab", "abc", 2usize), "ab");
        assert_eq!(app.longest("ab", "abc", 0usize), "abc");
        let d: u64 = app.make_default();
        assert_eq!(d, 0);
        let s: String = app.make_default();
        assert_eq!(s, "");
        assert_eq!(app.gated(), 101);
        let _ = Pair { left: 0, right: 1 }.right;
    }

    #[test]
    fn async_functions() {
        let app = app();
        assert_eq!(block_on(assert_send(app.fetch_async(1))), 101);
        assert_eq!(block_on(assert_send(app.chain_async(1))), 301);
        assert_eq!(block_on(app.local_async(std::rc::Rc::new(2))), 102);
        assert_eq!(block_on(assert_send(app.add_async(2, 2))), 4);
    }

    #[test]
    fn modules() {
        let app = app();
        assert_eq!(app.hello(1), "Hello Rust");
        assert_eq!(app.address("host"), "host:100");
        assert_eq!(block_on(assert_send(app.hello_async())), "async Rust");
        assert_eq!(app.mul(6, 7), 42);
        fn takes_empty(_: &impl Empty) {}
        takes_empty(&app);
        let _ = greeting::Ignored;
    }

    #[test]
    fn trait_delegate_by_self() {
        assert_eq!(app().now(), 101);
        let app = Impl::new(ShapesApp);
        assert_eq!(app.first(&["a".to_string()]), Some("a".to_string()));
        assert_eq!(Shapes::<String>::convert::<u64>(&app, 4), 5u64);
        assert_eq!(Shapes::<String>::with_default(&app), "");
        assert_eq!(<Impl<ShapesApp> as Shapes<String>>::LIMIT, 3);
        assert_eq!(Shapes::<String>::item(&app), (1, 2));
        assert_eq!(block_on(Shapes::<String>::later(&app)), 7);
    }

    #[test]
    fn trait_delegate_by_ref() {
        let cfg = Impl::new(ConfigApp(Box::new(FileConfig)));
        assert_eq!(cfg.read_config(), "from file");
        let app = app();
        assert_eq!(app.name(), "mem");
        assert_eq!(block_on(assert_send(app.get(3))), "v3");
    }

    #[test]
    fn trait_inverted_static_and_impl_block() {
        let app = app();
        assert_eq!(app.fetch(5), (5, 101));
        assert_eq!(app.fetch_generic(2u8), 6);
        assert_eq!(block_on(assert_send(app.fetch_row_async(7))), 2 + 101);
    }

    #[test]
    fn trait_inverted_dyn_and_ref_impl_block() {
        let app = app();
        assert_eq!(app.put(1), 103);
        assert_eq!(block_on(assert_send(app.put_async(123))), 8);
        assert_eq!(app.report(3), "3@101->107");
    }
}
