//! Expansion snapshots: the canonical case of each input kind and option, expanded by the
//! macro and pretty-printed, kept in `entrait-macros/snapshots/`. A change to generated code
//! shows up in review as a diff there. Regenerate with
//! `ENTRAIT_BLESS=1 cargo test -p entrait-macros snapshots` (and once more with
//! `--features unimock` for the unimock cases), then read the diff.
//!
//! (These snapshot entrait's own output. macrotest would snapshot the full expansion, unimock's
//! and mockall's included, but it needs `cargo expand`, which a fresh machine lacks.)

use crate::args::MacroDefaults;
use crate::expand::entrait;

const CASES: &[(&str, &str, &str)] = &[
    ("fn_impl_trait", "pub SayHello", "fn say_hello(deps: &impl FetchName, id: u32) -> String { todo!() }"),
    ("fn_generic_where", "Both", "fn both<D>(deps: &D, id: u32) -> u32 where D: A + B { todo!() }"),
    ("fn_concrete", "pub GetFoo", "fn get_foo(config: &Config) -> &str { &config.foo }"),
    ("fn_no_deps", "Add, no_deps", "fn add(a: i32, (b, c): (i32, i32)) -> i32 { a + b + c }"),
    ("fn_async", "Fetch", "async fn fetch<'a>(deps: &impl Db, key: &'a str) -> &'a str { key }"),
    ("fn_async_maybe_send", "ReturnRc, ?Send", "async fn return_rc(deps: &impl Db) -> Rc<i32> { todo!() }"),
    ("fn_mockall", "Foo, mockall", "fn foo<D: Bar>(deps: &D) -> u32 { todo!() }"),
    ("fn_type_params", "Make", "fn make<T: Default, D: Db, const N: usize>(deps: &D, x: T) -> [T; N] { todo!() }"),
    ("fn_concrete_type_params", "Tag", "fn tag<T: Debug>(config: &Config, t: T) -> String { todo!() }"),
    ("mod", "pub Users", "pub mod users { pub fn get(deps: &impl Db, id: u32) -> String { todo!() } pub(crate) fn count<D: Db>(deps: &D) -> usize { 0 } fn private() {} }"),
    ("trait_self", "", "pub trait Clock { fn now(&self) -> u64; }"),
    ("trait_self_async_gat", "", "pub trait Db { type Tx<'a>: Send where Self: 'a; async fn begin(&self) -> Self::Tx<'_>; }"),
    ("trait_ref", "delegate_by = ref", "trait ReadConfig: 'static { fn read_config(&self) -> &str; }"),
    ("trait_ref_async", "delegate_by = ref", "pub trait Store: Sync + 'static { async fn get(&self, k: u32) -> String; async fn find(&self, k: &str) -> u32; fn name(&self) -> &str; }"),
    ("trait_selector", "RepoImpl, delegate_by = DelegateRepo", "pub trait Repo { fn fetch(&self, id: u32) -> i32; async fn load(&self) -> u8; }"),
    ("trait_ref_inverted", "SinkImpl, delegate_by = ref", "pub trait Sink { fn flush(&self) -> u32; async fn put(&self, v: u32) -> u32; }"),
    ("trait_async_trait", "delegate_by = ref", "#[async_trait] pub trait Mail: Send + Sync + 'static { async fn send(&self, to: &str) -> bool; }"),
    ("trait_mockall", "mockall", "pub trait Clock { fn now(&self) -> u64; }"),
    ("impl_static", "", "impl RepoImpl for MyRepo { fn fetch(deps: &impl Db, id: u32) -> i32 { todo!() } async fn load<D>(deps: &D) -> u8 { 0 } }"),
    ("impl_ref", "ref", "impl SinkImpl for Doubler { fn flush<D>(deps: &D) -> u32 { 0 } async fn put(deps: &impl Store, v: u32) -> u32 { v } }"),
];

#[cfg(feature = "unimock")]
const UNIMOCK_CASES: &[(&str, &str, &str)] = &[
    ("unimock_fn", "Foo, mock_api = FooMock", "fn foo(deps: &impl Bar, x: u32) -> u32 { todo!() }"),
    ("unimock_fn_no_deps", "Add, no_deps, mock_api = AddMock", "fn add(a: i32, b: i32) -> i32 { a + b }"),
    ("unimock_fn_type_param", "GenericParam, mock_api = GenericParamMock", "fn generic_param<T>(deps: &impl Any, arg: T) -> i32 { 42 }"),
    ("unimock_fn_concrete_export", "Get, export, mock_api = GetMock", "fn get(config: &Config) -> u32 { 0 }"),
    ("unimock_mod", "pub Users, mock_api = mock", "pub mod users { pub fn get(deps: &impl Db) -> u32 { 0 } pub fn count<D>(deps: &D) -> u32 { 0 } }"),
    ("unimock_trait", "RepoImpl, delegate_by = DelegateRepo, mock_api = RepoMock", "pub trait Repo { fn fetch(&self, id: u32) -> i32; }"),
];

/// Without the feature, a `mock_api` generates no mock.
#[cfg(not(feature = "unimock"))]
const UNIMOCK_CASES: &[(&str, &str, &str)] = &[(
    "fn_export_mock_api_no_feature",
    "Foo, export, mock_api = FooMock",
    "fn foo<D>(deps: &D) -> u32 { 0 }",
)];

fn pretty(tokens: proc_macro2::TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    }
}

#[test]
fn snapshots() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    let bless = std::env::var_os("ENTRAIT_BLESS").is_some();
    let mut mismatches = Vec::new();
    for (name, attr, item) in CASES.iter().chain(UNIMOCK_CASES) {
        let (attr, item) = (
            attr.parse().unwrap_or_default(),
            item.parse().unwrap_or_default(),
        );
        let output = pretty(entrait(attr, item, MacroDefaults::default()).0);
        assert!(
            !output.contains("compile_error"),
            "{name} did not expand:\n{output}"
        );
        // With the feature, a trait also gets a unimock implementation (through a hidden API):
        // that expansion is kept beside the feature-off one, under `with-unimock-feature/`.
        let path = if cfg!(feature = "unimock")
            && !name.starts_with("unimock")
            && output.contains("unimock(prefix")
        {
            dir.join("with-unimock-feature").join(format!("{name}.rs"))
        } else {
            dir.join(format!("{name}.rs"))
        };
        if bless {
            std::fs::create_dir_all(path.parent().unwrap_or(&dir)).unwrap_or_default();
            std::fs::write(&path, &output).unwrap_or_default();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(output.as_str()) {
            mismatches.push(format!(
                "{} differs; its expansion now is:\n{output}",
                path.display()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{}\n(regenerate with ENTRAIT_BLESS=1)",
        mismatches.join("\n")
    );
}
