// An async `delegate_by = ref` trait is reached through its companion `DynStore`: an app
// that implements `AsRef<dyn Store>` is told which bound is missing.
use entrait::{entrait, Impl};

#[entrait(delegate_by = ref)]
pub trait Store: Sync + 'static {
    async fn get(&self, key: u32) -> u32;
}

struct Memory;
impl Store for Memory {
    async fn get(&self, key: u32) -> u32 {
        key
    }
}

struct App(Memory);
impl AsRef<dyn Store> for App {
    fn as_ref(&self) -> &dyn Store {
        &self.0
    }
}

fn main() {
    let app = Impl::new(App(Memory));
    let _ = app.get(1);
}
