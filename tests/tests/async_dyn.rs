//! Native async through dynamic dispatch, with no `#[async_trait]` (SPEC.md §7): every form
//! runs on a multi-threaded runtime through `tokio::spawn` (so the futures are `Send`), the
//! `?Send` form on a `LocalSet`, and an allocation counter proves exactly one box per dynamic
//! call and none on static paths.

use std::rc::Rc;
use std::sync::Arc;

use entrait::{entrait, Impl};

// ---- leaf form: `delegate_by = ref` with async methods gets `DynStore` -------------------

#[entrait(delegate_by = ref)]
pub trait Store: Sync + 'static {
    async fn get(&self, k: u32) -> u64;
    async fn get_str(&self, k: &str) -> String;
    async fn first<'a>(&'a self, items: &'a [u64]) -> &'a u64;
    fn name(&self) -> &str;
}

pub struct MemStore {
    factor: u64,
}

impl Store for MemStore {
    async fn get(&self, k: u32) -> u64 {
        u64::from(k) * self.factor
    }
    async fn get_str(&self, k: &str) -> String {
        format!("{k}{}", self.factor)
    }
    async fn first<'a>(&'a self, items: &'a [u64]) -> &'a u64 {
        &items[0]
    }
    fn name(&self) -> &str {
        "mem"
    }
}

// ---- inverted dyn form: `(SinkImpl, delegate_by = ref)` + `#[entrait(ref)] impl` ---------

#[entrait(SinkImpl, delegate_by = ref)]
pub trait Sink {
    async fn put(&self, v: u32) -> u64;
    async fn put_ref(&self, v: &u32, tag: &str) -> String;
    fn flush(&self) -> u32;
}

pub struct Doubler;

#[entrait(ref)]
impl SinkImpl for Doubler {
    async fn put(deps: &impl Store, v: u32) -> u64 {
        deps.get(v).await * 2
    }
    async fn put_ref(deps: &impl Store, v: &u32, tag: &str) -> String {
        format!("{tag}:{}", deps.get(*v).await)
    }
    fn flush<D>(_deps: &D) -> u32 {
        0
    }
}

// ---- generic trait -----------------------------------------------------------------------

#[entrait(delegate_by = ref)]
pub trait Cache<K: Send + Sync + 'static>: Sync + 'static {
    async fn lookup(&self, key: K) -> Option<u64>;
}

pub struct OneEntry;
impl Cache<String> for OneEntry {
    async fn lookup(&self, key: String) -> Option<u64> {
        (key == "one").then_some(1)
    }
}

// ---- the application ----------------------------------------------------------------------

pub struct App {
    store: Box<dyn DynStore + Send>,
    sink: Doubler,
    cache: OneEntry,
}

impl AsRef<dyn DynStore> for App {
    fn as_ref(&self) -> &dyn DynStore {
        &*self.store
    }
}
impl AsRef<dyn SinkImpl<Self>> for App {
    fn as_ref(&self) -> &dyn SinkImpl<Self> {
        &self.sink
    }
}
impl AsRef<dyn DynCache<String>> for App {
    fn as_ref(&self) -> &dyn DynCache<String> {
        &self.cache
    }
}

fn app() -> Arc<Impl<App>> {
    Arc::new(Impl::new(App {
        store: Box::new(MemStore { factor: 10 }),
        sink: Doubler,
        cache: OneEntry,
    }))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaf_form_on_spawned_tasks() {
    let app = app();
    assert_eq!(app.name(), "mem");
    let task = tokio::spawn({
        let app = app.clone();
        async move {
            let items = [5, 6];
            (
                app.get(4).await,
                app.get_str("k").await,
                *app.first(&items).await,
            )
        }
    });
    assert_eq!(task.await.unwrap(), (40, "k10".to_string(), 5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inverted_form_on_spawned_tasks() {
    let app = app();
    let task = tokio::spawn({
        let app = app.clone();
        async move { (app.put(3).await, app.put_ref(&2, "t").await) }
    });
    assert_eq!(task.await.unwrap(), (60, "t:20".to_string()));
    assert_eq!(app.flush(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generic_trait_on_spawned_tasks() {
    let app = app();
    let task = tokio::spawn(async move {
        (
            app.lookup("one".into()).await,
            app.lookup("two".into()).await,
        )
    });
    assert_eq!(task.await.unwrap(), (Some(1), None));
}

/// Entrait functions that await through the dyn forms are themselves `Send`.
#[entrait(Pipeline)]
async fn pipeline(deps: &(impl Store + Sink), v: u32) -> u64 {
    deps.get(v).await + deps.put(v).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entrait_functions_over_dyn_async_are_send() {
    let app = app();
    assert_eq!(
        tokio::spawn(async move { app.pipeline(1).await })
            .await
            .unwrap(),
        30
    );
}

// ---- ?Send ---------------------------------------------------------------------------------

#[entrait(delegate_by = ref, ?Send)]
pub trait LocalStore: 'static {
    async fn shared(&self) -> Rc<u32>;
}

#[entrait(LocalSinkImpl, delegate_by = ref, ?Send)]
pub trait LocalSink {
    async fn local_put(&self, v: u32) -> Rc<u32>;
}

pub struct RcStore(u32);
impl LocalStore for RcStore {
    async fn shared(&self) -> Rc<u32> {
        Rc::new(self.0)
    }
}

pub struct RcSink;
#[entrait(ref, ?Send)]
impl LocalSinkImpl for RcSink {
    async fn local_put(deps: &impl LocalStore, v: u32) -> Rc<u32> {
        let rc = deps.shared().await;
        Rc::new(*rc + v)
    }
}

pub struct LocalApp(RcStore, RcSink);
impl AsRef<dyn DynLocalStore> for LocalApp {
    fn as_ref(&self) -> &dyn DynLocalStore {
        &self.0
    }
}
impl AsRef<dyn LocalSinkImpl<Self>> for LocalApp {
    fn as_ref(&self) -> &dyn LocalSinkImpl<Self> {
        &self.1
    }
}

#[test]
fn not_send_forms_on_a_local_set() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    let out = local.block_on(&runtime, async {
        let app = Rc::new(Impl::new(LocalApp(RcStore(4), RcSink)));
        tokio::task::spawn_local(async move { (*app.shared().await, *app.local_put(1).await) })
            .await
            .unwrap()
    });
    assert_eq!(out, (4, 5));
}

// ---- boxes: exactly one per dynamic call, none on static paths -----------------------------

mod boxes {
    #![allow(unsafe_code)]

    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use super::*;

    /// Counts the allocations made by the current thread.
    struct Counting;

    thread_local! {
        static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    }

    // SAFETY: forwards to the system allocator; the counter is a const-initialized
    // thread-local `Cell`, which never allocates.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            ALLOCATIONS.with(|a| a.set(a.get() + 1));
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static GLOBAL: Counting = Counting;

    /// Calls `f`, polls its future to completion (these futures never wait), and returns the
    /// output with the number of allocations made meanwhile.
    fn allocations<F: Future>(f: impl FnOnce() -> F) -> (F::Output, usize) {
        let before = ALLOCATIONS.with(Cell::get);
        let mut future = pin!(f());
        let output = loop {
            if let Poll::Ready(output) = future
                .as_mut()
                .poll(&mut Context::from_waker(Waker::noop()))
            {
                break output;
            }
        };
        (output, ALLOCATIONS.with(Cell::get) - before)
    }

    #[entrait]
    pub trait StaticStore {
        async fn fetch(&self, k: u32) -> u64;
    }

    pub struct Static;
    impl StaticStore for Static {
        async fn fetch(&self, k: u32) -> u64 {
            u64::from(k) + 1
        }
    }

    #[entrait(RepoImpl, delegate_by = DelegateRepo)]
    pub trait Repo {
        async fn load(&self, k: u32) -> u64;
    }

    pub struct Repository;
    #[entrait]
    impl RepoImpl for Repository {
        async fn load(deps: &impl StaticStore, k: u32) -> u64 {
            deps.fetch(k).await * 2
        }
    }
    impl DelegateRepo<Self> for Static {
        type Target = Repository;
    }

    #[entrait(Chain)]
    async fn chain(deps: &(impl Repo + StaticStore), k: u32) -> u64 {
        deps.load(k).await + deps.fetch(k).await
    }

    #[test]
    fn static_paths_allocate_nothing() {
        let app = Impl::new(Static);
        assert_eq!(allocations(|| app.fetch(1)), (2, 0));
        assert_eq!(allocations(|| app.load(1)), (4, 0));
        assert_eq!(allocations(|| app.chain(1)), (6, 0));
    }

    #[test]
    fn static_paths_add_nothing_to_the_future() {
        let app = Impl::new(Static);
        let inner = Static;
        assert_eq!(
            std::mem::size_of_val(&app.fetch(1)),
            std::mem::size_of_val(&inner.fetch(1)),
        );
        assert_eq!(
            std::mem::size_of_val(&app.load(1)),
            std::mem::size_of_val(&Repository::load(&app, 1)),
        );
    }

    #[test]
    fn dyn_paths_allocate_exactly_one_box_per_call() {
        let app = app();
        assert_eq!(allocations(|| app.get(2)), (20, 1));
        // `put` is a dynamic call to the sink, which makes a dynamic call to the store.
        assert_eq!(allocations(|| app.put(2)), (40, 2));
        assert_eq!(allocations(|| app.pipeline(2)), (60, 3));
        let items = [9];
        assert_eq!(allocations(|| async { *app.first(&items).await }), (9, 1));
    }
}

// ---- unimock ----------------------------------------------------------------------------------

#[cfg(feature = "unimock")]
mod mocked {
    use entrait::entrait;
    use unimock::*;

    #[entrait(delegate_by = ref, mock_api = KvMock)]
    pub trait Kv: Sync + 'static {
        async fn read(&self, k: u32) -> String;
        fn len(&self) -> usize;
    }

    #[entrait(WriterImpl, delegate_by = ref, mock_api = WriterMock)]
    pub trait Writer {
        async fn write(&self, v: u32) -> u32;
    }

    #[entrait(Describe)]
    async fn describe(deps: &(impl Kv + Writer), k: u32) -> String {
        format!(
            "{}/{}/{}",
            deps.read(k).await,
            deps.len(),
            deps.write(k).await
        )
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn dyn_async_traits_mock() {
        let deps = Unimock::new((
            KvMock::read
                .each_call(matching!(1))
                .returns("one".to_string()),
            KvMock::len.each_call(matching!()).returns(3usize),
            WriterMock::write.each_call(matching!(1)).returns(10u32),
        ));
        let task_deps = deps.clone();
        let out = tokio::spawn(async move { task_deps.describe(1).await })
            .await
            .unwrap();
        assert_eq!(out, "one/3/10");
    }
}

// ---- `unsafe` async methods and lifetime where clauses, in both dyn forms -----------------

/// The boxed forms of an `unsafe` method are `unsafe` too, and call it in `unsafe { … }`; a
/// method's where clause is declared and implemented alike.
#[allow(unsafe_code)]
mod checked {
    use entrait::{entrait, Impl};

    #[entrait(delegate_by = ref)]
    pub trait Halve: Sync + 'static {
        /// # Safety
        /// `v` is even.
        async unsafe fn half(&self, v: u32) -> u32;
        async fn fits<'a, 'b>(&'a self, s: &'b str) -> usize
        where
            'b: 'a;
    }

    pub struct Halver;
    impl Halve for Halver {
        async unsafe fn half(&self, v: u32) -> u32 {
            v / 2
        }
        async fn fits<'a, 'b>(&'a self, s: &'b str) -> usize
        where
            'b: 'a,
        {
            s.len()
        }
    }

    #[entrait(TwiceImpl, delegate_by = ref)]
    pub trait Twice {
        /// # Safety
        /// `v` is below `u32::MAX / 2`.
        async unsafe fn twice(&self, v: u32) -> u32;
        async fn count<'a, 'b>(&'a self, s: &'b str) -> usize
        where
            'b: 'a;
    }

    pub struct Doubler;

    #[entrait(ref)]
    impl TwiceImpl for Doubler {
        async unsafe fn twice(_deps: &impl Sync, v: u32) -> u32 {
            v * 2
        }
        async fn count<'a, 'b>(_deps: &'a impl Sync, s: &'b str) -> usize
        where
            'b: 'a,
        {
            s.chars().count()
        }
    }

    pub struct App {
        halver: Halver,
        doubler: Doubler,
    }

    impl AsRef<dyn DynHalve> for App {
        fn as_ref(&self) -> &dyn DynHalve {
            &self.halver
        }
    }

    impl AsRef<dyn TwiceImpl<Self>> for App {
        fn as_ref(&self) -> &dyn TwiceImpl<Self> {
            &self.doubler
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn unsafe_and_where_clause_methods_through_dyn() {
        let app = std::sync::Arc::new(Impl::new(App {
            halver: Halver,
            doubler: Doubler,
        }));
        let out = tokio::spawn(async move {
            // SAFETY: 42 is even and small.
            let (half, twice) = unsafe { (app.half(42).await, app.twice(21).await) };
            (half, twice, app.fits("abc").await, app.count("été").await)
        });
        assert_eq!(out.await.unwrap(), (21, 42, 3, 3));
    }
}
