//! The macro never panics, and never changes the item it is given (append-only).
//!
//! A mutational fuzzer with no dependencies: valid attributes and items (every input kind and
//! option) are mutated at the token level (tokens dropped, duplicated, swapped, replaced by
//! keywords and punctuation, groups flattened or re-delimited, random streams spliced in) and
//! fed to the macro through its `proc_macro2` entry point. Each run checks that it returns
//! tokens and does not panic.
//!
//! CI runs `DEFAULT_CASES`; the long run (see docs/robustness.md) is
//! `ENTRAIT_FUZZ_CASES=100000 cargo test -p entrait-macros --release fuzz -- --nocapture`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::args::MacroDefaults;
use crate::expand::entrait;

const DEFAULT_CASES: usize = 3_000;

const ATTRS: &[&str] = &[
    "Foo",
    "pub Foo",
    "pub(crate) Foo, no_deps",
    "Foo, mock_api = FooMock",
    "Foo, unimock = false, export",
    "Foo, mockall",
    "Foo, ?Send, debug = false",
    "delegate_by = ref",
    "FooImpl, delegate_by = DelegateFoo",
    "FooImpl, delegate_by = ref",
    "delegate_by = Self",
    "ref",
    "ref, ?Send",
    "",
];

const ITEMS: &[&str] = &[
    "fn foo(deps: &impl Bar, x: u32) -> u32 { deps.bar(x) }",
    "pub fn foo<D: Bar + Baz>(deps: &D, (a, b): (i32, i32)) -> i32 where D: Qux { a + b }",
    "async fn foo<'a>(deps: &'a impl Bar, s: &'a str, _t: impl Fn() -> u8) -> &'a str { s }",
    "fn leaf(config: &Config, Point { x, .. }: Point) -> &str { &config.name }",
    "unsafe fn foo(x: u32) -> u32 { x }",
    "#[cfg(test)] /// docs\n fn foo<D>(_: &D) {}",
    "pub mod m { pub fn a(deps: &impl A) -> u8 { 0 } fn private() {} pub async fn b<D>(d: &D, x: &u8) {} struct S; }",
    "mod empty {}",
    "pub trait Foo: Sync + 'static { type A<'a>: Clone where Self: 'a; const C: u8; fn f(&self, x: &u32) -> Self::A<'_>; async fn g(&self) -> u8; fn h<T: Into<u8>>(&mut self, t: T) {} }",
    "trait Foo<X> where X: Clone { fn get(&self) -> X; fn make() -> u8; fn by_value(self) -> u8; }",
    "impl FooImpl for Repo { type A<'a> = u8; fn f(deps: &impl Db, x: &u32) -> u8 { 0 } async fn g<D>(_: &D) -> u8 { 1 } }",
    "impl<X: Clone> FooImpl<X> for Repo<X> { fn get(deps: &(impl A + B)) -> X { todo!() } }",
    "impl Repo { fn f(&self) {} }",
    "struct S;",
    "extern \"C\" { fn f(); }",
    "macro_rules! m { () => {} }",
];

/// xorshift64*: deterministic, so a failure is reproducible from its case number.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "fn",
    "mod",
    "trait",
    "impl",
    "for",
    "self",
    "Self",
    "async",
    "unsafe",
    "const",
    "pub",
    "crate",
    "super",
    "ref",
    "mut",
    "dyn",
    "where",
    "type",
    "struct",
    "extern",
    "as",
    "deps",
    "T",
    "D",
    "_",
    "no_deps",
    "mock_api",
    "delegate_by",
    "unimock",
    "mockall",
    "export",
    "debug",
    "Send",
    "r#type",
];
const PUNCTS: &[char] = &[
    ',', ';', ':', '&', '<', '>', '=', '?', '+', '#', '!', '\'', '-', '.', '*', '|',
];

fn random_token(rng: &mut Rng, depth: usize) -> TokenTree {
    match rng.below(if depth > 2 { 3 } else { 4 }) {
        0 => TokenTree::Ident(Ident::new(
            WORDS[rng.below(WORDS.len())].trim_start_matches("r#"),
            Span::call_site(),
        )),
        1 => {
            let spacing = if rng.below(2) == 0 {
                Spacing::Alone
            } else {
                Spacing::Joint
            };
            TokenTree::Punct(Punct::new(PUNCTS[rng.below(PUNCTS.len())], spacing))
        }
        2 => TokenTree::Literal(match rng.below(3) {
            0 => Literal::u32_unsuffixed(rng.below(100) as u32),
            1 => Literal::string("x"),
            _ => Literal::character('c'),
        }),
        _ => TokenTree::Group(Group::new(
            random_delimiter(rng),
            random_stream(rng, depth + 1),
        )),
    }
}

fn random_delimiter(rng: &mut Rng) -> Delimiter {
    [
        Delimiter::Parenthesis,
        Delimiter::Brace,
        Delimiter::Bracket,
        Delimiter::None,
    ][rng.below(4)]
}

fn random_stream(rng: &mut Rng, depth: usize) -> TokenStream {
    (0..rng.below(6))
        .map(|_| random_token(rng, depth))
        .collect()
}

/// Applies one random mutation somewhere in the tree.
pub fn mutate(rng: &mut Rng, stream: TokenStream) -> TokenStream {
    let mut tokens: Vec<TokenTree> = stream.into_iter().collect();
    if tokens.is_empty() {
        return random_stream(rng, 0);
    }
    let i = rng.below(tokens.len());
    match rng.below(8) {
        0 => {
            tokens.remove(i);
        }
        1 => {
            let t = tokens[i].clone();
            tokens.insert(i, t);
        }
        2 => {
            let j = rng.below(tokens.len());
            tokens.swap(i, j);
        }
        3 => tokens[i] = random_token(rng, 1),
        4 => tokens.insert(i, random_token(rng, 1)),
        5 => {
            // Recurse into a group, or flatten it.
            if let TokenTree::Group(g) = &tokens[i] {
                let inner = if rng.below(3) == 0 {
                    let flattened: Vec<TokenTree> = g.stream().into_iter().collect();
                    tokens.splice(i..=i, flattened);
                    return tokens.into_iter().collect();
                } else {
                    mutate(rng, g.stream())
                };
                let delimiter = if rng.below(4) == 0 {
                    random_delimiter(rng)
                } else {
                    g.delimiter()
                };
                tokens[i] = TokenTree::Group(Group::new(delimiter, inner));
            }
        }
        6 => tokens.truncate(i),
        _ => tokens.splice(i..i, random_stream(rng, 1)).for_each(drop),
    }
    tokens.into_iter().collect()
}

/// The token sequence, one token per word, ignoring punctuation spacing (`<'a` vs `< 'a`).
fn normalized(stream: &TokenStream) -> String {
    printed(stream)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every token with its kind and delimiters (`«…»` for invisible ones).
fn printed(stream: &TokenStream) -> String {
    let mut out = String::new();
    for tt in stream.clone() {
        match &tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("«", "»"),
                };
                let inner = printed(&g.stream());
                out.push_str(&format!("{open} {inner} {close} "));
            }
            TokenTree::Punct(p) => out.push_str(&format!("{} ", p.as_char())),
            TokenTree::Ident(ident) => out.push_str(&format!("{ident} ")),
            TokenTree::Literal(lit) => out.push_str(&format!("{lit} ")),
        }
    }
    out
}

fn parse(source: &str) -> TokenStream {
    source.parse().unwrap_or_default()
}

/// Runs the macro, turning a panic into an `Err` with the input printed.
fn run(
    attr: &TokenStream,
    item: &TokenStream,
    defaults: MacroDefaults,
) -> Result<TokenStream, String> {
    catch_unwind(AssertUnwindSafe(|| {
        entrait(attr.clone(), item.clone(), defaults).0
    }))
    .map_err(|_| format!("panicked on #[entrait({attr})] {item}"))
}

pub fn cases() -> usize {
    std::env::var("ENTRAIT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

#[test]
fn fuzz_the_macro_never_panics() {
    let cases = cases();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    for case in 0..cases {
        let mut attr = parse(ATTRS[rng.below(ATTRS.len())]);
        let mut item = parse(ITEMS[rng.below(ITEMS.len())]);
        match rng.below(10) {
            0 => attr = random_stream(&mut rng, 0),
            1 => item = random_stream(&mut rng, 0),
            _ => {}
        }
        for _ in 0..rng.below(4) {
            if rng.below(2) == 0 {
                attr = mutate(&mut rng, attr);
            } else {
                item = mutate(&mut rng, item);
            }
        }
        let defaults = MacroDefaults {
            export: rng.below(4) == 0,
            unimock: rng.below(4) == 0,
        };
        if let Err(failure) = run(&attr, &item, defaults) {
            failures.push(format!("case {case}: {failure}"));
        }
    }
    std::panic::set_hook(quiet);
    println!("fuzzed {cases} inputs, {} panics", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The item is emitted unchanged (functions, traits) or with only entrait's items appended
/// inside it (modules), whatever the options. The documented exceptions are left out here:
/// impl blocks are split into an inherent impl and the trait impl, and a trait's `async fn`
/// methods are rewritten as `fn … -> impl Future<Output = …> + Send`.
#[test]
fn append_only_the_original_item_is_in_the_output() {
    let mut checked = 0;
    for attr in ATTRS {
        let exceptions = |i: &&&str| {
            i.starts_with("impl")
                || i.contains(" mod ")
                || i.starts_with("mod")
                || (i.contains("trait") && i.contains("async fn"))
        };
        for item in ITEMS.iter().filter(|i| !exceptions(i)) {
            let attr = parse(attr);
            let item = parse(item);
            let output =
                normalized(&run(&attr, &item, MacroDefaults::default()).unwrap_or_default());
            assert!(
                output.contains(&normalized(&item)),
                "#[entrait({attr})] {item}\nchanged the item:\n{output}"
            );
            checked += 1;
        }
    }
    // Module items stay as written inside the module, before what entrait adds.
    let module = parse(ITEMS[6]);
    let output =
        normalized(&run(&parse("pub M"), &module, MacroDefaults::default()).unwrap_or_default());
    let body = normalized(&module);
    let inner = body
        .split_once('{')
        .map(|(_, rest)| rest.trim_end_matches('}').trim())
        .unwrap_or_default();
    assert!(output.contains(inner), "module items changed:\n{output}");
    assert!(checked > 100);
}
