//! `#[entrait]` on traits (every delegation mode and trait shape) and on impl blocks, each
//! called through `Impl<App>` with asserted results.

use entrait::{entrait, Impl};

/// The application: implements the leaf traits and selects the inverted implementations.
pub struct App {
    pub base: u64,
    pub store: MemStore,
    pub sink: Doubler,
}

fn app() -> Impl<App> {
    Impl::new(App {
        base: 100,
        store: MemStore,
        sink: Doubler,
    })
}

// ---- delegate_by = Self (the default) ----------------------------------------------------

#[entrait]
pub trait Clock {
    fn now(&self) -> u64;
}

impl Clock for App {
    fn now(&self) -> u64 {
        self.base
    }
}

#[test]
fn self_delegation_calls_the_app() {
    assert_eq!(app().now(), 100);
}

/// Generic parameters, a where clause, associated consts (one with a default whose `<` is a
/// comparison) and a type, a generic method, a default method, `&mut self` and `self`
/// receivers, a `#[cfg]`-gated method, `impl Trait` return and an associated function.
#[entrait]
pub trait Shapes<X: Clone>
where
    X: Default,
{
    const LIMIT: usize;
    const SMALL: bool = 1 < 2;
    type Item: core::fmt::Debug;

    fn first(&self, items: &[X]) -> Option<X>;
    fn convert<Y: From<u8>>(&self, y: u8) -> Y;
    fn with_default(&self) -> X {
        X::default()
    }
    fn bump(&mut self) -> u64;
    fn consume(self) -> u64;
    fn evens(&self, upto: u32) -> impl Iterator<Item = u32> + '_;
    fn item(&self) -> Self::Item;
    fn make() -> u8;
    #[cfg(any())]
    fn never(&self) -> NotAType;
}

pub struct ShapesApp(u64);

impl Shapes<String> for ShapesApp {
    const LIMIT: usize = 3;
    type Item = (u8, u8);

    fn first(&self, items: &[String]) -> Option<String> {
        items.first().cloned()
    }
    fn convert<Y: From<u8>>(&self, y: u8) -> Y {
        Y::from(y + 1)
    }
    fn bump(&mut self) -> u64 {
        self.0 += 1;
        self.0
    }
    fn consume(self) -> u64 {
        self.0 * 10
    }
    fn evens(&self, upto: u32) -> impl Iterator<Item = u32> + '_ {
        (0..upto).filter(|n| n % 2 == 0)
    }
    fn item(&self) -> (u8, u8) {
        (1, 2)
    }
    fn make() -> u8 {
        9
    }
}

#[test]
fn self_delegation_of_every_trait_shape() {
    let mut app = Impl::new(ShapesApp(1));
    assert_eq!(app.first(&["a".to_string()]), Some("a".to_string()));
    assert_eq!(Shapes::<String>::convert::<u64>(&app, 4), 5u64);
    assert_eq!(Shapes::<String>::with_default(&app), String::new());
    assert_eq!(Shapes::<String>::bump(&mut app), 2);
    assert_eq!(<Impl<ShapesApp> as Shapes<String>>::LIMIT, 3);
    let small = <Impl<ShapesApp> as Shapes<String>>::SMALL;
    assert!(small);
    assert_eq!(Shapes::<String>::item(&app), (1, 2));
    assert_eq!(<Impl<ShapesApp> as Shapes<String>>::make(), 9);
    assert_eq!(
        Shapes::<String>::evens(&app, 7).collect::<Vec<_>>(),
        [0, 2, 4, 6]
    );
    assert_eq!(Shapes::<String>::consume(app), 20);
}

/// Parameters entrait must rename (one shadows the method, one is `_`) beside one already
/// named like a generated name: the names in the delegating impl stay distinct.
#[entrait]
pub trait Renamed {
    fn i(&self, i: u8, arg1: u8, _: u8) -> u8;
}

impl Renamed for App {
    fn i(&self, i: u8, arg1: u8, last: u8) -> u8 {
        i * 100 + arg1 * 10 + last
    }
}

#[test]
fn renamed_parameters_stay_distinct() {
    assert_eq!(app().i(1, 2, 3), 123);
}

/// A type named `T` in a signature (not in a default body): the generated impls name their
/// application parameter `EntraitT` instead.
mod named_t {
    use entrait::{entrait, Impl};

    pub struct T(pub u8);

    #[entrait]
    pub trait TakesT {
        fn take(&self, t: T) -> u8;
        fn twice(&self) -> u8 {
            2
        }
    }

    impl TakesT for u8 {
        fn take(&self, t: T) -> u8 {
            self + t.0
        }
    }

    #[test]
    fn a_type_named_t_stays_the_users() {
        assert_eq!(Impl::new(1u8).take(T(7)), 8);
        assert_eq!(Impl::new(1u8).twice(), 2);
    }
}

/// An ABI string and a literal in a signature: the delegating impl repeats both.
#[entrait]
pub trait Abi {
    extern "C" fn twice(&self, x: u32) -> u32;
    fn first(&self, xs: [u32; 2]) -> u32;
}

impl Abi for App {
    extern "C" fn twice(&self, x: u32) -> u32 {
        x * 2
    }
    fn first(&self, xs: [u32; 2]) -> u32 {
        xs[0]
    }
}

#[test]
fn abi_and_literals_in_signatures() {
    assert_eq!(app().twice(4), 8);
    assert_eq!(app().first([5, 6]), 5);
}

/// Supertraits, async methods (static: no box), and `impl Future + Send` written by hand.
#[entrait]
pub trait Fetcher: Sync + 'static {
    async fn fetch_one(&self, id: u32) -> String;
    fn fetch_send(&self, id: u32) -> impl core::future::Future<Output = u32> + Send;
}

impl Fetcher for App {
    async fn fetch_one(&self, id: u32) -> String {
        format!("#{id}@{}", self.base)
    }
    async fn fetch_send(&self, id: u32) -> u32 {
        id * 2
    }
}

#[entrait(FetchTwice)]
async fn fetch_twice(deps: &impl Fetcher, id: u32) -> String {
    format!("{} {}", deps.fetch_one(id).await, deps.fetch_send(id).await)
}

#[tokio::test(flavor = "multi_thread")]
async fn async_methods_delegate_statically_and_are_send() {
    let app = std::sync::Arc::new(app());
    let out = tokio::spawn(async move { app.fetch_twice(4).await })
        .await
        .unwrap();
    assert_eq!(out, "#4@100 8");
}

/// A repository in the style of a database layer: a generic associated type for transactions.
#[entrait]
pub trait Database {
    type Tx<'a>: Transaction
    where
        Self: 'a;
    fn begin(&self) -> Self::Tx<'_>;
}

pub trait Transaction {
    fn query(&mut self, sql: &str) -> usize;
}

pub struct Conn(String);
pub struct ConnTx<'a>(&'a str, usize);

impl Transaction for ConnTx<'_> {
    fn query(&mut self, sql: &str) -> usize {
        self.1 += 1;
        self.0.len() + sql.len() + self.1
    }
}

impl Database for Conn {
    type Tx<'a> = ConnTx<'a>;
    fn begin(&self) -> ConnTx<'_> {
        ConnTx(&self.0, 0)
    }
}

#[entrait(CountQuery)]
fn count_query<D: Database>(deps: &D, sql: &str) -> usize {
    let mut tx = deps.begin();
    tx.query(sql);
    tx.query(sql)
}

#[test]
fn generic_associated_types_delegate() {
    let app = Impl::new(Conn("db".into()));
    assert_eq!(app.count_query("abc"), 2 + 3 + 2);
}

// ---- delegate_by = ref ------------------------------------------------------------------

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

pub struct ConfigApp(Box<dyn ReadConfig>);
impl AsRef<dyn ReadConfig> for ConfigApp {
    fn as_ref(&self) -> &dyn ReadConfig {
        self.0.as_ref()
    }
}

#[test]
fn ref_delegation_goes_through_as_ref_dyn() {
    assert_eq!(
        Impl::new(ConfigApp(Box::new(FileConfig))).read_config(),
        "from file"
    );
}

/// Async in a `delegate_by = ref` trait, no `#[async_trait]`: the companion `DynStore`.
#[entrait(delegate_by = ref)]
pub trait Store: Sync + 'static {
    async fn get(&self, key: u32) -> String;
    async fn get_borrowed(&self, key: &str, suffix: &str) -> String;
    fn name(&self) -> &str;
}

pub struct MemStore;
impl Store for MemStore {
    async fn get(&self, key: u32) -> String {
        format!("v{key}")
    }
    async fn get_borrowed(&self, key: &str, suffix: &str) -> String {
        format!("{key}{suffix}")
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

#[tokio::test(flavor = "multi_thread")]
async fn ref_delegation_of_async_methods_without_async_trait() {
    let app = std::sync::Arc::new(app());
    assert_eq!(app.name(), "mem");
    let out = tokio::spawn(async move { (app.get(1).await, app.get_borrowed("k", "!").await) })
        .await
        .unwrap();
    assert_eq!(out, ("v1".to_string(), "k!".to_string()));
}

/// The classic form: `#[async_trait]` after `#[entrait]` is re-applied to the generated impl.
#[entrait(delegate_by = ref)]
#[async_trait::async_trait]
pub trait Classic: Sync + Send + 'static {
    async fn classic(&self, x: u32) -> u32;
}

pub struct ClassicImpl;
#[async_trait::async_trait]
impl Classic for ClassicImpl {
    async fn classic(&self, x: u32) -> u32 {
        x + 1
    }
}
pub struct ClassicApp(ClassicImpl);
impl AsRef<dyn Classic> for ClassicApp {
    fn as_ref(&self) -> &dyn Classic {
        &self.0
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn async_trait_is_reapplied_for_ref_delegation() {
    let app = std::sync::Arc::new(Impl::new(ClassicApp(ClassicImpl)));
    let out = tokio::spawn(async move { app.classic(41).await })
        .await
        .unwrap();
    assert_eq!(out, 42);
}

// ---- delegate_by = DelegateRepo (static, inverted) ---------------------------------------

#[entrait(RepositoryImpl, delegate_by = DelegateRepository)]
pub trait Repository {
    type Row: Clone;
    const TABLE: &'static str;
    const SORTED: bool;
    fn fetch(&self, id: u32) -> Self::Row;
    fn fetch_generic<K: Into<u64>>(&self, key: K) -> u64;
    async fn fetch_async(&self, id: u32) -> u64;
}

pub struct MemRepository;

#[entrait]
impl RepositoryImpl for MemRepository {
    type Row = (u32, u64);
    const TABLE: &'static str = "rows";
    // A comparison, not a generic's `<`: the functions after it are still the block's.
    const SORTED: bool = 1 < 2;

    fn fetch(deps: &impl Clock, id: u32) -> (u32, u64) {
        (id, deps.now())
    }
    fn fetch_generic<D, K: Into<u64>>(_deps: &D, key: K) -> u64 {
        key.into() * 3
    }
    async fn fetch_async(deps: &(impl Clock + Fetcher), id: u32) -> u64 {
        deps.fetch_one(id).await.len() as u64 + deps.now()
    }
}

impl DelegateRepository<Self> for App {
    type Target = MemRepository;
}

#[tokio::test(flavor = "multi_thread")]
async fn selector_delegation_reaches_the_impl_block() {
    let app = std::sync::Arc::new(app());
    assert_eq!(app.fetch(5), (5, 100));
    assert_eq!(app.fetch_generic(2u8), 6);
    assert_eq!(<Impl<App> as Repository>::TABLE, "rows");
    let sorted = <Impl<App> as Repository>::SORTED;
    assert!(sorted);
    let out = tokio::spawn(async move { app.fetch_async(7).await })
        .await
        .unwrap();
    assert_eq!(out, "#7@100".len() as u64 + 100);
}

// ---- (SinkImpl, delegate_by = ref) (dyn, inverted) ---------------------------------------

#[entrait(SinkImpl, delegate_by = ref)]
pub trait Sink {
    fn put(&self, v: u32) -> u32;
    async fn put_async(&self, v: u32) -> u32;
}

pub struct Doubler;

#[entrait(ref)]
impl SinkImpl for Doubler {
    fn put(deps: &impl Clock, v: u32) -> u32 {
        v * 2 + deps.now() as u32
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

#[tokio::test(flavor = "multi_thread")]
async fn dyn_inverted_delegation_reaches_the_impl_block() {
    let app = std::sync::Arc::new(app());
    assert_eq!(app.put(1), 102);
    let out = tokio::spawn(async move { app.put_async(123).await })
        .await
        .unwrap();
    assert_eq!(out, 8);
}

// ---- the call graph continues below an inverted dependency --------------------------------

#[entrait(Report)]
fn report(deps: &(impl Repository<Row = (u32, u64)> + Sink), id: u32) -> String {
    let (row, at) = deps.fetch(id);
    format!("{row}@{at}->{}", deps.put(id))
}

#[test]
fn entrait_functions_call_inverted_dependencies() {
    assert_eq!(app().report(3), "3@100->106");
}

/// The traits of the unimock-feature case (`unimock.rs`, `traits_without_mock_api`), used as an
/// application uses them: with the feature off they are plain delegating traits, and with it on
/// the `Unimock` implementation does not get in their way.
mod every_mode_without_mock_api {
    use entrait::{entrait, Impl};

    #[entrait]
    pub trait X {
        fn x(&self) -> u8;
    }

    #[entrait(delegate_by = ref)]
    pub trait Y {
        fn y(&self) -> u8;
    }

    #[entrait(ZImpl, delegate_by = DelegateZ)]
    pub trait Z {
        fn z(&self) -> u8;
    }

    pub struct Zed;
    #[entrait]
    impl ZImpl for Zed {
        fn z<D>(_deps: &D) -> u8 {
            3
        }
    }

    struct Why;
    impl Y for Why {
        fn y(&self) -> u8 {
            2
        }
    }

    struct App(Why);
    impl X for App {
        fn x(&self) -> u8 {
            1
        }
    }
    impl AsRef<dyn Y> for App {
        fn as_ref(&self) -> &(dyn Y + 'static) {
            &self.0
        }
    }
    impl DelegateZ<Self> for App {
        type Target = Zed;
    }

    fn sum(deps: &(impl X + Y + Z)) -> u8 {
        deps.x() + deps.y() + deps.z()
    }

    #[test]
    fn each_mode_delegates() {
        assert_eq!(sum(&Impl::new(App(Why))), 6);
    }
}
