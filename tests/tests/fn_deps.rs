//! `#[entrait]` on functions: every spelling of dependencies, called through `Impl<App>` and
//! through hand-written fake deps types.

use entrait::{entrait, Impl};

struct App {
    names: Vec<String>,
    factor: i32,
}

fn app() -> Impl<App> {
    Impl::new(App {
        names: vec!["World".into(), "Rust".into()],
        factor: 2,
    })
}

// Leaves: concrete deps.
#[entrait(pub FetchName)]
fn fetch_name(app: &App, id: u32) -> String {
    app.names[id as usize].clone()
}

#[entrait(Factor)]
fn factor(app: &App) -> i32 {
    app.factor
}

// Generic deps, every spelling.
#[entrait(pub SayHello)]
fn say_hello(deps: &impl FetchName, id: u32) -> String {
    format!("Hello {}", deps.fetch_name(id))
}

#[entrait(Twice)]
fn twice<D: Factor>(deps: &D, n: i32) -> i32 {
    deps.factor() * n
}

#[entrait(Both)]
fn both<D>(deps: &D, id: u32) -> String
where
    D: SayHello + Twice,
{
    format!("{} {}", deps.say_hello(id), deps.twice(21))
}

#[entrait(Combined)]
fn combined(deps: &(impl SayHello + Twice), id: u32) -> (String, i32) {
    (deps.say_hello(id), deps.twice(1))
}

#[entrait(Unbounded)]
fn unbounded<D>(_deps: &D, n: u8) -> u8 {
    n + 1
}

#[test]
fn generic_deps_through_impl() {
    let app = app();
    assert_eq!(app.say_hello(0), "Hello World");
    assert_eq!(app.twice(21), 42);
    assert_eq!(app.both(1), "Hello Rust 42");
    assert_eq!(app.combined(0), ("Hello World".to_string(), 2));
    assert_eq!(app.unbounded(41), 42);
}

struct FakeNames;
impl FetchName for FakeNames {
    fn fetch_name(&self, id: u32) -> String {
        format!("fake{id}")
    }
}

#[test]
fn generic_deps_through_fake() {
    assert_eq!(FakeNames.say_hello(7), "Hello fake7");
    assert_eq!(say_hello(&FakeNames, 3), "Hello fake3");
}

#[test]
fn concrete_deps_leaf_works_on_type_and_impl() {
    let app = app();
    assert_eq!(app.fetch_name(1), "Rust");
    assert_eq!(FetchName::fetch_name(&*app, 0), "World");
}
