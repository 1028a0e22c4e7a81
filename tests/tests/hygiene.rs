//! Generated code refers to everything by absolute paths: it compiles in a crate that shadows
//! `core`, `std`, the prelude's names, and inside a `#![no_implicit_prelude]` module.
//!
//! The traits say `unimock = false`: with the `unimock` feature every trait is mocked, and
//! unimock's own expansion (not ours) names `Send`, `Sync` and `Fn` unqualified.

#![allow(dead_code, non_camel_case_types)]

/// Hostile items named like what generated code might use unqualified.
mod hostile {
    pub struct Option;
    pub struct Result;
    pub struct Send;
    pub struct Sync;
    pub struct Box;
    pub struct Future;
    pub struct Sized;
    pub struct Pin;
    pub struct AsRef;
    pub struct Deref;
    pub struct Impl;
    pub struct T;
    pub mod core {}
    pub mod std {}
    pub mod entrait {}
}

mod shadowed {
    // Glob imports shadow the prelude; named modules shadow `core`, `std`, `entrait`. That
    // the import stays unused shows no generated path resolves to these names.
    #[allow(unused_imports)]
    use super::hostile::*;
    use ::entrait::entrait;

    pub struct Config(pub u32);

    #[entrait(pub Leaf)]
    fn leaf(config: &Config) -> u32 {
        config.0
    }

    #[entrait(pub Node)]
    fn node(deps: &impl Leaf, x: u32) -> u32 {
        deps.leaf() + x
    }

    #[entrait(pub AsyncNode)]
    async fn async_node(deps: &impl Leaf) -> u32 {
        deps.leaf()
    }

    #[entrait(pub Module)]
    pub mod module {
        pub fn m(deps: &impl super::Leaf) -> u32 {
            deps.leaf() * 2
        }
    }

    #[entrait(delegate_by = ref, unimock = false)]
    pub trait Store: 'static {
        async fn get(&self) -> u32;
    }

    #[entrait(RepoImpl, delegate_by = DelegateRepo, unimock = false)]
    pub trait Repo {
        fn fetch(&self) -> u32;
    }

    #[entrait(SinkImpl, delegate_by = ref, unimock = false)]
    pub trait Sink {
        async fn put(&self, v: &u32) -> u32;
    }

    pub struct R;
    #[entrait]
    impl RepoImpl for R {
        fn fetch(deps: &impl Leaf) -> u32 {
            deps.leaf() + 100
        }
    }

    pub struct S;
    #[entrait(ref)]
    impl SinkImpl for S {
        async fn put(deps: &impl Leaf, v: &u32) -> u32 {
            deps.leaf() + *v
        }
    }

    pub struct MemStore;
    impl Store for MemStore {
        async fn get(&self) -> u32 {
            7
        }
    }
}

/// No prelude at all: even `Option` and `Send` are unknown here.
mod no_prelude {
    #![no_implicit_prelude]

    pub struct Config(pub u32);

    #[::entrait::entrait(pub Leaf)]
    fn leaf(config: &Config) -> u32 {
        config.0
    }

    #[::entrait::entrait(pub Node)]
    async fn node(deps: &impl Leaf, x: u32) -> u32 {
        deps.leaf() + x
    }

    #[::entrait::entrait(pub NoDeps, no_deps)]
    fn no_deps(x: u32) -> u32 {
        x
    }

    #[::entrait::entrait(pub Module)]
    pub mod module {
        pub fn m(deps: &impl super::Leaf) -> u32 {
            deps.leaf() * 3
        }
    }

    #[::entrait::entrait(unimock = false)]
    pub trait Clock {
        async fn now(&self) -> u32;
    }

    #[::entrait::entrait(delegate_by = ref, unimock = false)]
    pub trait Store: 'static {
        async fn get(&self, k: &u32) -> u32;
        fn name(&self) -> u32;
    }

    #[::entrait::entrait(RepoImpl, delegate_by = DelegateRepo, unimock = false)]
    pub trait Repo {
        fn fetch(&self) -> u32;
    }

    #[::entrait::entrait(SinkImpl, delegate_by = ref, unimock = false)]
    pub trait Sink {
        async fn put(&self, v: u32) -> u32;
    }

    pub struct R;
    #[::entrait::entrait]
    impl RepoImpl for R {
        fn fetch(deps: &impl Leaf) -> u32 {
            deps.leaf() + 1
        }
    }

    pub struct S;
    #[::entrait::entrait(ref)]
    impl SinkImpl for S {
        async fn put(deps: &impl Clock, v: u32) -> u32 {
            deps.now().await + v
        }
    }
}

struct App {
    value: u32,
}

impl shadowed::Leaf for App {
    fn leaf(&self) -> u32 {
        self.value
    }
}
impl shadowed::DelegateRepo<Self> for App {
    type Target = shadowed::R;
}
impl AsRef<dyn shadowed::SinkImpl<Self>> for App {
    fn as_ref(&self) -> &dyn shadowed::SinkImpl<Self> {
        &shadowed::S
    }
}
impl AsRef<dyn shadowed::DynStore> for App {
    fn as_ref(&self) -> &dyn shadowed::DynStore {
        &shadowed::MemStore
    }
}

impl no_prelude::Leaf for App {
    fn leaf(&self) -> u32 {
        self.value
    }
}
impl no_prelude::Clock for App {
    async fn now(&self) -> u32 {
        1000
    }
}
impl no_prelude::Store for App {
    async fn get(&self, k: &u32) -> u32 {
        *k + 1
    }
    fn name(&self) -> u32 {
        5
    }
}
impl AsRef<dyn no_prelude::DynStore> for App {
    fn as_ref(&self) -> &dyn no_prelude::DynStore {
        self
    }
}
impl no_prelude::DelegateRepo<Self> for App {
    type Target = no_prelude::R;
}
impl AsRef<dyn no_prelude::SinkImpl<Self>> for App {
    fn as_ref(&self) -> &dyn no_prelude::SinkImpl<Self> {
        &no_prelude::S
    }
}

#[tokio::test]
async fn shadowed_names_do_not_reach_generated_code() {
    use shadowed::{AsyncNode, Module, Node, Repo, Sink, Store};
    let app = entrait::Impl::new(App { value: 2 });
    assert_eq!(app.node(3), 5);
    assert_eq!(app.async_node().await, 2);
    assert_eq!(app.m(), 4);
    assert_eq!(app.get().await, 7);
    assert_eq!(app.fetch(), 102);
    assert_eq!(app.put(&3).await, 5);
}

#[tokio::test]
async fn no_implicit_prelude_module_works() {
    use no_prelude::{Clock, Module, NoDeps, Node, Repo, Sink, Store};
    let app = entrait::Impl::new(App { value: 2 });
    assert_eq!(app.node(3).await, 5);
    assert_eq!(app.no_deps(9), 9);
    assert_eq!(app.m(), 6);
    assert_eq!(app.now().await, 1000);
    assert_eq!(app.get(&1).await, 2);
    assert_eq!(app.name(), 5);
    assert_eq!(app.fetch(), 3);
    assert_eq!(app.put(1).await, 1001);
}

/// Raw identifiers (`r#type`) as function, method, parameter and module function names, in
/// every input kind: entrait keeps them raw wherever it repeats them.
mod raw_idents {
    use entrait::{entrait, Impl};

    pub struct Config(pub u32);

    #[entrait(pub Leaf)]
    fn r#loop(config: &Config, r#ref: u32) -> u32 {
        config.0 + r#ref
    }

    #[entrait(pub Kind)]
    fn r#type(deps: &impl Leaf, r#in: u32) -> u32 {
        deps.r#loop(r#in) * 2
    }

    #[entrait(pub Module)]
    pub mod r#mod {
        pub fn r#fn(deps: &impl super::Kind, r#as: u32) -> u32 {
            deps.r#type(r#as) + 1
        }
    }

    #[entrait]
    pub trait Matcher {
        fn r#match(&self, r#where: u32) -> u32;
    }

    impl Matcher for Config {
        fn r#match(&self, r#where: u32) -> u32 {
            self.0 * r#where
        }
    }

    #[entrait(MatcherImpl, delegate_by = DelegateMatcher)]
    pub trait Inverted {
        fn r#match(&self, r#where: u32) -> u32;
    }

    pub struct Backend;

    #[entrait]
    impl MatcherImpl for Backend {
        fn r#match(deps: &impl Leaf, r#where: u32) -> u32 {
            deps.r#loop(r#where)
        }
    }

    impl DelegateMatcher<Self> for Config {
        type Target = Backend;
    }

    #[test]
    fn raw_identifiers_stay_raw() {
        let app = Impl::new(Config(10));
        assert_eq!(app.r#loop(1), 11);
        assert_eq!(app.r#type(2), 24);
        assert_eq!(app.r#fn(3), 27);
        assert_eq!(Matcher::r#match(&app, 4), 40);
        assert_eq!(Inverted::r#match(&app, 5), 15);
    }
}
