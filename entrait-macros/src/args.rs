//! The attribute options: `#[entrait(Vis? TraitName?, opt, opt = value, …)]`.
//!
//! One parser for every input kind. Each option remembers its span so that later checks
//! (per item kind, mutually exclusive pairs) can point at the exact tokens. The parser never
//! stops at the first problem: every option is looked at and all errors are combined.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt as _;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;

use crate::error::Errors;

/// Defaults that differ between the four attribute macros.
#[derive(Clone, Copy, Default, Debug)]
pub struct MacroDefaults {
    pub export: bool,
    pub unimock: bool,
}

/// An option value with the span of the option that set it.
#[derive(Clone)]
pub struct Opt<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Clone)]
pub enum DelegateBy {
    /// `delegate_by = Self` (the default for traits).
    SelfTrait,
    /// `delegate_by = ref`: through `AsRef<dyn _>`.
    Ref,
    /// `delegate_by = DelegateTr`: through a selector trait.
    Custom(syn::Ident),
}

#[derive(Default)]
pub struct Opts {
    pub no_deps: Option<Opt<bool>>,
    pub export: Option<Opt<bool>>,
    pub mock_api: Option<Opt<syn::Ident>>,
    pub unimock: Option<Opt<bool>>,
    pub mockall: Option<Opt<bool>>,
    pub delegate_by: Option<Opt<DelegateBy>>,
    /// `?Send`
    pub maybe_send: Option<Opt<bool>>,
    pub debug: Option<Opt<bool>>,
    /// `ref` (impl blocks only)
    pub dyn_ref: Option<Opt<bool>>,
}

pub struct Args {
    /// The span of the whole attribute argument list (or the call site when empty).
    pub span: Span,
    pub trait_vis: syn::Visibility,
    pub trait_ident: Option<syn::Ident>,
    pub opts: Opts,
    pub defaults: MacroDefaults,
}

impl Args {
    pub fn flag(opt: &Option<Opt<bool>>) -> bool {
        opt.as_ref().is_some_and(|o| o.value)
    }

    pub fn export(&self) -> bool {
        self.opts
            .export
            .as_ref()
            .map_or(self.defaults.export, |o| o.value)
    }

    pub fn maybe_send(&self) -> bool {
        Self::flag(&self.opts.maybe_send)
    }

    /// Whether the unimock implementation is generated for this item.
    pub fn unimock(&self) -> bool {
        match &self.opts.unimock {
            Some(opt) => opt.value,
            None => {
                self.defaults.unimock || (cfg!(feature = "unimock") && self.opts.mock_api.is_some())
            }
        }
    }

    /// Whether a trait gets the unimock implementation: the feature mocks every trait, in every
    /// delegation mode, through a hidden API when it names none, so that a `Unimock` passes
    /// through traits a test never configures (as the published crate does). A `mockall` trait
    /// is left to mockall unless unimock is asked for.
    pub fn unimock_trait(&self) -> bool {
        match &self.opts.unimock {
            Some(opt) => opt.value,
            None => {
                self.defaults.unimock
                    || self.opts.mock_api.is_some() && cfg!(feature = "unimock")
                    || cfg!(feature = "unimock") && !self.mockall()
            }
        }
    }

    pub fn mockall(&self) -> bool {
        Self::flag(&self.opts.mockall)
    }
}

/// The option names, for "did you mean" and for telling a trait name from an option.
pub const OPTION_NAMES: &[&str] = &[
    "no_deps",
    "export",
    "mock_api",
    "unimock",
    "mockall",
    "delegate_by",
    "debug",
];

pub fn parse_args(tokens: TokenStream, defaults: MacroDefaults) -> (Args, Option<syn::Error>) {
    // `Span::join` only works on nightly; on stable the first token alone would be a misleading
    // place for "missing trait name", so the whole attribute (the call site) is used instead.
    let mut trees = tokens.clone().into_iter();
    let span = match (trees.next(), trees.last()) {
        (Some(first), Some(last)) => first.span().join(last.span()),
        (Some(only), None) => Some(only.span()),
        _ => None,
    }
    .unwrap_or_else(Span::call_site);
    let mut args = Args {
        span,
        trait_vis: syn::Visibility::Inherited,
        trait_ident: None,
        opts: Opts::default(),
        defaults,
    };
    let mut errors = Errors::default();

    for (index, segment) in split_commas(tokens).into_iter().enumerate() {
        if segment.is_empty() {
            continue;
        }
        if index == 0 && !starts_with_option(&segment) {
            let parsed = (|input: ParseStream| {
                let vis: syn::Visibility = input.parse()?;
                let ident = if input.is_empty() {
                    None
                } else {
                    Some(input.call(syn::Ident::parse_any_ident)?)
                };
                if !input.is_empty() {
                    return Err(input.error(
                        "expected `,` after the trait name: options are separated by commas",
                    ));
                }
                Ok((vis, ident))
            })
            .parse2(segment);
            match parsed {
                Ok((vis, Some(ident))) => {
                    args.trait_vis = vis;
                    args.trait_ident = Some(ident);
                }
                Ok((vis, None)) => errors.push(syn::Error::new(
                    vis.span(),
                    "expected a trait name after the visibility, as in `#[entrait(pub MyTrait)]`",
                )),
                Err(err) => errors.push(err),
            }
            continue;
        }
        if let Some(err) = misplaced_trait_name(&segment, args.trait_ident.as_ref()) {
            errors.push(err);
            continue;
        }
        if let Err(err) = parse_option(segment, &mut args.opts) {
            errors.push(err);
        }
    }

    (args, errors.finish().err())
}

/// `parse_any_ident` accepts `Self`/keywords as idents where syn's `Ident::parse` would not;
/// we only want it to reject nothing that a user may reasonably write as a trait name.
trait ParseAnyIdent {
    fn parse_any_ident(input: ParseStream) -> syn::Result<syn::Ident>;
}

impl ParseAnyIdent for syn::Ident {
    fn parse_any_ident(input: ParseStream) -> syn::Result<syn::Ident> {
        let lookahead = input.lookahead1();
        if lookahead.peek(syn::Ident) {
            input.parse()
        } else {
            Err(syn::Error::new(
                input.span(),
                "expected a trait name, as in `#[entrait(MyTrait)]`",
            ))
        }
    }
}

fn starts_with_option(segment: &TokenStream) -> bool {
    let mut iter = segment.clone().into_iter();
    match (iter.next(), iter.next()) {
        (Some(TokenTree::Punct(p)), _) if p.as_char() == '?' => true,
        (Some(TokenTree::Ident(ident)), next) => {
            let name = ident.to_string();
            name == "ref"
                || OPTION_NAMES.contains(&name.as_str())
                || matches!(next, Some(TokenTree::Punct(p)) if p.as_char() == '=')
        }
        _ => false,
    }
}

/// A segment after the first that reads as `Vis? TraitName` (a visibility, or a capitalised
/// identifier that is no misspelled option): the trait name was written in the wrong place.
fn misplaced_trait_name(segment: &TokenStream, first: Option<&syn::Ident>) -> Option<syn::Error> {
    let (vis, ident) = (|input: ParseStream| {
        let vis: syn::Visibility = input.parse()?;
        let ident = input.call(syn::Ident::parse_any_ident)?;
        Ok((vis, ident))
    })
    .parse2(segment.clone())
    .ok()?;
    let name = ident.to_string();
    let capitalised = name.starts_with(|c: char| c.is_ascii_uppercase());
    if matches!(vis, syn::Visibility::Inherited)
        && (!capitalised || name == "Send" || closest(&name).is_some())
    {
        return None;
    }
    let message = match first {
        None => format!(
            "the trait name `{name}` must come first, before the options, as in `#[entrait({name}, no_deps)]`"
        ),
        Some(first) if name.ends_with("Mock") && matches!(vis, syn::Visibility::Inherited) => {
            format!(
                "unexpected `{name}`: the trait is already named `{first}`; to name the mock API, write `mock_api = {name}`"
            )
        }
        Some(first) => format!(
            "unexpected `{name}`: the trait is already named `{first}`, and an attribute names one trait"
        ),
    };
    Some(syn::Error::new_spanned(segment, message))
}

/// Splits at top-level commas. Groups are single token trees, so nested commas stay inside.
fn split_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut segments = vec![TokenStream::new()];
    for tt in tokens {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => segments.push(TokenStream::new()),
            _ => {
                if let Some(last) = segments.last_mut() {
                    last.extend([tt]);
                }
            }
        }
    }
    segments
}

/// The options, as listed when an unknown one is met.
const EXPECTED_OPTIONS: &str = "`no_deps`, `export`, `mock_api = …`, `unimock`, `mockall`, \
     `delegate_by = …`, `?Send`, `ref`, `debug`";

fn parse_option(segment: TokenStream, opts: &mut Opts) -> syn::Result<()> {
    (|input: ParseStream| {
        if input.peek(syn::Token![?]) {
            let question: syn::Token![?] = input.parse()?;
            let send: syn::Ident = input
                .parse()
                .map_err(|_| syn::Error::new(question.span, "expected `?Send`"))?;
            if send != "Send" {
                return Err(syn::Error::new_spanned(
                    quote::quote!(#question #send),
                    format!("expected `?Send`: `?{send}` is not an entrait option"),
                ));
            }
            let span = question.span.join(send.span()).unwrap_or(send.span());
            ensure_end(input, "?Send")?;
            return set(&mut opts.maybe_send, true, span, "?Send");
        }
        if input.peek(syn::Token![ref]) {
            let token: syn::Token![ref] = input.parse()?;
            ensure_end(input, "ref")?;
            return set(&mut opts.dyn_ref, true, token.span, "ref");
        }
        if !input.peek(syn::Ident::peek_any) {
            return Err(input.error(format!(
                "expected an entrait option, one of {EXPECTED_OPTIONS}"
            )));
        }
        let name: syn::Ident = input.call(syn::ext::IdentExt::parse_any)?;
        let key = name.unraw().to_string();
        let span = name.span();
        match key.as_str() {
            "no_deps" => {
                let v = bool_value(input, &name)?;
                set(&mut opts.no_deps, v, span, &key)
            }
            "export" => {
                let v = bool_value(input, &name)?;
                set(&mut opts.export, v, span, &key)
            }
            "unimock" => {
                let v = bool_value(input, &name)?;
                set(&mut opts.unimock, v, span, &key)
            }
            "mockall" => {
                let v = bool_value(input, &name)?;
                set(&mut opts.mockall, v, span, &key)
            }
            "debug" => {
                let v = bool_value(input, &name)?;
                set(&mut opts.debug, v, span, &key)
            }
            "mock_api" => {
                let ident = ident_value(input, &name, "`mock_api = FooMock`")?;
                set(&mut opts.mock_api, ident, span, &key)
            }
            "delegate_by" => {
                let example =
                    "`delegate_by = Self`, `delegate_by = ref` or `delegate_by = DelegateMyTrait`";
                expect_eq(input, &name, example)?;
                let (value, written) = if input.peek(syn::Token![ref]) {
                    input.parse::<syn::Token![ref]>()?;
                    (DelegateBy::Ref, "ref".to_string())
                } else if input.peek(syn::Token![Self]) {
                    input.parse::<syn::Token![Self]>()?;
                    (DelegateBy::SelfTrait, "Self".to_string())
                } else if input.peek(syn::Ident) {
                    let selector: syn::Ident = input.parse()?;
                    let written = selector.to_string();
                    (DelegateBy::Custom(selector), written)
                } else {
                    return Err(input.error(
                        "expected `Self`, `ref` or the name of a delegation trait, as in `delegate_by = DelegateMyTrait`",
                    ));
                };
                ensure_end(input, &format!("delegate_by = {written}"))?;
                set(&mut opts.delegate_by, value, span, &key)
            }
            _ => {
                let message = if let Some(best) = closest(&key) {
                    format!("unknown entrait option `{key}`; did you mean `{best}`?")
                } else if key == "Send" {
                    "unknown entrait option `Send`; did you mean `?Send`?".to_string()
                } else {
                    format!("unknown entrait option `{key}`; expected one of {EXPECTED_OPTIONS}")
                };
                Err(syn::Error::new(span, message))
            }
        }
    })
    .parse2(segment)
}

fn set<T>(slot: &mut Option<Opt<T>>, value: T, span: Span, name: &str) -> syn::Result<()> {
    if slot.is_some() {
        return Err(syn::Error::new(span, format!("duplicate option `{name}`")));
    }
    *slot = Some(Opt { value, span });
    Ok(())
}

/// Nothing may follow a complete option but the comma that `split_commas` already removed.
fn ensure_end(input: ParseStream, option: &str) -> syn::Result<()> {
    if input.is_empty() {
        Ok(())
    } else {
        let rest: TokenStream = input.parse()?;
        Err(syn::Error::new_spanned(
            rest,
            format!("expected `,` after `{option}`: options are separated by commas"),
        ))
    }
}

/// Parses the `=` of `name = value`, and fails where the value is missing.
fn expect_eq(input: ParseStream, name: &syn::Ident, example: &str) -> syn::Result<()> {
    if !input.peek(syn::Token![=]) {
        return Err(syn::Error::new(
            name.span(),
            format!("option `{name}` needs a value, as in {example}"),
        ));
    }
    let eq: syn::Token![=] = input.parse()?;
    if input.is_empty() {
        return Err(syn::Error::new_spanned(
            quote::quote!(#name #eq),
            format!("option `{name}` needs a value after `=`, as in {example}"),
        ));
    }
    Ok(())
}

/// `flag` or `flag = true` / `flag = false`.
fn bool_value(input: ParseStream, name: &syn::Ident) -> syn::Result<bool> {
    if input.is_empty() {
        return Ok(true);
    }
    if !input.peek(syn::Token![=]) {
        // Not `flag = …`: most likely a missing comma before the next option.
        ensure_end(input, &name.to_string())?;
        return Ok(true);
    }
    let example = format!("`{name} = false`");
    expect_eq(input, name, &example)?;
    let value = match input.parse::<TokenTree>()? {
        TokenTree::Ident(ident) if ident == "true" => true,
        TokenTree::Ident(ident) if ident == "false" => false,
        other => {
            return Err(syn::Error::new_spanned(
                other,
                format!("expected `true` or `false`, as in {example}"),
            ))
        }
    };
    ensure_end(input, &format!("{name} = {value}"))?;
    Ok(value)
}

fn ident_value(input: ParseStream, name: &syn::Ident, example: &str) -> syn::Result<syn::Ident> {
    expect_eq(input, name, example)?;
    if !input.peek(syn::Ident) {
        let found: TokenTree = input.parse()?;
        return Err(syn::Error::new_spanned(
            found,
            format!("expected an identifier, as in {example}"),
        ));
    }
    let ident: syn::Ident = input.parse()?;
    ensure_end(input, &format!("{name} = {ident}"))?;
    Ok(ident)
}

/// The option name nearest to `key` by edit distance, if it is near enough to be a typo.
fn closest(key: &str) -> Option<&'static str> {
    let key = key.to_lowercase();
    OPTION_NAMES
        .iter()
        .chain(&["ref"])
        .map(|name| (edit_distance(&key, name), *name))
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
        assert!(matches!(args.trait_vis, syn::Visibility::Restricted(_)));
        assert_eq!(
            args.trait_ident
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("Foo")
        );
        assert!(Args::flag(&args.opts.no_deps));
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
        assert!(!Args::flag(&args.opts.no_deps));
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
