//! The fast path (`crate::fast`) is an optimisation only: whatever it accepts, it must expand to
//! exactly the tokens the general path produces. Checked on fixed inputs (which it must accept),
//! on inputs it must leave to the general path, and on mutations of both.

use proc_macro2::TokenStream;

use super::fuzz::{mutate, printed, Rng};
use crate::args::MacroDefaults;
use crate::expand::general;

/// Inputs the fast path must accept.
const ACCEPTED: &[(&str, &str)] = &[
    ("pub SayHello", "fn say_hello(deps: &impl FetchName, id: u32) -> String { todo!() }"),
    ("Both", "fn both<D>(deps: &D, id: u32) -> u32 where D: A + B { todo!() }"),
    ("pub GetFoo", "fn get_foo(config: &Config) -> &str { &config.foo }"),
    ("Fetch", "async fn fetch<'a>(deps: &impl Db, key: &'a str) -> &'a str { key }"),
    // The benchmark's shapes (bench/gen.py).
    ("pub F0", "fn f_0(deps: &(impl Leaf5 + LeafMod5), x: u32) -> u32 { deps.leaf_5(x) }"),
    ("pub F1", "fn f_1<D: LeafMod6 + Leaf49>(deps: &D, x: u32) -> u32 { 0 }"),
    ("pub F2", "fn f_2<D>(deps: &D, x: u32, s: &str) -> u32 where D: Store1 + Leaf29 + Store7 { 0 }"),
    ("pub F4", "async fn f_4(deps: &impl Leaf1, x: u32) -> u32 { deps.leaf_1(x).await }"),
    ("pub F7", "fn f_7<D: Leaf18 + Leaf26>(deps: &D, v: &[u32], x: u32) -> u32 { 0 }"),
    ("pub Leaf0", "fn leaf_0(cfg: &Config, x: u32) -> u32 { x }"),
    ("pub Leaf3", "fn leaf_3(cfg: &super::Config, v: &[u32], x: u32) -> u32 { x }"),
    // Visibilities, docs and other attributes.
    ("pub(crate) Foo", "pub(crate) fn foo(deps: &impl Bar) {}"),
    ("pub(super) Foo", "pub fn foo(deps: &impl Bar) -> () {}"),
    ("Foo", "/// Does foo.\n/// Twice.\n#[inline] #[allow(unused)] #[doc = \"more\"] fn foo(deps: &impl Bar) {}"),
    ("Foo", "#[tracing::instrument(skip(deps))] pub fn foo(deps: &impl Bar, x: u8) -> u8 { x }"),
    // Parameters.
    ("Foo", "fn foo(deps: &impl Bar, mut x: u32, y: (u8, u16), z: HashMap<K, V>,) -> Vec<(u8, u16)> { todo!() }"),
    ("Foo", "fn foo(_: &impl Bar, f: impl Fn(u32, u8) -> u32, g: &dyn Fn() -> Option<Vec<u8>>) {}"),
    ("Foo", "fn foo(mut deps: &impl Bar, a: [u8; 4], b: &'static str, c: fn(u8) -> u8) {}"),
    ("Foo", "fn foo(deps: &impl Bar, T: u8) -> u8 { T }"),
    ("Foo", "fn foo(deps: &impl Bar, x: Vec<T>) -> Option<(T, u8)> { None }"),
    ("Foo", "fn foo(deps: &impl Bar, x: Wrapper<\"T\">) {}"),
    ("Foo", "fn foo(deps: &impl Bar, x: Wrapper<\"Tea\">) {}"),
    // Bounds.
    ("Foo", "fn foo(deps: &(impl Bar + Sync + 'static), x: u32) {}"),
    ("Foo", "fn foo(deps: &impl for<'x> Get<'x>) {}"),
    ("Foo", "fn foo(deps: &impl Get<Item = Vec<u8>>) {}"),
    ("Foo", "fn foo(deps: &(impl Fn(u8) -> u8 + Send)) {}"),
    ("Foo", "fn foo<D: ?Sized + Bar>(deps: &D) {}"),
    ("Foo", "fn foo<D>(deps: &D) {}"),
    ("Foo", "fn foo<D: A>(deps: &D) where D: B, D: Get<Vec<u8>>, {}"),
    ("Foo", "fn foo<D: A + B>(deps: &D) where D: A + B, D: C {}"),
    ("Foo", "fn foo<D: Get<Vec<u8>>>(deps: &D) where D: Get<Vec<u8> >, D: Get < Vec<u8>>, {}"),
    ("Foo", "fn foo<'a, 'b: 'a, D: A>(deps: &D, x: &'a str, y: &'b str) -> &'a str { x }"),
    ("Foo", "fn foo<D: A, 'a>(deps: &D, x: &'a u8) {}"),
    // Concrete dependencies.
    ("Foo", "fn foo(deps: &dyn Bar) {}"),
    ("Foo", "fn foo(deps: &crate::config::Config<u8>, x: u32) -> u32 { x }"),
    ("Foo", "async fn foo(config: &Config) -> u32 { 0 }"),
    ("Foo", "async fn foo(config: &Config) {}"),
    // Async.
    ("Foo", "async fn foo<D>(deps: &D) where D: Bar {}"),
    ("Foo", "pub async fn foo(deps: &impl Bar, x: &str) -> Result<String, Error> { todo!() }"),
    ("Foo", "async fn foo<'a>(deps: &impl Bar, x: &'a str) -> &'a str { x }"),
    // `mock_api`: a unimock mock with the `unimock` feature, nothing without it.
    ("pub Foo, mock_api = FooMock", "fn foo(deps: &impl Bar, x: u32) -> u32 { x }"),
    ("Foo, mock_api = FooMock", "pub async fn foo<D: Bar>(deps: &D, x: &str) -> usize { 0 }"),
    ("Foo, mock_api = FooMock", "fn foo(config: &Config) -> u32 { 0 }"),
    ("pub Users, mock_api = mock", "pub mod users { pub fn get(deps: &impl Db) -> u32 { 0 } pub fn count<D>(deps: &D) -> u32 { 0 } }"),
    ("Foo,", "fn foo(deps: &impl Bar) {}"),
    // Modules.
    ("pub Users", "pub mod users { pub fn get(deps: &impl Db, id: u32) -> String { todo!() } pub(crate) fn count<D: Db>(deps: &D) -> usize { 0 } fn private() {} }"),
    ("pub Mod0", "pub mod mod_0 { pub fn m0_0(deps: &impl super::Leaf26, v: &[u32], x: u32) -> u32 { 0 } pub async fn m0_1<D>(deps: &D, x: u32) -> u32 where D: super::Leaf3 { 0 } pub fn m0_2(deps: &(impl super::A + super::B), x: u32) -> u32 { 0 } }"),
    ("pub LeafMod7", "pub mod leafmod_7 { pub fn lm7_0(cfg: &super::Config, v: &[u32], x: u32) -> u32 { 0 } pub fn lm7_1(cfg: &super::Config) -> u32 { 0 } }"),
    ("Db", "/// The database.\n#[allow(unused)] mod db { use super::*; use std::{fmt, io}; /// Gets.\n pub fn get<T>(deps: &T) -> u8 where T: Get { 0 } fn helper<X>(x: X) -> impl Fn() -> u8 { || 0 } #[inline] pub async fn put(deps: &impl Put, x: &str) {} }"),
    ("pub(crate) Db", "pub(crate) mod db { pub fn get(deps: &Config) -> Row<'static> { todo!() } }"),
    ("pub Repo", "pub mod repo { use super::*; pub struct Row { pub id: u32 } struct Cache(u8); enum Kind { A, B } type Rows = Vec<Row>; const LIMIT: usize = { 10 }; static NAME: &str = \"repo\"; const _: () = (); extern crate alloc; impl Row { pub fn new(id: u32) -> Self { Row { id } } } unsafe impl Send for Cache {} trait Private { fn x(&self) -> u8 { 0 } } mod nested { pub fn deep() {} } mod file; const fn helper() -> u8 { 0 } unsafe fn raw() {} extern \"C\" fn c_abi() {} pub fn find(deps: &impl Db, id: u32) -> Option<Row> { None } #[cfg(test)] mod tests { use super::*; #[test] fn finds() {} } }"),
];

/// Inputs the fast path must leave to the general path (which handles or rejects them).
const DECLINED: &[(&str, &str)] = &[
    ("Foo, no_deps", "fn foo(x: u32) {}"),
    ("Foo, mock_api = fn", "fn foo(deps: &impl Bar) {}"),
    ("Foo, mock_api = ", "fn foo(deps: &impl Bar) {}"),
    (
        "Foo, mock_api = FooMock, export",
        "fn foo(deps: &impl Bar) {}",
    ),
    (
        "Foo, mock_api = FooMock, mock_api = BarMock",
        "fn foo(deps: &impl Bar) {}",
    ),
    ("Foo, mock_api = FooMock,", "fn foo(deps: &impl Bar) {}"),
    ("Foo, mock_api = r#FooMock", "fn foo(deps: &impl Bar) {}"),
    ("Foo, debug", "fn foo(deps: &impl Bar) {}"),
    ("no_deps", "fn foo(x: u32) {}"),
    ("", "fn foo(deps: &impl Bar) {}"),
    ("pub", "fn foo(deps: &impl Bar) {}"),
    ("pub(foo) Foo", "fn foo(deps: &impl Bar) {}"),
    ("Foo Bar", "fn foo(deps: &impl Bar) {}"),
    ("Foo", "#[cfg(test)] fn foo(deps: &impl Bar) {}"),
    ("Foo", "fn foo(deps: &impl Bar, _x: u32) {}"),
    ("Foo", "fn foo(deps: &impl Bar, (a, b): (u8, u8)) {}"),
    ("Foo", "fn foo(deps: &impl Bar, foo: u8) {}"),
    ("Foo", "fn foo(deps: &impl Bar, #[attr] x: u8) {}"),
    ("Foo", "fn foo(deps: impl Bar) {}"),
    ("Foo", "fn foo(deps: &mut impl Bar) {}"),
    ("Foo", "fn foo(deps: &'a impl Bar) {}"),
    ("Foo", "fn foo(deps: &impl A + B) {}"),
    ("Foo", "fn foo(deps: &(impl)) {}"),
    ("Foo", "fn foo(deps: &(Config)) {}"),
    ("Foo", "fn foo<D>(deps: D) {}"),
    ("Foo", "fn foo<D, X>(deps: &D, x: X) {}"),
    ("Foo", "fn foo<X>(deps: &Config, x: X) {}"),
    ("Foo", "fn foo<D: Get<D>>(deps: &D) {}"),
    ("Foo", "fn foo<D>(deps: &D, x: D) {}"),
    ("Foo", "fn foo<D>(deps: &D) -> Vec<D> { todo!() }"),
    ("Foo", "fn foo<'a, D: Get<'a>>(deps: &D) {}"),
    ("Foo", "fn foo<'a>(deps: &impl Get<'a>) {}"),
    ("Foo", "fn foo<D>(deps: &D) where u8: Copy {}"),
    ("Foo", "fn foo<D>(deps: &D) where for<'a> D: Get<'a> {}"),
    ("Foo", "fn foo(deps: &impl Bar) where u8: Copy {}"),
    ("Foo", "fn foo<const N: usize>(deps: &impl Bar) {}"),
    ("Foo", "fn foo<D = u8>(deps: &D) {}"),
    ("Foo", "fn foo(deps: &impl Bar, x: ...) {}"),
    ("Foo", "fn foo(&self) {}"),
    ("Foo", "fn foo(self: &Self) {}"),
    ("Foo", "fn foo() {}"),
    ("Foo", "unsafe fn foo(deps: &impl Bar) {}"),
    ("Foo", "const fn foo(deps: &impl Bar) {}"),
    ("Foo", "extern \"C\" fn foo(deps: &impl Bar) {}"),
    ("Foo", "fn foo(deps: &impl Bar);"),
    ("Foo", "fn r#match(deps: &impl Bar) {}"),
    (
        "pub(super) Foo",
        "pub mod m { pub fn foo(deps: &impl Bar) {} }",
    ),
    (
        "Foo",
        "pub mod m { pub fn foo(deps: &impl Bar) {} pub fn bar(config: &Config) {} }",
    ),
    (
        "Foo",
        "pub mod m { pub fn foo(deps: &Config) {} pub fn bar(config: &super::Config) {} }",
    ),
    ("Foo", "pub mod m { pub fn foo(x: u32) {} }"),
    ("Foo", "pub mod m { fn private(deps: &impl Bar) {} }"),
    (
        "Foo",
        "pub mod m { #![doc = \"inner\"] pub fn foo(deps: &impl Bar) {} }",
    ),
    (
        "Foo",
        "#[cfg(test)] pub mod m { pub fn foo(deps: &impl Bar) {} }",
    ),
    (
        "Foo",
        "pub mod m { #[cfg(test)] pub fn foo(deps: &impl Bar) {} }",
    ),
    ("Foo", "pub mod m { pub const fn foo(deps: &impl Bar) {} }"),
    ("Foo", "pub mod m;"),
    (
        "Foo",
        "pub mod m { pub fn foo(deps: &impl Bar) {} macro_rules! m { () => {} } }",
    ),
    ("Foo", "pub mod m { pub fn foo(deps: &impl Bar) {} m!(); }"),
    (
        "Foo",
        "pub mod m { pub fn foo(deps: &impl Bar) {} pub const fn bar(deps: &impl Bar) {} }",
    ),
    (
        "Foo",
        "pub mod m { pub fn foo(deps: &impl Bar) {} pub unsafe fn bar(deps: &impl Bar) {} }",
    ),
    ("Foo", "pub trait Foo { fn foo(&self); }"),
    (
        "FooImpl",
        "impl FooImpl for X { fn foo(deps: &impl Bar) {} }",
    ),
    ("Foo", "struct Foo;"),
];

const ALL_DEFAULTS: [MacroDefaults; 4] = [
    MacroDefaults {
        export: false,
        unimock: false,
    },
    MacroDefaults {
        export: true,
        unimock: false,
    },
    MacroDefaults {
        export: false,
        unimock: true,
    },
    MacroDefaults {
        export: true,
        unimock: true,
    },
];

fn parse(source: &str) -> TokenStream {
    source.parse().unwrap_or_default()
}

/// `Some(fast)` when the fast path accepted; panics if it differs from the general path.
fn differential(attr: &TokenStream, item: &TokenStream, defaults: MacroDefaults) -> Option<String> {
    let fast = crate::fast::expand(attr, item, defaults)?;
    let general = general(attr.clone(), item.clone(), defaults);
    assert_eq!(
        exact(&fast),
        exact(&general),
        "the fast path differs from the general path on #[entrait({attr})] {item}"
    );
    Some(fast.to_string())
}

/// Every token with its kind, delimiters and spacing where the compiler reads it: `- >` and
/// `->` differ, `> >` and `>>` do not (the general path prints bounds back through syn, which
/// writes `Vec<Vec<u8>>` as `Vec < Vec < u8 > >`).
fn exact(stream: &TokenStream) -> String {
    printed(stream, true)
}

#[test]
fn the_fast_path_accepts_common_functions_and_matches_the_general_path() {
    for (attr, item) in ACCEPTED {
        for defaults in ALL_DEFAULTS {
            let accepted = differential(&parse(attr), &parse(item), defaults);
            // Without the feature, `entrait_unimock` is an error only the general path reports.
            let expected = !defaults.unimock || cfg!(feature = "unimock");
            assert_eq!(
                accepted.is_some(),
                expected,
                "fast path acceptance of #[entrait({attr})] {item} with {defaults:?}"
            );
            if let Some(output) = accepted {
                assert!(!output.contains("compile_error"), "{output}");
            }
        }
    }
}

#[test]
fn the_fast_path_leaves_everything_else_to_the_general_path() {
    for (attr, item) in DECLINED {
        for defaults in ALL_DEFAULTS {
            assert!(
                crate::fast::expand(&parse(attr), &parse(item), defaults).is_none(),
                "the fast path took #[entrait({attr})] {item}"
            );
        }
    }
}

/// Mutations of both lists: wherever the fast path still accepts, it agrees.
#[test]
fn the_fast_path_agrees_with_the_general_path_on_mutated_inputs() {
    let mut rng = Rng(0x0DDB_1A5E_5BAD_5EED);
    let cases = 4 * super::fuzz::cases();
    let (mut valid, mut accepted) = (0, 0);
    for _ in 0..cases {
        let (attr, item) = if rng.below(2) == 0 {
            ACCEPTED[rng.below(ACCEPTED.len())]
        } else {
            DECLINED[rng.below(DECLINED.len())]
        };
        let (mut attr, mut item) = (parse(attr), parse(item));
        for _ in 0..1 + rng.below(2) {
            if rng.below(5) == 0 {
                attr = mutate(&mut rng, attr);
            } else {
                item = mutate(&mut rng, item);
            }
        }
        // rustc only calls an attribute macro on an item that parses.
        if syn::parse2::<syn::Item>(item.clone()).is_err() {
            continue;
        }
        valid += 1;
        let defaults = ALL_DEFAULTS[rng.below(4)];
        accepted += usize::from(differential(&attr, &item, defaults).is_some());
    }
    println!("{cases} mutated inputs, {valid} of them items, {accepted} taken by the fast path");
    assert!(accepted * 10 > valid, "only {accepted} of {valid} accepted");
}
