//! The attribute options, `#[entrait(Vis? TraitName?, opt, opt = value, …)]`: one table
//! (`OPTIONS`) drives one parser for every input kind and `check_applicable`, which validates
//! the options per kind. Every problem of one attribute is reported together.

use crate::error::Errors;
use crate::tokens::{
    error, error_at, is_group, is_ident, is_punct, visibility, word, Delimiter, Ident, ItemKind,
    Span, TokenStream, TokenTree,
};

/// Defaults that differ between the four attribute macros.
#[derive(Clone, Copy, Default, Debug)]
pub struct MacroDefaults {
    pub export: bool,
    pub unimock: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    /// `flag`, `flag = true`, `flag = false`
    Flag,
    /// `name = Ident`
    Ident,
    /// `delegate_by = Self | ref | Ident`
    DelegateBy,
    /// `?Send`, `ref`: no value.
    Marker,
}

/// The options, in the order of `OPTIONS` (and of reported problems).
#[derive(Clone, Copy)]
pub enum Name {
    NoDeps,
    Export,
    MockApi,
    Unimock,
    Mockall,
    DelegateBy,
    MaybeSend,
    Ref,
    Debug,
}

struct OptionDef {
    name: &'static str,
    value: ValueKind,
    /// How its value is written, for the messages about a missing or wrong one.
    example: &'static str,
    applies: &'static [ItemKind],
    /// Appended to "`name` does not apply to …".
    hint: &'static str,
}

use ItemKind::{Fn, Impl, Mod, Trait};

const MOCKS_HINT: &str = ": mocks are generated where the trait is declared";

/// Every option. The order is the order problems are reported in.
const OPTIONS: &[OptionDef] = &[
    OptionDef { name: "no_deps", value: ValueKind::Flag, example: "`no_deps = false`", applies: &[Fn, Mod], hint: ": only functions and modules have a dependencies parameter" },
    OptionDef { name: "export", value: ValueKind::Flag, example: "`export = false`", applies: &[Fn, Mod, Trait], hint: MOCKS_HINT },
    OptionDef { name: "mock_api", value: ValueKind::Ident, example: "`mock_api = FooMock`", applies: &[Fn, Mod, Trait], hint: MOCKS_HINT },
    OptionDef { name: "unimock", value: ValueKind::Flag, example: "`unimock = false`", applies: &[Fn, Mod, Trait], hint: MOCKS_HINT },
    OptionDef { name: "mockall", value: ValueKind::Flag, example: "`mockall = false`", applies: &[Fn, Trait], hint: ": use `mock_api = …` (unimock) here, or put the functions in a trait" },
    OptionDef { name: "delegate_by", value: ValueKind::DelegateBy, example: "`delegate_by = Self`, `delegate_by = ref` or `delegate_by = DelegateMyTrait`", applies: &[Trait], hint: ": delegation is chosen on a trait, `#[entrait(delegate_by = …)] trait MyTrait { … }`" },
    OptionDef { name: "?Send", value: ValueKind::Marker, example: "", applies: &[Fn, Mod, Trait, Impl], hint: "" },
    OptionDef { name: "ref", value: ValueKind::Marker, example: "", applies: &[Impl], hint: ": `ref` goes on an impl block implementing a `delegate_by = ref` trait, `#[entrait(ref)] impl MyTraitImpl for MyType { … }`" },
    OptionDef { name: "debug", value: ValueKind::Flag, example: "`debug = false`", applies: &[Fn, Mod, Trait, Impl], hint: "" },
];

/// The options, as listed when an unknown one is met.
const EXPECTED_OPTIONS: &str = "`no_deps`, `export`, `mock_api = …`, `unimock`, `mockall`, `delegate_by = …`, `?Send`, `ref`, `debug`";

pub enum DelegateBy {
    /// `delegate_by = Self` (the default for traits).
    SelfTrait,
    /// `delegate_by = ref`: through `AsRef<dyn _>`.
    Ref,
    /// `delegate_by = DelegateTr`: through a selector trait.
    Custom(Ident),
}

pub enum Value {
    Bool(bool),
    Ident(Ident),
    DelegateBy(DelegateBy),
}

/// An option value with the span of the option that set it.
pub struct Opt {
    pub value: Value,
    pub span: Span,
}

pub struct Args {
    /// The span of the whole attribute argument list (or the call site when empty).
    pub span: Span,
    /// The trait's visibility as written (empty when private).
    pub trait_vis: Vec<TokenTree>,
    pub trait_ident: Option<Ident>,
    /// One slot per entry of `OPTIONS`.
    opts: [Option<Opt>; 9],
    pub defaults: MacroDefaults,
}

impl Args {
    pub fn get(&self, name: Name) -> Option<&Opt> {
        self.opts[name as usize].as_ref()
    }

    /// A flag's value, if given (flags and markers are always `Value::Bool`).
    fn bool(&self, name: Name) -> Option<bool> {
        self.get(name).map(|o| matches!(o.value, Value::Bool(true)))
    }

    /// A flag's value, `false` when absent.
    pub fn flag(&self, name: Name) -> bool {
        matches!(self.get(name), Some(o) if matches!(o.value, Value::Bool(true)))
    }

    pub fn export(&self) -> bool {
        self.bool(Name::Export).unwrap_or(self.defaults.export)
    }

    pub fn maybe_send(&self) -> bool {
        self.get(Name::MaybeSend).is_some()
    }

    pub fn mock_api(&self) -> Option<&Ident> {
        match &self.get(Name::MockApi)?.value {
            Value::Ident(ident) => Some(ident),
            _ => None,
        }
    }

    pub fn delegate_by(&self) -> Option<&DelegateBy> {
        match &self.get(Name::DelegateBy)?.value {
            Value::DelegateBy(d) => Some(d),
            _ => None,
        }
    }

    /// Whether the unimock implementation is generated for this item.
    pub fn unimock(&self) -> bool {
        let feature = cfg!(feature = "unimock") && self.mock_api().is_some();
        self.bool(Name::Unimock)
            .unwrap_or(self.defaults.unimock || feature)
    }

    /// Whether the feature alone brings a trait's unimock implementation: the feature mocks
    /// every trait, in every delegation mode, through a hidden API when it names none, so that
    /// a `Unimock` passes through traits a test never configures (as the published crate does).
    /// Not when the `unimock` option decides, nor for a `mockall` trait.
    pub fn feature_mocks_trait(&self) -> bool {
        cfg!(feature = "unimock") && self.bool(Name::Unimock).is_none() && !self.mockall()
    }

    pub fn mockall(&self) -> bool {
        self.flag(Name::Mockall)
    }

    /// Whether anything implements the trait besides our impls (so a blanket impl would conflict).
    pub fn mocked(&self) -> bool {
        self.unimock() || self.mockall()
    }
}

pub fn parse_args(tokens: TokenStream, defaults: MacroDefaults) -> (Args, Option<syn::Error>) {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut args = Args {
        // `Span::join` is unstable; the first token alone would be a misleading place for
        // "missing trait name", so the whole attribute (the call site) is used instead.
        span: match trees.as_slice() {
            [only] => only.span(),
            _ => Span::call_site(),
        },
        trait_vis: Vec::new(),
        trait_ident: None,
        opts: [None, None, None, None, None, None, None, None, None],
        defaults,
    };
    let mut errors = Errors::default();
    // The trait's visibility, the first `vis` trees, is moved out of `trees`, not cloned.
    let mut vis = 0;
    for (index, segment) in trees.split(|t| is_punct(t, ',')).enumerate() {
        let word = word(segment, 0);
        // The first segment names the trait unless it reads as an option (never `pub`).
        let trait_name_first = index == 0
            && !segment.first().is_some_and(|t| is_punct(t, '?'))
            && !matches!(&word, Some(w) if w != "pub" && OPTIONS.iter().any(|o| o.name == w))
            && !matches!(segment, [TokenTree::Ident(_), eq, ..] if is_punct(eq, '='));
        let result = match segment {
            [] => continue,
            _ if trait_name_first => trait_name(segment, word).map(|(len, ident, _)| {
                vis = len;
                args.trait_ident = Some(ident.clone());
            }),
            _ => option(segment, word.as_deref(), &mut args).or_else(|error| {
                misplaced_trait_name(segment, args.trait_ident.as_ref()).and(Err(error))
            }),
        };
        errors.push_result(result);
    }
    trees.truncate(vis);
    args.trait_vis = trees;
    (args, errors.finish().err())
}

/// `Vis? Name`, in a segment whose first word is `first`: the visibility's length, the name.
fn trait_name(tokens: &[TokenTree], first: Option<String>) -> syn::Result<(usize, &Ident, String)> {
    // `pub` is told by its word; only a `$vis` group is left to `visibility`.
    let vis = match (first.as_deref(), tokens) {
        (Some("pub"), [_, paren, ..]) if is_group(paren, Delimiter::Parenthesis) => 2,
        (Some(word), _) => usize::from(word == "pub"),
        (None, _) => visibility(tokens, &mut 0).len(),
    };
    let name = if vis == 0 { first } else { word(tokens, vis) }.unwrap_or_default();
    match &tokens[vis..] {
        [] => Err(error_at(
            tokens[0].span(),
            "expected a trait name after the visibility, as in `#[entrait(pub MyTrait)]`",
        )),
        [TokenTree::Ident(ident)] if !is_keyword(&name) => Ok((vis, ident, name)),
        [TokenTree::Ident(_), next, ..] if !is_keyword(&name) => {
            let message = "expected `,` after the trait name: options are separated by commas";
            Err(error_at(next.span(), message))
        }
        [other, ..] => Err(error_at(
            other.span(),
            "expected a trait name, as in `#[entrait(MyTrait)]`",
        )),
    }
}

/// Once a segment is no option: an error if it reads as `Vis? TraitName` (a visibility, or a
/// capitalised identifier that is no misspelled option), the trait name in the wrong place.
fn misplaced_trait_name(segment: &[TokenTree], first: Option<&Ident>) -> syn::Result<()> {
    let Ok((vis, _, name)) = trait_name(segment, word(segment, 0)) else {
        return Ok(());
    };
    let capitalised = name.starts_with(|c: char| c.is_ascii_uppercase());
    if vis == 0 && (!capitalised || name == "Send" || closest(&name).is_some()) {
        return Ok(());
    }
    let message = match first {
        None => format!(
            "the trait name `{name}` must come first, before the options, as in `#[entrait({name}, no_deps)]`"
        ),
        Some(first) if name.ends_with("Mock") && vis == 0 => format!(
            "unexpected `{name}`: the trait is already named `{first}`; to name the mock API, write `mock_api = {name}`"
        ),
        Some(first) => format!(
            "unexpected `{name}`: the trait is already named `{first}`, and an attribute names one trait"
        ),
    };
    Err(error(segment, message))
}

/// One option, whose first word is `word`: its value read by the kind the table gives it.
fn option(segment: &[TokenTree], word: Option<&str>, args: &mut Args) -> syn::Result<()> {
    let (name, span, rest) = match (segment, word) {
        ([q, rest @ ..], _) if is_punct(q, '?') => match rest {
            [send, rest @ ..] if is_ident(send, "Send") => ("?Send", send.span(), rest),
            [TokenTree::Ident(other), ..] if !is_keyword(&other.to_string()) => {
                let message = format!("expected `?Send`: `?{other}` is not an entrait option");
                return Err(error(&segment[..2], message));
            }
            _ => return Err(error_at(q.span(), "expected `?Send`")),
        },
        ([i, rest @ ..], Some(w)) => (w.strip_prefix("r#").unwrap_or(w), i.span(), rest),
        _ => {
            let message = format!("expected an entrait option, one of {EXPECTED_OPTIONS}");
            return Err(error_at(segment[0].span(), message));
        }
    };
    let Some(index) = OPTIONS.iter().position(|o| o.name == name) else {
        let message = match closest(name).or((name == "Send").then_some("?Send")) {
            Some(best) => format!("unknown entrait option `{name}`; did you mean `{best}`?"),
            None => format!("unknown entrait option `{name}`; expected one of {EXPECTED_OPTIONS}"),
        };
        return Err(error_at(span, message));
    };
    let (kind, example) = (OPTIONS[index].value, OPTIONS[index].example);
    let (value, rest) = match rest {
        _ if kind == ValueKind::Marker => (Value::Bool(true), rest),
        [eq, tree, rest @ ..] if is_punct(eq, '=') => (value(kind, tree, example)?, rest),
        [eq] if is_punct(eq, '=') => {
            let message = format!("option `{name}` needs a value after `=`, as in {example}");
            return Err(error(segment, message));
        }
        _ if kind == ValueKind::Flag => (Value::Bool(true), rest),
        _ => {
            let message = format!("option `{name}` needs a value, as in {example}");
            return Err(error_at(span, message));
        }
    };
    if !rest.is_empty() {
        let written = segment[..segment.len() - rest.len()].iter();
        let written: Vec<String> = written.map(ToString::to_string).collect();
        let written = written.join(" ").replace("? ", "?");
        let message = format!("expected `,` after `{written}`: options are separated by commas");
        return Err(error(rest, message));
    }
    if args.opts[index].is_some() {
        return Err(error_at(span, format!("duplicate option `{name}`")));
    }
    args.opts[index] = Some(Opt { value, span });
    Ok(())
}

/// An option's value (the token after its `=`), read as its `kind`.
fn value(kind: ValueKind, tree: &TokenTree, example: &str) -> syn::Result<Value> {
    let word = word(std::slice::from_ref(tree), 0);
    Ok(match (kind, word.as_deref(), tree) {
        (ValueKind::Flag, Some(b @ ("true" | "false")), _) => Value::Bool(b == "true"),
        (ValueKind::DelegateBy, Some("ref"), _) => Value::DelegateBy(DelegateBy::Ref),
        (ValueKind::DelegateBy, Some("Self"), _) => Value::DelegateBy(DelegateBy::SelfTrait),
        (ValueKind::DelegateBy, Some(w), TokenTree::Ident(i)) if !is_keyword(w) => {
            Value::DelegateBy(DelegateBy::Custom(i.clone()))
        }
        (ValueKind::Ident, Some(w), TokenTree::Ident(i)) if !is_keyword(w) => {
            Value::Ident(i.clone())
        }
        _ => {
            let expected = match kind {
                ValueKind::Flag => format!("`true` or `false`, as in {example}"),
                ValueKind::Ident => format!("an identifier, as in {example}"),
                _ => "`Self`, `ref` or the name of a delegation trait, as in `delegate_by = DelegateMyTrait`".into(),
            };
            return Err(error_at(tree.span(), format!("expected {expected}")));
        }
    })
}

/// Words that are no identifier (the trait name, a `mock_api` or a selector).
fn is_keyword(text: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
        "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "if",
        "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv",
        "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true",
        "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
    ];
    // Trait names are capitalised, and of the keywords only `Self` is: most calls end here.
    !matches!(text.as_bytes(), [b'A'..=b'Z', ..]) && KEYWORDS.contains(&text) || text == "Self"
}

/// Rejects options that make no sense for `kind`, from the table; and the combinations that
/// make no sense anywhere.
pub fn check_applicable(args: &Args, kind: ItemKind) -> syn::Result<()> {
    // The common case, checked first because it runs for every item.
    if let [None, None, None, None, None, None, None, None, None] = args.opts {
        if !args.defaults.unimock {
            return Ok(());
        }
    }
    let mut errors = Errors::default();
    let inputs = ["a function", "a module", "a trait", "an impl block"];
    let input = inputs.get(kind as usize).unwrap_or(&"this item");
    for (def, opt) in OPTIONS.iter().zip(&args.opts) {
        if let Some(opt) = opt.as_ref().filter(|_| !def.applies.contains(&kind)) {
            let message = format!("`{}` does not apply to {input}{}", def.name, def.hint);
            errors.push(error_at(opt.span, message));
        }
    }
    let applies = |name: Name| OPTIONS[name as usize].applies.contains(&kind);
    let unimock = args.mock_api().is_some() || args.flag(Name::Unimock);
    let both = unimock && args.mockall() && applies(Name::Mockall);
    if let Some(mockall) = args.get(Name::Mockall).filter(|_| both) {
        let message = "`mockall` and unimock (`mock_api`, `unimock`) are mutually exclusive: choose one mocking library per item";
        errors.push(error_at(mockall.span, message));
    }
    if args.unimock() && !cfg!(feature = "unimock") && applies(Name::Unimock) {
        let what = match args.get(Name::Unimock) {
            Some(_) => "the `unimock` option needs",
            None => "`entrait_unimock` and `entrait_export_unimock` need",
        };
        let span = args.get(Name::Unimock).map_or(args.span, |o| o.span);
        let message = format!("{what} the `unimock` feature of entrait: `entrait = {{ version = \"0.7\", features = [\"unimock\"] }}`");
        errors.push(error_at(span, message));
    }
    errors.finish()
}

/// The option name nearest to `key` by edit distance, if it is near enough to be a typo.
fn closest(key: &str) -> Option<&'static str> {
    let key = key.to_lowercase();
    OPTIONS
        .iter()
        .map(|o| (edit_distance(&key, o.name), o.name))
        .filter(|(distance, name)| *distance <= (name.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(ca != *cb);
            current.push(substitution.min(prev[j + 1] + 1).min(current[j] + 1));
        }
        prev = current;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_nearest_option() {
        assert_eq!(closest("no_dep"), Some("no_deps"));
        assert_eq!(closest("mockapi"), Some("mock_api"));
        assert_eq!(closest("delegateby"), Some("delegate_by"));
        assert_eq!(closest("zzzzzzzz"), None);
    }

    #[test]
    fn parses_visibility_name_and_options() {
        let (args, err) = parse_args(
            quote::quote!(pub(crate) Foo, no_deps, mock_api = FooMock, ?Send, unimock = false),
            MacroDefaults::default(),
        );
        assert!(err.is_none());
        assert_eq!(args.trait_vis.len(), 2);
        assert_eq!(
            args.trait_ident
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("Foo")
        );
        assert!(args.flag(Name::NoDeps));
        assert!(args.maybe_send());
        assert!(!args.unimock());
    }

    #[test]
    fn suggestions_ignore_case() {
        assert_eq!(closest("NoDeps"), Some("no_deps"));
        assert_eq!(closest("Export"), Some("export"));
    }

    #[test]
    fn trait_name_after_the_options_is_reported_as_misplaced() {
        let (args, err) = parse_args(quote::quote!(no_deps, pub Foo), MacroDefaults::default());
        assert!(args.trait_ident.is_none());
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("must come first"), "{message}");
    }

    #[test]
    fn flag_values_are_booleans() {
        let (args, err) = parse_args(
            quote::quote!(Foo, no_deps = false, export = true),
            MacroDefaults::default(),
        );
        assert!(err.is_none());
        assert!(!args.flag(Name::NoDeps));
        assert!(args.export());
        let (_, err) = parse_args(quote::quote!(Foo, no_deps = yes), MacroDefaults::default());
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("expected `true` or `false`"), "{message}");
    }

    #[test]
    fn reports_every_problem_at_once() {
        let (_, err) = parse_args(
            quote::quote!(Foo, no_dep, export, export, mock_api),
            MacroDefaults::default(),
        );
        assert_eq!(err.map_or(0, |e| e.into_iter().count()), 3);
    }
}
