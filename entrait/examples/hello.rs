//! A three-function call graph wired by entrait: `greet` → `fetch_name` → the app's config.
//!
//! Run it with `cargo run -p entrait --example hello`.

use entrait::{entrait, Impl};

/// The application's state: here, just some names.
struct Config {
    names: Vec<String>,
}

#[entrait(FetchName)]
fn fetch_name(config: &Config, id: usize) -> Option<String> {
    config.names.get(id).cloned()
}

#[entrait(Greet)]
fn greet(deps: &impl FetchName, id: usize) -> String {
    match deps.fetch_name(id) {
        Some(name) => format!("Hello, {name}!"),
        None => format!("Nobody has id {id}."),
    }
}

fn main() {
    let app = Impl::new(Config {
        names: vec!["World".into(), "Ferris".into()],
    });
    for id in 0..3 {
        println!("{}", app.greet(id));
    }
}
