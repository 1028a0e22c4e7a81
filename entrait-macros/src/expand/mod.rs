//! From a parsed attribute and item to the emitted tokens.
//!
//! `fn_.rs`, `mod_.rs`, `trait_.rs` and `impl_.rs` handle one input kind each; this file holds
//! the entry point and the generators they share: the trait method declaration, the blanket /
//! `Impl<T>` implementations of function-style traits, and the mock attributes.

mod dyn_async;
mod fn_;
mod impl_;
mod mod_;
mod trait_;

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};

use crate::args::{parse_args, Args, MacroDefaults, Opt};
use crate::error::Errors;
use crate::input::Input;
use crate::sig::{is_impl_deps, mentions, replace_ident, same_tokens, Deps, EntraitFn, Method};

/// The whole macro as a function of tokens: never panics, always returns tokens.
/// On error the user's item is emitted unchanged beside the `compile_error!`s, so the rest of
/// the crate still type-checks and only the real problem is reported.
///
/// Plain functions under a plain trait name take the fast path (`crate::fast`), which produces
/// the same tokens as the general path below at a fraction of the cost.
pub fn entrait(attr: TokenStream, item: TokenStream, defaults: MacroDefaults) -> TokenStream {
    match crate::fast::expand(&attr, &item, defaults) {
        Some(tokens) => tokens,
        None => general(attr, item, defaults),
    }
}

/// Every input, through syn and the `sig::EntraitFn` model.
pub fn general(attr: TokenStream, item: TokenStream, defaults: MacroDefaults) -> TokenStream {
    let (args, args_error) = parse_args(attr, defaults);
    let input = match syn::parse2::<Input>(without_bodies(&item)) {
        Ok(input) => input,
        Err(error) => return fallback(item, Some(error), args_error),
    };
    if let Some(error) = args_error {
        return fallback(item, None, Some(error));
    }
    let result = match &input {
        Input::Fn(f) => fn_::expand(&args, f, &item),
        Input::Mod(m) => mod_::expand(&args, m, &item),
        Input::Trait(t) => trait_::expand(&args, t, &item),
        Input::Impl(i) => impl_::expand(&args, i, &item),
    };
    match result {
        Ok(tokens) => {
            if Args::flag(&args.opts.debug) {
                print_debug(&tokens);
            }
            tokens
        }
        Err(error) => match &input {
            // Re-emitting `impl MyTraitImpl for X` as written would add a rustc error (the
            // trait needs its `<T>`); the functions alone, as an inherent impl, add none.
            Input::Impl(i) => fallback(impl_::inherent_part(i), Some(error), None),
            _ => fallback(item, Some(error), None),
        },
    }
}

/// The item with the function bodies it contains replaced by `{}`, for parsing: entrait reads
/// signatures only and emits functions and modules as their original tokens, so the bodies need
/// not be copied into syn's buffer. Traits and impl blocks are parsed whole (they are re-emitted
/// from what is parsed).
fn without_bodies(item: &TokenStream) -> TokenStream {
    let mut tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    let kind = tokens.iter().find_map(|tt| match tt {
        TokenTree::Ident(i) => {
            // One stringification per ident: comparing an ident with a str stringifies it.
            let name = i.to_string();
            matches!(name.as_str(), "fn" | "mod" | "trait" | "impl").then_some(name)
        }
        _ => None,
    });
    match (kind.as_deref(), tokens.last_mut()) {
        (Some("fn"), Some(TokenTree::Group(body))) if body.delimiter() == Delimiter::Brace => {
            *body = empty_like(body);
        }
        (Some("mod"), Some(TokenTree::Group(body))) if body.delimiter() == Delimiter::Brace => {
            // Item-level braces in a module: function bodies, and bodies of items entrait skips.
            let items: TokenStream = body
                .stream()
                .into_iter()
                .map(|tt| match tt {
                    TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                        TokenTree::Group(empty_like(&g))
                    }
                    other => other,
                })
                .collect();
            let mut group = Group::new(Delimiter::Brace, items);
            group.set_span(body.span());
            *body = group;
        }
        _ => return item.clone(),
    }
    tokens.into_iter().collect()
}

fn empty_like(group: &Group) -> Group {
    let mut empty = Group::new(group.delimiter(), TokenStream::new());
    empty.set_span(group.span());
    empty
}

/// `debug`: the generated code, printed while compiling (recorded instead in unit tests).
fn print_debug(tokens: &TokenStream) {
    #[cfg(not(test))]
    eprintln!("{tokens}");
    #[cfg(test)]
    crate::tests::DEBUG_OUTPUT.with(|out| out.borrow_mut().push(tokens.to_string()));
}

fn fallback(
    item: TokenStream,
    first: Option<syn::Error>,
    second: Option<syn::Error>,
) -> TokenStream {
    let mut errors = Errors::default();
    errors.extend(first);
    errors.extend(second);
    let compile_errors = errors.finish().err().map(syn::Error::into_compile_error);
    quote!(#item #compile_errors)
}

/// Rejects options that make no sense for `kind`; `allowed` names the ones that do.
pub fn check_applicable(args: &Args, kind: &str, allowed: &[&str]) -> syn::Result<()> {
    let opts = &args.opts;
    let present: [(&str, Option<Span>); 8] = [
        ("no_deps", opts.no_deps.as_ref().map(|o| o.span)),
        ("export", opts.export.as_ref().map(|o| o.span)),
        ("mock_api", opts.mock_api.as_ref().map(|o| o.span)),
        ("unimock", opts.unimock.as_ref().map(|o| o.span)),
        ("mockall", opts.mockall.as_ref().map(|o| o.span)),
        ("delegate_by", opts.delegate_by.as_ref().map(|o| o.span)),
        ("?Send", opts.maybe_send.as_ref().map(|o| o.span)),
        ("ref", opts.dyn_ref.as_ref().map(|o| o.span)),
    ];
    let mut errors = Errors::default();
    for (name, span) in present {
        if let Some(span) = span {
            if !allowed.contains(&name) {
                errors.push(syn::Error::new(
                    span,
                    format!("`{name}` does not apply to {kind}{}", hint(name)),
                ));
            }
        }
    }
    let mockall_applies = allowed.contains(&"mockall");
    if let (Some(mockall), true) = (
        &opts.mockall,
        opts.mock_api.is_some() || Args::flag(&opts.unimock),
    ) {
        if mockall.value && mockall_applies {
            errors.push(syn::Error::new(
                mockall.span,
                "`mockall` and unimock (`mock_api`, `unimock`) are mutually exclusive: choose one mocking library per item",
            ));
        }
    }
    if args.unimock() && !cfg!(feature = "unimock") && allowed.contains(&"unimock") {
        let (span, what) = match &opts.unimock {
            Some(o) => (o.span, "the `unimock` option needs"),
            None => (
                args.span,
                "`entrait_unimock` and `entrait_export_unimock` need",
            ),
        };
        errors.push(syn::Error::new(
            span,
            format!(
                "{what} the `unimock` feature of entrait: `entrait = {{ version = \"0.7\", features = [\"unimock\"] }}`"
            ),
        ));
    }
    errors.finish()
}

fn hint(option: &str) -> &'static str {
    match option {
        "delegate_by" => ": delegation is chosen on a trait, `#[entrait(delegate_by = …)] trait MyTrait { … }`",
        "ref" => ": `ref` goes on an impl block implementing a `delegate_by = ref` trait, `#[entrait(ref)] impl MyTraitImpl for MyType { … }`",
        "no_deps" => ": only functions and modules have a dependencies parameter",
        "mockall" => ": use `mock_api = …` (unimock) here, or put the functions in a trait",
        "mock_api" | "unimock" | "export" => ": mocks are generated where the trait is declared",
        _ => "",
    }
}

/// The name of the trait the attribute declares; functions and modules must name it.
pub fn required_trait_ident<'a>(args: &'a Args, what: &str) -> syn::Result<&'a Ident> {
    args.trait_ident.as_ref().ok_or_else(|| {
        syn::Error::new(
            args.span,
            format!(
                "missing trait name: `#[entrait(MyTrait)]` on {what} names the trait it generates"
            ),
        )
    })
}

/// The generic name for the implementing type: `T`, unless the user's signatures use `T`.
pub fn impl_param<'a>(mut signatures: impl Iterator<Item = &'a TokenStream>) -> Ident {
    let t = Ident::new("T", Span::call_site());
    if signatures.any(|s| mentions(s, &t)) {
        Ident::new("EntraitT", Span::call_site())
    } else {
        t
    }
}

/// `unsafe fn name<G>(&self, a: A) -> R where …` with the deps parameter written as `Self`.
pub fn method_sig(fn_: &EntraitFn, maybe_send: bool) -> TokenStream {
    let m = &fn_.method;
    // The deps type parameter, where it can occur in the signature, becomes `Self`; an
    // `impl Trait` deps type can only occur in bounds kept on the method.
    let deps = match &fn_.deps {
        Deps::Generic { param, .. } => Some(param),
        _ => None,
    };
    let own = |tokens: &TokenStream| match deps {
        Some(param) if !is_impl_deps(param) && mentions(tokens, param) => {
            replace_ident(tokens, param, &quote!(Self))
        }
        _ => tokens.clone(),
    };
    let ident = &m.ident;
    let unsafety = m.is_unsafe.then(|| quote!(unsafe));
    let receiver = &m.receiver;
    let params = m.params.iter().map(|p| {
        let (ident, ty) = (&p.ident, own(&p.ty));
        quote!(#ident: #ty)
    });
    let output = own(&output_tokens(m, maybe_send));
    let generics = own(&m.generics);
    let preds = m.where_preds.iter().map(|pred| match deps {
        Some(param) if mentions(pred, param) => replace_ident(pred, param, &quote!(Self)),
        _ => pred.clone(),
    });
    let where_clause = (!m.where_preds.is_empty()).then(|| quote!(where #(#preds),*));
    quote!(#unsafety fn #ident #generics (#receiver #(, #params)*) #output #where_clause)
}

/// `pred` (written in terms of the deps parameter) for `target`: `D: A + B` becomes
/// `target: A + B` without rewriting the bounds unless they mention `D` too.
pub fn deps_pred(pred: &TokenStream, param: &Ident, target: &TokenStream) -> TokenStream {
    match plain_bounds(pred, param) {
        Some(bounds) => quote!(#target: #bounds),
        None => replace_ident(pred, param, target),
    }
}

fn same_stream(a: &TokenStream, b: &TokenStream) -> bool {
    let a: Vec<TokenTree> = a.clone().into_iter().collect();
    let b: Vec<TokenTree> = b.clone().into_iter().collect();
    same_tokens(&a, &b)
}

/// The bounds of `pred` when it is `param: bounds` and the bounds do not mention `param`.
fn plain_bounds(pred: &TokenStream, param: &Ident) -> Option<TokenStream> {
    let mut tokens = pred.clone().into_iter();
    match (tokens.next(), tokens.next()) {
        (Some(TokenTree::Ident(first)), Some(TokenTree::Punct(colon)))
            if colon.as_char() == ':'
                && colon.spacing() == proc_macro2::Spacing::Alone
                && first == *param =>
        {
            let bounds: TokenStream = tokens.collect();
            (!mentions(&bounds, param)).then_some(bounds)
        }
        _ => None,
    }
}

/// Builds each function's trait-method signature, once.
pub fn with_sigs(fns: &mut [(EntraitFn, Span)], maybe_send: bool) {
    for (fn_, _) in fns {
        fn_.sig = method_sig(fn_, maybe_send);
    }
}

fn output_tokens(m: &Method, maybe_send: bool) -> TokenStream {
    if m.is_async {
        let output = m.output.clone().unwrap_or_else(|| quote!(()));
        let send = (!maybe_send).then(|| quote!(+ ::core::marker::Send));
        quote!(-> impl ::core::future::Future<Output = #output> #send)
    } else {
        m.output.as_ref().map(|o| quote!(-> #o)).unwrap_or_default()
    }
}

/// The trait method declaration, with the function's docs and `#[cfg]`s.
pub fn method_decl(fn_: &EntraitFn) -> TokenStream {
    let attrs = &fn_.method.attrs;
    let sig = &fn_.sig;
    quote!(#(#attrs)* #sig;)
}

/// An impl method: the declaration's signature with `body`. `#[inline]` only where the impl
/// is not generic (generic code is inlinable across crates anyway).
pub fn impl_method(fn_: &EntraitFn, inline: bool, body: TokenStream) -> TokenStream {
    let cfgs = &fn_.method.cfg_attrs;
    let sig = &fn_.sig;
    let body = if fn_.method.is_unsafe {
        quote!(unsafe { #body })
    } else {
        body
    };
    let inline = inline.then(|| quote!(#[inline]));
    quote!(#(#cfgs)* #inline #sig { #body })
}

/// The argument list a generated method passes on.
pub fn call_args(fn_: &EntraitFn) -> Vec<&Ident> {
    fn_.method.params.iter().map(|p| &p.ident).collect()
}

/// How the functions of one trait take their dependencies, all alike.
pub enum DepsKind<'a> {
    Generic,
    Concrete(&'a TokenStream),
    Absent,
}

/// All functions of one trait must agree on generic vs concrete deps (and on the concrete type).
pub fn common_deps_kind<'a>(fns: &'a [(EntraitFn, Span)]) -> syn::Result<DepsKind<'a>> {
    let mut kind: Option<DepsKind<'a>> = None;
    for (fn_, span) in fns {
        let this = match &fn_.deps {
            Deps::Generic { .. } => DepsKind::Generic,
            Deps::Concrete { ty } => DepsKind::Concrete(ty),
            Deps::Absent => DepsKind::Absent,
        };
        match (&kind, &this) {
            (None, _) => kind = Some(this),
            (Some(DepsKind::Generic), DepsKind::Generic)
            | (Some(DepsKind::Absent), DepsKind::Absent) => {}
            (Some(DepsKind::Concrete(a)), DepsKind::Concrete(b)) if same_stream(a, b) => {}
            _ => {
                return Err(syn::Error::new(
                    *span,
                    "all functions of an entrait module take the same kind of dependencies: \
                     either all generic (`&impl Trait`, `&D`) or all the same concrete type",
                ))
            }
        }
    }
    Ok(kind.unwrap_or(DepsKind::Absent))
}

/// The implementations of a function-style trait (from a fn or a mod).
///
/// Input:  `fn foo(deps: &impl Bar, x: u32) -> u32` under `#[entrait(Foo)]`
/// Output: `impl<T> Foo for T where T: Bar { fn foo(&self, x: u32) -> u32 { foo(self, x) } }`
///         (for `::entrait::Impl<T>` instead of every `T` when the trait is mocked);
///         concrete deps `&Config`: `impl Foo for Config` plus `impl<T: Foo> Foo for Impl<T>`.
///
/// `generics` are the trait's own parameters (`trait Foo<X: Default>`): the impls take them too.
pub fn fn_trait_impls(
    trait_ident: &Ident,
    generics: &[syn::GenericParam],
    fns: &[(EntraitFn, Span)],
    cfg_attrs: &[syn::Attribute],
    mocked: bool,
    maybe_send: bool,
) -> syn::Result<TokenStream> {
    let kind = common_deps_kind(fns)?;
    let (params, trait_path) = trait_params(trait_ident, generics);
    let trait_ident = &trait_path;
    let t = impl_param(
        fns.iter()
            .map(|(f, _)| &f.sig)
            .chain(std::iter::once(&params)),
    );
    let impl_t = quote!(::entrait::Impl<#t>);
    let target = if mocked {
        impl_t.clone()
    } else {
        t.to_token_stream()
    };

    Ok(match kind {
        DepsKind::Generic | DepsKind::Absent => {
            let mut preds = Vec::new();
            // `D: A + B` of every function, as one `T: A + B + …` (each list once).
            let mut merged = Vec::new();
            let mut needs_sync = false;
            for (fn_, _) in fns {
                if let Deps::Generic {
                    param,
                    by_value,
                    preds: deps_preds,
                } = &fn_.deps
                {
                    for pred in deps_preds {
                        if *by_value {
                            let lt = quote!(&'entrait_deps #target);
                            let pred = deps_pred(pred, param, &lt);
                            preds.push(quote!(for<'entrait_deps> #pred));
                        } else if let Some(bounds) = plain_bounds(pred, param) {
                            if !merged.iter().any(|seen| same_stream(seen, &bounds)) {
                                merged.push(bounds);
                            }
                        } else {
                            preds.push(replace_ident(pred, param, &target));
                        }
                    }
                    needs_sync |= fn_.method.is_async && !maybe_send;
                }
            }
            // `Sync` joins the other bounds when they are on `T` itself.
            let sync = quote!(::core::marker::Sync);
            let mut bounds: Vec<&TokenStream> = merged.iter().collect();
            if needs_sync && !mocked {
                bounds.push(&sync);
            }
            if !bounds.is_empty() {
                preds.insert(0, quote!(#target: #(#bounds)+*));
            }
            if needs_sync && mocked {
                preds.push(quote!(#t: #sync));
            }
            let where_clause = (!preds.is_empty()).then(|| quote!(where #(#preds),*));
            let methods = fns.iter().map(|(fn_, _)| {
                let ident = &fn_.method.ident;
                let args = call_args(fn_);
                let turbofish = &fn_.turbofish;
                let body = match fn_.deps {
                    Deps::Absent => quote!(#ident #turbofish(#(#args),*)),
                    _ => quote!(#ident #turbofish(self #(, #args)*)),
                };
                impl_method(fn_, false, body)
            });
            quote! {
                #(#cfg_attrs)*
                impl<#params #t> #trait_ident for #target #where_clause {
                    #(#methods)*
                }
            }
        }
        DepsKind::Concrete(ty) => {
            let own_generics = (!params.is_empty()).then(|| quote!(<#params>));
            let own = fns.iter().map(|(fn_, _)| {
                let ident = &fn_.method.ident;
                let args = call_args(fn_);
                let turbofish = &fn_.turbofish;
                impl_method(fn_, true, quote!(#ident #turbofish(self #(, #args)*)))
            });
            let delegating = fns.iter().map(|(fn_, _)| {
                let ident = &fn_.method.ident;
                let args = call_args(fn_);
                // `&Impl<T>` coerces to `&T`. The qualified path is resolved directly, where
                // `T::f` would make rustc collect the traits in scope (measured: 15 M
                // instructions more at N = 2000 in bench/).
                impl_method(
                    fn_,
                    false,
                    quote!(<#t as #trait_ident>::#ident(self #(, #args)*)),
                )
            });
            quote! {
                #(#cfg_attrs)*
                impl #own_generics #trait_ident for #ty {
                    #(#own)*
                }
                #(#cfg_attrs)*
                impl<#params #t: #trait_ident> #trait_ident for #impl_t {
                    #(#delegating)*
                }
            }
        }
    })
}

/// `(X: Default, const N: usize,` (as impl parameters, ready for the implementing type to follow)
/// and the trait as implemented, `Foo<X, N>`.
fn trait_params(trait_ident: &Ident, generics: &[syn::GenericParam]) -> (TokenStream, TokenStream) {
    if generics.is_empty() {
        return (TokenStream::new(), trait_ident.to_token_stream());
    }
    let params = generics.iter().map(|g| match g {
        syn::GenericParam::Type(tp) => {
            let (ident, bounds) = (&tp.ident, &tp.bounds);
            let colon = (!bounds.is_empty()).then(|| quote!(:));
            quote!(#ident #colon #bounds)
        }
        syn::GenericParam::Const(c) => {
            let (ident, ty) = (&c.ident, &c.ty);
            quote!(const #ident: #ty)
        }
        syn::GenericParam::Lifetime(l) => l.to_token_stream(),
    });
    let args = generics.iter().map(|g| match g {
        syn::GenericParam::Type(tp) => tp.ident.to_token_stream(),
        syn::GenericParam::Const(c) => c.ident.to_token_stream(),
        syn::GenericParam::Lifetime(l) => l.lifetime.to_token_stream(),
    });
    (quote!(#(#params,)*), quote!(#trait_ident<#(#args),*>))
}

/// `#[unimock(…)]` and `#[automock]` for a generated trait, gated by `cfg(test)` unless exported.
///
/// `api`: `Flat` for a fn (`FooMock.each_call(…)`), `Module` for mods and traits (`mock::foo`).
pub fn mock_attrs(
    args: &Args,
    unimock: bool,
    api: MockApi,
    unmock_with: Option<Vec<TokenStream>>,
) -> TokenStream {
    let mut out = TokenStream::new();
    let gate = |attr: TokenStream| {
        if args.export() {
            quote!(#[#attr])
        } else {
            quote!(#[cfg_attr(test, #attr)])
        }
    };
    if unimock {
        let api = match (&args.opts.mock_api, api) {
            (Some(Opt { value, .. }), MockApi::Flat) => quote!(, api = [#value]),
            (Some(Opt { value, .. }), MockApi::Module) => quote!(, api = #value),
            (None, _) => TokenStream::new(),
        };
        let unmock = unmock_with
            .filter(|u| u.iter().any(|e| e.to_string() != "_"))
            .map(|u| quote!(, unmock_with = [#(#u),*]));
        out.extend(gate(quote!(
            ::entrait::__private::unimock::unimock(prefix = ::entrait::__private::unimock #api #unmock)
        )));
    }
    if args.mockall() {
        out.extend(gate(quote!(::mockall::automock)));
    }
    out
}

#[derive(Clone, Copy)]
pub enum MockApi {
    Flat,
    Module,
}

/// What unimock calls for an unmocked method of a function-style trait.
pub fn unmock_entry(fn_: &EntraitFn) -> TokenStream {
    let ident = &fn_.method.ident;
    let turbofish = &fn_.turbofish;
    match &fn_.deps {
        Deps::Generic { .. } => quote!(#ident #turbofish),
        Deps::Absent => {
            let args = call_args(fn_);
            quote!(#ident #turbofish(#(#args),*))
        }
        Deps::Concrete { .. } => quote!(_),
    }
}

/// Whether anything implements the trait besides our impls (so a blanket impl would conflict).
pub fn is_mocked(args: &Args) -> bool {
    args.unimock() || args.mockall()
}
