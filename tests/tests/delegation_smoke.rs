use entrait::{entrait, Impl};

#[entrait]
pub trait Clock {
    fn now(&self) -> u64;
    async fn later(&self, by: u64) -> u64;
}

#[entrait(delegate_by = ref)]
pub trait Config: 'static {
    fn name(&self) -> &str;
}

#[entrait(delegate_by = ref)]
pub trait Store: Sync + 'static {
    async fn get(&self, k: u32) -> String;
    async fn get_ref(&self, k: &str) -> String;
    fn label(&self) -> &str;
}

#[entrait(RepoImpl, delegate_by = DelegateRepo)]
pub trait Repo {
    type Tx<'a>: Into<u64>
    where
        Self: 'a;
    const KIND: &'static str;
    fn fetch(&self, id: u32) -> u64;
    fn begin(&self) -> Self::Tx<'_>;
    async fn fetch_async(&self, id: u32) -> u64;
}

#[entrait(SinkImpl, delegate_by = ref)]
pub trait Sink {
    fn put(&self, v: u32) -> u32;
    async fn put_async(&self, v: u32) -> u32;
}

#[entrait(Twice)]
fn twice(deps: &impl Clock, n: u64) -> u64 {
    deps.now() * n
}

pub struct MemRepo;

#[entrait]
impl RepoImpl for MemRepo {
    type Tx<'a>
        = u32
    where
        Self: 'a;
    const KIND: &'static str = "mem";
    fn fetch(deps: &impl Clock, id: u32) -> u64 {
        deps.now() + u64::from(id)
    }
    fn begin<D>(_deps: &D) -> u32 {
        7
    }
    async fn fetch_async(deps: &impl Clock, id: u32) -> u64 {
        deps.later(u64::from(id)).await
    }
}

pub struct Doubler;

#[entrait(ref)]
impl SinkImpl for Doubler {
    fn put(deps: &impl Clock, v: u32) -> u32 {
        v * 2 + deps.now() as u32
    }
    async fn put_async(deps: &impl Store, v: u32) -> u32 {
        deps.get(v).await.len() as u32
    }
}

struct App {
    store: MemStore,
    doubler: Doubler,
}
struct MemStore;
impl Store for MemStore {
    async fn get(&self, k: u32) -> String {
        format!("v{k}")
    }
    async fn get_ref(&self, k: &str) -> String {
        format!("r{k}")
    }
    fn label(&self) -> &str {
        "mem"
    }
}
impl Clock for App {
    fn now(&self) -> u64 {
        100
    }
    async fn later(&self, by: u64) -> u64 {
        100 + by
    }
}
impl Config for App {
    fn name(&self) -> &str {
        "app"
    }
}
impl AsRef<dyn Config> for App {
    fn as_ref(&self) -> &dyn Config {
        self
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
        &self.doubler
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn all_modes() {
    let app = std::sync::Arc::new(Impl::new(App {
        store: MemStore,
        doubler: Doubler,
    }));
    assert_eq!(app.now(), 100);
    assert_eq!(app.twice(2), 200);
    assert_eq!(app.name(), "app");
    assert_eq!(app.fetch(5), 105);
    assert_eq!(u64::from(app.begin()), 7);
    assert_eq!(<Impl<App> as Repo>::KIND, "mem");
    assert_eq!(app.put(1), 102);
    assert_eq!(app.label(), "mem");
    let a = app.clone();
    let handle = tokio::spawn(async move {
        (
            a.later(1).await,
            a.get(3).await,
            a.get_ref("x").await,
            a.fetch_async(2).await,
            a.put_async(10).await,
        )
    });
    assert_eq!(
        handle.await.unwrap(),
        (101, "v3".to_string(), "rx".to_string(), 102, 3)
    );
}
