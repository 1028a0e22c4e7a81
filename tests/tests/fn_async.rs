//! `async fn` under `#[entrait]`: the trait method returns `impl Future<Output = R> + Send`
//! (or without `Send` under `?Send`), with no boxing and no extra macro.

use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use entrait::{entrait, Impl};

struct App {
    base: u32,
    calls: AtomicU32,
}

fn app(base: u32) -> Impl<App> {
    Impl::new(App {
        base,
        calls: AtomicU32::new(0),
    })
}

/// A concrete-deps async leaf.
#[entrait(pub FetchBase)]
async fn fetch_base(app: &App) -> u32 {
    app.calls.fetch_add(1, Ordering::SeqCst);
    tokio::task::yield_now().await;
    app.base
}

/// Generic deps calling an async dependency.
#[entrait(pub AddToBase)]
async fn add_to_base(deps: &impl FetchBase, n: u32) -> u32 {
    tokio::task::yield_now().await;
    deps.fetch_base().await + n
}

/// `<D: A + B>` with two async dependencies, and a reference argument.
#[entrait(Sum)]
async fn sum<D: FetchBase + AddToBase>(deps: &D, extra: &[u32]) -> u32 {
    deps.fetch_base().await + deps.add_to_base(1).await + extra.iter().sum::<u32>()
}

/// Borrowed return value tied to the deps (named lifetime).
#[entrait(Label)]
async fn label<'a>(_deps: &'a impl FetchBase, prefix: &'a str) -> &'a str {
    prefix.trim()
}

/// No return type.
#[entrait(Touch)]
async fn touch(deps: &impl FetchBase) {
    deps.fetch_base().await;
}

/// `no_deps` async.
#[entrait(Double, no_deps)]
async fn double(x: u32) -> u32 {
    x * 2
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_futures_spawned_through_impl() {
    let app = Arc::new(app(40));
    let task = {
        let app = app.clone();
        tokio::spawn(async move {
            (
                app.fetch_base().await,
                app.add_to_base(2).await,
                app.sum(&[1, 1]).await,
                app.label("  hi ").await.to_string(),
                app.double(21).await,
            )
        })
    };
    let touched = tokio::spawn({
        let app = app.clone();
        async move { app.touch().await }
    });
    assert_eq!(task.await.unwrap(), (40, 42, 83, "hi".to_string(), 42));
    touched.await.unwrap();
    // fetch_base ran: once, once via add_to_base, twice via sum, once via touch.
    assert_eq!(app.calls.load(Ordering::SeqCst), 5);
}

/// A hand-written fake for the async leaf.
struct Fake(u32);

impl FetchBase for Fake {
    async fn fetch_base(&self) -> u32 {
        self.0
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_futures_spawned_through_fake() {
    let result = tokio::spawn(async {
        let fake = Fake(100);
        (
            fake.add_to_base(5).await,
            fake.sum(&[]).await,
            fake.label("x").await.len(),
        )
    })
    .await
    .unwrap();
    assert_eq!(result, (105, 201, 1));
    Fake(0).touch().await;
}

#[test]
fn futures_are_send() {
    fn assert_send<F: std::future::Future + Send>(f: F) -> F {
        f
    }
    let app = app(1);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(rt.block_on(assert_send(app.add_to_base(1))), 2);
    assert_eq!(rt.block_on(assert_send(Fake(3).add_to_base(1))), 4);
}

// ---------------------------------------------------------------------------------------------
// `?Send`: futures may hold `Rc`s; run them on a `LocalSet`.

#[entrait(ReturnRc, ?Send)]
async fn return_rc(deps: &impl FetchBase) -> Rc<u32> {
    Rc::new(deps.fetch_base().await)
}

/// The future holds an `Rc` across an await point.
#[entrait(HoldRc, ?Send)]
async fn hold_rc(deps: &impl ReturnRc, shared: Rc<u32>) -> u32 {
    let mine = deps.return_rc().await;
    tokio::task::yield_now().await;
    *mine + *shared
}

/// The seed's by-value form compiles (and is implemented for types whose references are `Clone`).
#[entrait(ByValue, ?Send)]
async fn by_value(_deps: impl Clone) -> Rc<i32> {
    Rc::new(42)
}

/// A `?Send` concrete leaf.
#[entrait(LocalBase, ?Send)]
async fn local_base(app: &App) -> Rc<u32> {
    Rc::new(app.base)
}

#[test]
fn not_send_futures_on_a_local_set() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    let app = Rc::new(app(7));
    let results = local.block_on(&rt, {
        let app = app.clone();
        async move {
            let spawned = tokio::task::spawn_local({
                let app = app.clone();
                async move { app.hold_rc(Rc::new(1)).await }
            });
            (
                spawned.await.unwrap(),
                *app.return_rc().await,
                *app.by_value().await,
                *app.local_base().await,
                Fake(2).hold_rc(Rc::new(3)).await,
            )
        }
    });
    assert_eq!(results, (8, 7, 42, 7, 5));
}
