//! `#[entrait]` on a module: one trait with a method per non-private function.

use entrait::{entrait, Impl};

pub struct App {
    names: Vec<&'static str>,
    port: u16,
}

fn app() -> Impl<App> {
    Impl::new(App {
        names: vec!["World", "Rust"],
        port: 8080,
    })
}

// Leaves used by the modules below.
#[entrait(pub FetchName)]
fn fetch_name(app: &App, id: usize) -> &'static str {
    app.names[id]
}

#[entrait(pub Port)]
fn port(app: &App) -> u16 {
    app.port
}

/// Implemented by nothing: a function bounded by it must not become part of a module trait,
/// or `Impl<App>` and the fakes would not implement that trait.
pub trait Unimplemented {
    fn never(&self);
}

#[entrait(pub Greeting)]
pub mod greeting {
    use super::{FetchName, Port, Unimplemented};

    pub fn hello(deps: &impl FetchName, id: usize) -> String {
        format!("Hello {}", deps.fetch_name(id))
    }

    pub(crate) fn address<D: Port>(deps: &D, host: &str) -> String {
        format!("{host}:{}", deps.port())
    }

    pub(super) fn both<D>(deps: &D) -> String
    where
        D: FetchName + Port,
    {
        format!("{}@{}", deps.fetch_name(1), deps.port())
    }

    // Ignored: a private function (its bound is not combined), nested modules, structs,
    // consts and statics.
    fn private_helper(deps: &impl Unimplemented) {
        deps.never();
    }

    pub mod nested {
        pub fn nested_fn(deps: &impl super::Unimplemented) {
            deps.never();
        }
    }

    pub struct NotAMethod;
    pub const NOT_A_METHOD: u8 = 1;
    pub static NOT_A_METHOD_EITHER: u8 = 2;

    impl NotAMethod {
        /// Neither are functions in impl blocks.
        pub fn uses_private(deps: &impl Unimplemented) {
            private_helper(deps);
            nested::nested_fn(deps);
        }
    }
}

/// Implements the combined bounds (`FetchName + Port`) and nothing else.
struct Fake;

impl FetchName for Fake {
    fn fetch_name(&self, id: usize) -> &'static str {
        ["a", "b"][id]
    }
}

impl Port for Fake {
    fn port(&self) -> u16 {
        1
    }
}

#[test]
fn module_trait_through_impl() {
    let app = app();
    assert_eq!(app.hello(0), "Hello World");
    assert_eq!(app.address("localhost"), "localhost:8080");
    assert_eq!(app.both(), "Rust@8080");
}

#[test]
fn module_trait_through_fake() {
    assert_eq!(Fake.hello(1), "Hello b");
    assert_eq!(Fake.address("h"), "h:1");
    assert_eq!(Fake.both(), "b@1");
    // The functions themselves are untouched.
    assert_eq!(greeting::hello(&Fake, 0), "Hello a");
    assert_eq!(greeting::NOT_A_METHOD + greeting::NOT_A_METHOD_EITHER, 3);
    let _ = greeting::NotAMethod;
}

/// The module trait's methods are exactly the three non-private functions, so a hand-written
/// implementation lists just those. (`HandWritten` is not a `FetchName`, so the blanket impl
/// does not cover it.)
struct HandWritten;

impl Unimplemented for HandWritten {
    fn never(&self) {}
}

mod hand_written {
    use super::{Greeting, HandWritten};

    impl Greeting for HandWritten {
        fn hello(&self, id: usize) -> String {
            format!("hand {id}")
        }
        fn address(&self, host: &str) -> String {
            host.to_uppercase()
        }
        fn both(&self) -> String {
            "both".into()
        }
    }
}

#[test]
fn private_fns_are_not_methods() {
    fn via_trait(g: &impl Greeting) -> [String; 3] {
        [g.hello(3), g.address("x"), g.both()]
    }
    assert_eq!(via_trait(&HandWritten), ["hand 3", "X", "both"]);
    greeting::NotAMethod::uses_private(&HandWritten);
}

// ---------------------------------------------------------------------------------------------
// Visibility: the trait is re-exported beside the module with the given visibility.

mod vis {
    use entrait::entrait;

    #[entrait(pub(crate) CrateMod)]
    mod crate_mod {
        pub fn crate_fn<D>(_deps: &D) -> u8 {
            1
        }
    }

    #[entrait(PrivateMod)]
    mod private_mod {
        pub fn private_fn<D>(_deps: &D) -> u8 {
            2
        }
    }

    #[entrait(pub(super) SuperMod)]
    pub mod super_mod {
        pub fn super_fn<D>(_deps: &D) -> u8 {
            3
        }
    }

    #[entrait(pub(in crate::vis) InPathMod)]
    mod in_path_mod {
        pub fn in_path_fn<D>(_deps: &D) -> u8 {
            4
        }
    }

    pub fn private_and_in_path() -> u8 {
        ().private_fn() + ().in_path_fn()
    }

    pub mod child {
        pub fn call_parent_private() -> u8 {
            use super::PrivateMod;
            ().private_fn()
        }
    }
}

#[test]
fn module_trait_visibility() {
    use vis::{CrateMod, SuperMod};
    let app = app();
    assert_eq!(app.crate_fn() + app.super_fn(), 4);
    assert_eq!(vis::private_and_in_path(), 6);
    assert_eq!(vis::child::call_parent_private(), 2);
}

// ---------------------------------------------------------------------------------------------
// A module of concrete-deps functions: a leaf trait for `App` and for `Impl<T: Trait>`.

#[entrait(pub AppConfig)]
pub mod app_config {
    use super::App;

    pub fn name_count(app: &App) -> usize {
        app.names.len()
    }

    pub fn first_name(app: &App) -> &str {
        app.names[0]
    }
}

/// A downstream application implements the module trait by hand.
struct Downstream;

impl AppConfig for Downstream {
    fn name_count(&self) -> usize {
        100
    }
    fn first_name(&self) -> &str {
        "down"
    }
}

#[entrait(Summary)]
fn summary(deps: &impl AppConfig) -> String {
    format!("{}/{}", deps.first_name(), deps.name_count())
}

#[test]
fn concrete_deps_module() {
    let app = app();
    assert_eq!(app.name_count(), 2);
    assert_eq!(app.first_name(), "World");
    assert_eq!(app.summary(), "World/2");
    assert_eq!(AppConfig::first_name(&*app), "World");
    let down = Impl::new(Downstream);
    assert_eq!(down.summary(), "down/100");
}

// ---------------------------------------------------------------------------------------------
// `no_deps`, empty, async.

#[entrait(pub Math, no_deps)]
pub mod math {
    pub fn add(a: i32, b: i32) -> i32 {
        a + b
    }

    pub fn neg(a: i32) -> i32 {
        -a
    }
}

#[test]
fn no_deps_module() {
    assert_eq!(app().add(40, 2), 42);
    assert_eq!(Fake.neg(1), -1);
    assert_eq!(0u8.add(1, 1), 2);
}

/// A `<` or `>` in a const's value is a comparison: the items after it are read as usual.
#[entrait(pub Compare, no_deps)]
pub mod compare {
    pub const LESS: bool = 1 < 2;
    pub const MORE: bool = 2 > 1;

    pub fn less_and_more() -> bool {
        LESS && MORE
    }
}

#[test]
fn comparisons_in_consts_end_at_their_semicolon() {
    assert!(0u8.less_and_more());
}

#[entrait(pub Empty)]
pub mod empty {}

#[test]
fn empty_module_gives_an_empty_trait() {
    fn is_empty_impl<T: Empty>(_: &T) -> bool {
        true
    }
    assert!(is_empty_impl(&app()));
    assert!(is_empty_impl(&Fake));
    assert!(is_empty_impl(&()));
}

#[entrait(pub AsyncGreeting)]
pub mod async_greeting {
    use super::{FetchName, Port};

    pub async fn async_hello(deps: &impl FetchName, id: usize) -> String {
        tokio::task::yield_now().await;
        format!("Hello {}", deps.fetch_name(id))
    }

    pub async fn async_port(deps: &impl Port) -> u16 {
        deps.port()
    }

    pub fn sync_too(deps: &impl Port) -> u16 {
        deps.port() + 1
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_module_spawned() {
    let app = app();
    let result = tokio::spawn(async move {
        (
            app.async_hello(1).await,
            app.async_port().await,
            app.sync_too(),
        )
    })
    .await
    .unwrap();
    assert_eq!(result, ("Hello Rust".to_string(), 8080, 8081));
    let fake = tokio::spawn(async { (Fake.async_hello(0).await, Fake.async_port().await) });
    assert_eq!(fake.await.unwrap(), ("Hello a".to_string(), 1));
}

#[entrait(LocalModule, ?Send)]
mod local_module {
    use std::rc::Rc;

    pub async fn shared<D>(_deps: &D, v: Rc<u32>) -> Rc<u32> {
        tokio::task::yield_now().await;
        v
    }
}

#[test]
fn not_send_async_module() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let v = std::rc::Rc::new(5);
    let out = rt.block_on(tokio::task::LocalSet::new().run_until(app().shared(v.clone())));
    assert!(std::rc::Rc::ptr_eq(&out, &v));
}

// ---------------------------------------------------------------------------------------------
// `#[cfg]` on the module and on a function in it.

#[entrait(GatedModule)]
#[cfg(any())]
mod gated_module {
    pub fn gone(deps: &impl DoesNotExist) {}
}

/// The name is free again: the gated module's trait and its re-export are gone.
trait GatedModule {
    fn present(&self) -> u8 {
        7
    }
}

impl GatedModule for () {}

#[entrait(PartlyGated)]
mod partly_gated {
    #[cfg(any())]
    pub fn gone(deps: &impl DoesNotExist) {}

    pub fn kept<D: super::Port>(deps: &D) -> u16 {
        deps.port() + 1
    }
}

/// A hand-written implementation only needs the methods that exist (`OnlyKept` is not a
/// `Port`, so the blanket impl does not cover it).
struct OnlyKept;

impl PartlyGated for OnlyKept {
    fn kept(&self) -> u16 {
        9
    }
}

#[test]
fn cfg_on_module_and_functions() {
    assert_eq!(().present(), 7);
    assert_eq!(app().kept(), 8081);
    assert_eq!(Fake.kept(), 2);
    assert_eq!(OnlyKept.kept(), 9);
}

// ---------------------------------------------------------------------------------------------
// Docs: the module's docs document the trait, each function's docs its method.

#[deny(missing_docs)]
pub mod documented {
    //! Documented module traits.

    use entrait::entrait;

    /// Outer docs of the module become the trait's docs.
    #[entrait(pub OuterDocs)]
    pub mod outer_docs {
        /// A documented method.
        pub fn outer<D>(_deps: &D) -> u8 {
            1
        }
    }

    #[entrait(pub InnerDocs)]
    pub mod inner_docs {
        //! Inner docs of the module work too.

        /// Another documented method.
        pub fn inner<D>(_deps: &D) -> u8 {
            2
        }
    }
}

#[test]
fn documented_module_traits() {
    use documented::{InnerDocs, OuterDocs};
    assert_eq!(app().outer() + Fake.inner(), 3);
}
