//! Calling a function-trait method on an application that lacks a dependency: the compiler
//! names the missing trait and the method that needs it.
use entrait::{entrait, Impl};

pub trait Db {
    fn get(&self, id: u32) -> u32;
}

#[entrait(pub GetUser)]
fn get_user(deps: &impl Db, id: u32) -> u32 {
    deps.get(id)
}

struct App;

fn main() {
    let app = Impl::new(App);
    let _ = app.get_user(1);
}
