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

// ---------------------------------------------------------------------------------------------
// Every spelling of generic deps, each called through `Impl<App>` and through a fake.

#[entrait(InlineBound)]
fn inline_bound<D: Factor>(deps: &D, n: i32) -> i32 {
    deps.factor() + n
}

#[entrait(WhereBounds)]
fn where_bounds<D>(deps: &D, id: u32) -> String
where
    D: FetchName + Factor,
{
    format!("{}:{}", deps.fetch_name(id), deps.factor())
}

#[entrait(ImplBound)]
fn impl_bound(deps: &impl Factor) -> i32 {
    deps.factor() * 10
}

#[entrait(ImplBounds)]
fn impl_bounds(deps: &(impl FetchName + Factor), id: u32) -> String {
    deps.fetch_name(id).repeat(deps.factor() as usize)
}

#[entrait(UnboundedRef)]
fn unbounded_ref<D>(_deps: &D, s: &str) -> usize {
    s.len()
}

/// A hand-written fake: implements the leaf traits with canned answers.
struct Fake {
    factor: i32,
}

impl FetchName for Fake {
    fn fetch_name(&self, id: u32) -> String {
        format!("n{id}")
    }
}

impl Factor for Fake {
    fn factor(&self) -> i32 {
        self.factor
    }
}

#[test]
fn every_generic_spelling_through_impl() {
    let app = app();
    assert_eq!(app.inline_bound(40), 42);
    assert_eq!(app.where_bounds(1), "Rust:2");
    assert_eq!(app.impl_bound(), 20);
    assert_eq!(app.impl_bounds(0), "WorldWorld");
    assert_eq!(app.unbounded_ref("four"), 4);
}

#[test]
fn every_generic_spelling_through_fake() {
    let fake = Fake { factor: 3 };
    assert_eq!(fake.inline_bound(1), 4);
    assert_eq!(fake.where_bounds(5), "n5:3");
    assert_eq!(fake.impl_bound(), 30);
    assert_eq!(fake.impl_bounds(2), "n2n2n2");
    assert_eq!(fake.unbounded_ref("abc"), 3);
    // Higher layers run on the fake too: `say_hello` → `fetch_name` of the fake.
    assert_eq!(fake.both(9), "Hello n9 63");
    assert_eq!(fake.combined(4), ("Hello n4".to_string(), 3));
    // The unbounded traits are implemented for every type, even primitives.
    assert_eq!(0u8.unbounded(1), 2);
    assert_eq!(().unbounded_ref(""), 0);
}

// ---------------------------------------------------------------------------------------------
// Concrete deps: a leaf implemented for the concrete type and for `Impl<T> where T: Trait`.

mod upstream {
    use entrait::entrait;

    pub struct Config {
        pub foo: String,
    }

    #[entrait(pub GetFoo)]
    pub fn get_foo(config: &Config) -> &str {
        &config.foo
    }

    #[entrait(pub FooLen)]
    pub fn foo_len(deps: &impl GetFoo) -> usize {
        deps.get_foo().len()
    }
}

use upstream::{Config, FooLen, GetFoo};

/// A downstream application wrapping the upstream config implements the leaf by hand.
struct Downstream {
    config: Config,
    greeting: &'static str,
}

impl GetFoo for Downstream {
    fn get_foo(&self) -> &str {
        if self.config.foo.is_empty() {
            self.greeting
        } else {
            self.config.get_foo()
        }
    }
}

#[test]
fn concrete_deps_on_the_concrete_type() {
    let config = Config { foo: "bar".into() };
    assert_eq!(config.get_foo(), "bar");
    assert_eq!(config.foo_len(), 3);
}

#[test]
fn concrete_deps_through_impl_of_the_concrete_type() {
    let app = Impl::new(Config { foo: "abcd".into() });
    assert_eq!(app.get_foo(), "abcd");
    assert_eq!(app.foo_len(), 4);
}

#[test]
fn concrete_deps_through_impl_of_a_downstream_app() {
    let app = Impl::new(Downstream {
        config: Config { foo: "xy".into() },
        greeting: "unused",
    });
    assert_eq!(app.get_foo(), "xy");
    assert_eq!(app.foo_len(), 2);

    let app = Impl::new(Downstream {
        config: Config { foo: String::new() },
        greeting: "hand-written",
    });
    assert_eq!(app.get_foo(), "hand-written");
    assert_eq!(app.foo_len(), 12);
}

// ---------------------------------------------------------------------------------------------
// `no_deps`: every parameter is a method parameter, implemented for every type.

#[entrait(Add, no_deps)]
fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[entrait(Constant, no_deps)]
fn constant() -> &'static str {
    "constant"
}

#[entrait(AddTwice)]
fn add_twice(deps: &impl Add, a: i32) -> i32 {
    deps.add(a, a)
}

#[test]
fn no_deps_fns() {
    let app = app();
    assert_eq!(app.add(40, 2), 42);
    assert_eq!(app.constant(), "constant");
    assert_eq!(app.add_twice(21), 42);
    assert_eq!(Fake { factor: 0 }.add_twice(5), 10);
    assert_eq!(().add(1, 2), 3);
    assert_eq!(7u64.constant(), "constant");
}

// ---------------------------------------------------------------------------------------------
// Trait visibility.

mod visibility {
    use entrait::entrait;

    #[entrait(pub PubTrait)]
    fn pub_fn<D>(_deps: &D) -> &'static str {
        "pub"
    }

    #[entrait(pub(crate) CrateTrait)]
    fn crate_fn<D>(_deps: &D) -> &'static str {
        "pub(crate)"
    }

    #[entrait(pub(super) SuperTrait)]
    fn super_fn<D>(_deps: &D) -> &'static str {
        "pub(super)"
    }

    #[entrait(PrivateTrait)]
    fn private_fn<D>(_deps: &D) -> &'static str {
        "private"
    }

    /// Private traits are usable in the module and its children.
    pub fn call_private() -> &'static str {
        ().private_fn()
    }

    pub mod child {
        pub fn call_parent_private() -> &'static str {
            use super::PrivateTrait;
            1u8.private_fn()
        }
    }
}

mod other_module {
    use crate::visibility::{CrateTrait, PubTrait, SuperTrait};

    pub fn call_all(app: &entrait::Impl<super::App>) -> [&'static str; 3] {
        [app.pub_fn(), app.crate_fn(), app.super_fn()]
    }
}

#[test]
fn trait_visibility() {
    assert_eq!(
        other_module::call_all(&app()),
        ["pub", "pub(crate)", "pub(super)"]
    );
    assert_eq!(visibility::call_private(), "private");
    assert_eq!(visibility::child::call_parent_private(), "private");
}

// ---------------------------------------------------------------------------------------------
// Signatures: extra generics, lifetimes, references, `impl Trait` arguments, patterns.

#[entrait(Describe)]
fn describe<D: Factor, X: std::fmt::Display>(deps: &D, x: X) -> String {
    format!("{x}*{}", deps.factor())
}

#[entrait(Pick)]
fn pick<D, X>(_deps: &D, items: Vec<X>, index: usize) -> Option<X>
where
    D: Factor,
    X: Clone,
{
    items.get(index).cloned()
}

/// A generic parameter named `T` (the name the generated impls would pick for themselves).
#[entrait(Wrap)]
fn wrap<T: Into<i64>>(deps: &impl Factor, t: T) -> i64 {
    t.into() * i64::from(deps.factor())
}

#[entrait(DepsNamedT)]
fn deps_named_t<T: Factor>(deps: &T) -> i32 {
    deps.factor() + 1
}

#[test]
fn extra_generic_params() {
    let app = app();
    assert_eq!(app.describe(21), "21*2");
    assert_eq!(app.describe("x"), "x*2");
    assert_eq!(app.pick(vec!['a', 'b'], 1), Some('b'));
    assert_eq!(app.pick(Vec::<u8>::new(), 0), None);
    assert_eq!(app.wrap(21u8), 42);
    assert_eq!(app.deps_named_t(), 3);
    let fake = Fake { factor: 5 };
    assert_eq!(fake.describe(1.5), "1.5*5");
    assert_eq!(fake.pick(vec![1, 2, 3], 0), Some(1));
    assert_eq!(fake.wrap(-2i32), -10);
    assert_eq!(fake.deps_named_t(), 6);
}

/// A function's type parameters are the trait's: `Describe<X>`, `Wrap<T>`, `Make<T>`.
fn describe_u8(deps: &impl Describe<u8>) -> String {
    deps.describe(7)
}

fn wrap_i32(deps: &impl Wrap<i32>) -> i64 {
    deps.wrap(-1)
}

/// A type parameter only in the return type, with a bound.
#[entrait(Make)]
fn make<T: Default>(_deps: &impl std::any::Any) -> T {
    T::default()
}

/// Concrete deps and a type parameter.
#[entrait(Tag)]
fn tag<T: std::fmt::Debug>(app: &App, t: T) -> String {
    format!("{t:?}#{}", app.names.len())
}

/// A const parameter goes with the type parameters.
#[entrait(Repeat)]
fn repeat<const N: usize>(_deps: &impl Factor, c: char) -> String {
    (0..N).map(|_| c).collect()
}

#[test]
fn type_params_are_trait_params() {
    let app = app();
    assert_eq!(describe_u8(&app), "7*2");
    assert_eq!(wrap_i32(&app), -2);
    assert_eq!(Make::<String>::make(&app), "");
    assert_eq!(Make::<u8>::make(&()), 0);
    let n: u32 = app.make();
    assert_eq!(n, 0);
    assert_eq!(app.tag('x'), "'x'#2");
    assert_eq!(
        Tag::<&str>::tag(
            &App {
                names: vec![],
                factor: 0
            },
            "y"
        ),
        "\"y\"#0"
    );
    assert_eq!(Repeat::<3>::repeat(&app, 'z'), "zzz");
}

/// The deps lifetime is named: the method's receiver becomes `&'a self`.
#[entrait(NamedLifetime)]
fn named_lifetime<'a, D: FetchName>(deps: &'a D, key: &'a str) -> (&'a str, String) {
    (key, deps.fetch_name(0))
}

/// A named lifetime not tied to the deps.
#[entrait(FirstWord)]
fn first_word<'s>(_deps: &impl Factor, s: &'s str) -> &'s str {
    s.split(' ').next().unwrap_or(s)
}

/// Elided lifetimes: the returned reference borrows from the deps (`&self`).
#[entrait(Names)]
fn names(app: &App) -> &[String] {
    &app.names
}

#[entrait(Longest)]
fn longest(deps: &impl Names) -> &str {
    deps.names()
        .iter()
        .max_by_key(|n| n.len())
        .map_or("", String::as_str)
}

/// References in argument and return types, including `&mut`.
#[entrait(Push)]
fn push<'v>(_deps: &impl Factor, v: &'v mut Vec<i32>, x: &i32) -> &'v [i32] {
    v.push(*x);
    v
}

#[entrait(Anonymous)]
fn anonymous(deps: &impl Factor, bytes: &[u8], out: &mut String) {
    out.push_str(&format!("{}:{}", bytes.len(), deps.factor()));
}

#[test]
fn lifetimes_and_references() {
    let app = app();
    let key = String::from("key");
    assert_eq!(app.named_lifetime(&key), ("key", "World".to_string()));
    assert_eq!(app.first_word("hello big world"), "hello");
    assert_eq!(app.names(), ["World".to_string(), "Rust".to_string()]);
    assert_eq!(app.longest(), "World");
    let mut v = vec![1];
    assert_eq!(app.push(&mut v, &2), [1, 2]);
    let mut out = String::new();
    app.anonymous(b"abc", &mut out);
    assert_eq!(out, "3:2");

    let fake = Fake { factor: 7 };
    assert_eq!(fake.named_lifetime("k"), ("k", "n0".to_string()));
    assert_eq!(fake.first_word("a b"), "a");
    let mut out = String::new();
    fake.anonymous(&[], &mut out);
    assert_eq!(out, "0:7");
}

#[entrait(Sum)]
fn sum(deps: &impl Factor, items: impl IntoIterator<Item = i32>, f: impl Fn(i32) -> i32) -> i32 {
    items.into_iter().map(f).sum::<i32>() * deps.factor()
}

#[test]
fn impl_trait_args() {
    assert_eq!(app().sum(vec![1, 2, 3], |x| x * 10), 120);
    assert_eq!(Fake { factor: 1 }.sum([1, 1], |x| x + 1), 4);
}

pub struct Point {
    x: i32,
    y: i32,
}

#[entrait(Patterns)]
fn patterns(
    deps: &impl Factor,
    (a, b): (i32, i32),
    Point { x, .. }: Point,
    [first, _]: [u8; 2],
) -> i32 {
    (a - b + x + i32::from(first)) * deps.factor()
}

/// A parameter with the function's name would shadow the function in the generated impl.
#[entrait(Count)]
fn count(deps: &impl Factor, count: i32) -> i32 {
    count * deps.factor()
}

/// Underscore-prefixed and wildcard parameters.
#[entrait(Ignored)]
fn ignored(_deps: &impl Factor, _unused: i32, _: &str, used: i32) -> i32 {
    used
}

/// `_x` next to `x`: the generated names must not collide.
#[entrait(Collide)]
#[allow(clippy::duplicate_underscore_argument)]
fn collide<D>(_deps: &D, x: i32, _x: i32, mut arg1: i32) -> i32 {
    arg1 += 1;
    x * 100 + arg1
}

#[test]
fn parameter_patterns_and_names() {
    let app = app();
    assert_eq!(app.patterns((5, 1), Point { x: 10, y: 0 }, [2, 9]), 32);
    assert_eq!(app.count(21), 42);
    assert_eq!(app.ignored(1, "two", 3), 3);
    assert_eq!(app.collide(4, 99, 1), 402);

    let fake = Fake { factor: 1 };
    assert_eq!(fake.patterns((0, 0), Point { x: 1, y: 100 }, [1, 1]), 2);
    assert_eq!(fake.count(5), 5);
    assert_eq!(fake.ignored(0, "", -1), -1);
    assert_eq!(Point { x: 0, y: 3 }.y, 3);
}

// ---------------------------------------------------------------------------------------------
// Deps bounds that use the function's other generic parameters stay on the trait method
// (the impl cannot name them).

/// `D: Factor + 'a`: the lifetime bound needs the method's `'a`.
#[entrait(LifetimeBound)]
fn lifetime_bound<'a, D: Factor + 'a>(deps: &'a D, s: &'a str) -> (&'a str, i32) {
    (s, deps.factor())
}

/// `&'a (impl Factor + 'a)`.
#[entrait(ImplLifetimeBound)]
fn impl_lifetime_bound<'a>(deps: &'a (impl Factor + 'a)) -> i32 {
    deps.factor()
}

pub trait Get<X> {
    fn get(&self) -> X;
}

impl Get<u8> for Fake {
    fn get(&self) -> u8 {
        self.factor as u8
    }
}

impl Get<u8> for Impl<App> {
    fn get(&self) -> u8 {
        self.names.len() as u8
    }
}

impl Get<&'static str> for Impl<App> {
    fn get(&self) -> &'static str {
        "str"
    }
}

/// `where D: Get<X>` mentions the function's `X`.
#[entrait(GetAny)]
fn get_any<D, X>(deps: &D) -> X
where
    D: Get<X> + Factor,
{
    let _ = deps.factor();
    deps.get()
}

#[entrait(ConstGeneric)]
fn const_generic<D: Factor, const N: usize>(deps: &D, a: [i32; N]) -> i32 {
    a.iter().sum::<i32>() * deps.factor()
}

/// The deps type in another argument becomes `Self`.
#[entrait(Compare)]
fn compare<D: Factor>(deps: &D, other: &D) -> bool {
    deps.factor() == other.factor()
}

#[entrait(ReturnsImpl)]
fn returns_impl(deps: &impl Factor) -> impl std::fmt::Display {
    deps.factor()
}

#[test]
fn deps_bounds_using_fn_generics() {
    let app = app();
    assert_eq!(app.lifetime_bound("s"), ("s", 2));
    assert_eq!(app.impl_lifetime_bound(), 2);
    assert_eq!(GetAny::<u8>::get_any(&app), 2);
    assert_eq!(GetAny::<&str>::get_any(&app), "str");
    assert_eq!(app.const_generic([1, 2, 3]), 12);
    assert!(app.compare(&app));
    assert_eq!(app.returns_impl().to_string(), "2");

    let fake = Fake { factor: 4 };
    assert_eq!(fake.lifetime_bound("f"), ("f", 4));
    assert_eq!(fake.impl_lifetime_bound(), 4);
    assert_eq!(GetAny::<u8>::get_any(&fake), 4);
    assert_eq!(fake.const_generic([1]), 4);
    assert!(!fake.compare(&Fake { factor: 5 }));
    assert_eq!(fake.returns_impl().to_string(), "4");
}
