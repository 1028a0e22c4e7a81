//! Async methods through dynamic dispatch, with no `#[async_trait]` (SPEC.md §7).
//!
//! A method returning `impl Future` is not dyn-compatible, so the dyn side of a delegation
//! declares it boxed, with one lifetime `'entrait` for every borrow:
//!
//! Input:  `fn get(&self, k: &str) -> impl Future<Output = String> + Send`
//! Output: `fn get<'entrait>(&'entrait self, k: &'entrait str)
//!              -> Pin<Box<dyn Future<Output = String> + Send + 'entrait>>`
//!
//! The leaf form (`delegate_by = ref`) gets a companion `DynTrait` implemented for every
//! `T: Trait` by boxing the static future; the inverted form declares its `TrImpl<T>` methods
//! boxed, and `#[entrait(ref)] impl` boxes the function's future. Exactly one box per call;
//! the static modes never come here.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

use super::trait_::{call_body, delegate_call, quoted, self_tree, Cx, TraitMethod};
use crate::ast::{ItemTrait, TraitItem};
use crate::model::{lifetime_name, MethodSig, TraitItemFn};
use crate::tokens::{
    self as tk, closing_angle, conv, ident_is, is_ident, is_punct, punct, push_future, split,
    trees, word, Delimiter, TokenTree, Q,
};

/// A method returning `impl Future<Output = X> (+ Send)`: `X`, `Send`, and whether it is unsafe.
pub struct FutureSig {
    pub output: Vec<TokenTree>,
    pub send: bool,
    pub unsafety: bool,
}

pub fn future_sig(sig: &MethodSig) -> Option<FutureSig> {
    let bounds = match sig.output_ty()? {
        [impl_, bounds @ ..] if !sig.is_async && is_ident(impl_, "impl") => bounds,
        _ => return None,
    };
    let (mut output, mut send) = (None, false);
    for bound in split(bounds, '+')? {
        // The last path segment, and its `<…>`.
        let open = bound.iter().position(|t| is_punct(t, '<'));
        let mut head = bound[..open.unwrap_or(bound.len())].iter().rev();
        let name = head.find_map(|t| word(std::slice::from_ref(t), 0));
        match (name.as_deref(), open) {
            (Some("Send"), _) => send = true,
            (Some("Future"), Some(open)) => {
                for arg in split(&bound[open + 1..closing_angle(bound, open)?], ',')? {
                    if let [name, eq, ty @ ..] = arg {
                        if is_ident(name, "Output") && is_punct(eq, '=') && !ty.is_empty() {
                            output = Some(ty.to_vec());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    output.map(|output| FutureSig {
        output,
        send,
        unsafety: sig.is_unsafe,
    })
}

/// The boxed, dyn-compatible signature, with the inverted form's `_impl: &Impl<T>` after `&self`
/// given `impl_t`. Type and const generics are kept (they make the method not dyn-compatible,
/// which rustc reports on the trait); lifetime parameters all become `'entrait`.
pub fn boxed_sig<'p>(
    ident: &Ident,
    generics: &[&[TokenTree]],
    where_clause: &[TokenTree],
    params: impl Iterator<Item = (Ident, &'p [TokenTree])>,
    future: &FutureSig,
    impl_t: Option<&[TokenTree]>,
) -> TokenStream {
    let lifetimes: Vec<_> = generics.iter().filter_map(|p| lifetime_name(p)).collect();
    let unify = |tokens: &[TokenTree]| unify_lifetimes(tokens, &lifetimes);
    let others = generics.iter().filter(|p| lifetime_name(p).is_none());
    let others = others.map(|p| unify(p));
    let (idents, tys): (Vec<_>, Vec<_>) = params.map(|(ident, ty)| (ident, unify(ty))).unzip();
    let impl_t = impl_t.map(Q);
    let impl_param = impl_t.map(|impl_t| quote!(_impl: &'entrait #impl_t,));
    let (output, where_clause) = (unify(&future.output), unify(where_clause));
    let send = future.send.then(|| quote!(+ ::core::marker::Send));
    let unsafety = future.unsafety.then(|| quote!(unsafe));
    quote! {
        #unsafety fn #ident<'entrait #(, #others)*>(&'entrait self, #impl_param #(#idents: #tys),*)
            -> ::core::pin::Pin<::entrait::__private::Box<
                dyn ::core::future::Future<Output = #output> #send + 'entrait
            >>
            #where_clause
    }
}

/// Gives every elided borrow and every named lifetime in `tts` the lifetime `'entrait`.
/// `Fn(&T)` sugar is left alone: its elided lifetimes are higher-ranked.
fn unify_lifetimes(tts: &[TokenTree], named: &[&tk::Ident]) -> TokenStream {
    let lifetime = syn::Lifetime::new("'entrait", Span::call_site());
    let mut out = TokenStream::new();
    let mut i = 0;
    while let Some(tt) = tts.get(i) {
        let next = tts.get(i + 1);
        let renamed = || matches!(next, Some(TokenTree::Ident(n)) if ident_is(n, "_") || named.iter().any(|l| ident_is(n, &l.to_string())));
        // `Fn(…)` sugar (parentheses after an ident) and blocks are left as they are.
        let sugar = i > 0 && matches!(tts[i - 1], TokenTree::Ident(_));
        let kept = |d| d == Delimiter::Brace || sugar && d == Delimiter::Parenthesis;
        match tt {
            TokenTree::Punct(p) if p.as_char() == '\'' && renamed() => {
                lifetime.to_tokens(&mut out);
                i += 1;
            }
            TokenTree::Group(g) if !kept(g.delimiter()) => {
                let inner = unify_lifetimes(&trees(g.stream()), named);
                let mut group = tk::Group::new(g.delimiter(), conv(inner));
                group.set_span(g.span());
                Q(&[TokenTree::Group(group)]).to_tokens(&mut out);
            }
            _ => Q(std::slice::from_ref(tt)).to_tokens(&mut out),
        }
        if is_punct(tt, '&') && !next.is_some_and(|t| is_punct(t, '\'')) {
            lifetime.to_tokens(&mut out);
        }
        i += 1;
    }
    out
}

/// `boxed_sig` for a trait method, named `ident`.
pub fn boxed_method(
    m: &TraitMethod,
    ident: &Ident,
    future: &FutureSig,
    impl_t: Option<&[TokenTree]>,
) -> TokenStream {
    let (generics, where_clause) = (m.item.sig.params(), m.item.sig.where_clause());
    let params = m.params.iter().map(|(ident, ty)| (ident.clone(), *ty));
    boxed_sig(ident, &generics, &where_clause, params, future, impl_t)
}

/// `pub trait DynTr: supertraits { …boxed async methods, other methods as declared… }` and
/// `impl<G…, T: Tr> DynTr for T`; and `DynTr<G…>`. Every method takes `&self`
/// (`delegate_by = ref` checks it).
pub fn companion(cx: &Cx) -> (TokenStream, TokenStream) {
    let (item, methods, t) = (cx.item, &cx.methods, &cx.t);
    let (vis, trait_ident) = (&item.vis, &item.ident);
    let companion = quote::format_ident!("Dyn{}", trait_ident);
    // `'static` makes `&dyn DynTr` in the app's `AsRef` impl mean `&(dyn DynTr + 'static)`.
    let mut supertraits = item.supertraits.clone();
    let is_static = |b: &_| matches!(b, syn::TypeParamBound::Lifetime(l) if l.ident == "static");
    if !supertraits.iter().any(is_static) {
        supertraits.push(syn::parse_quote!('static));
    }
    let (impl_generics, ty_generics, where_clause) = item.generics.split_for_impl();
    let (blanket_impl_generics, _, _) = cx.imp_generics.split_for_impl();
    let target = quoted(quote!(<#t as #trait_ident #ty_generics>));

    let (mut decls, mut impls) = (Vec::new(), Vec::new());
    for m in methods {
        let docs = m.item.mirrored.iter().map(|a| Q(a));
        let cfgs = m.item.cfgs.iter().map(|a| Q(a));
        let dyn_ident = companion_method(&m.item.sig.ident);
        let call = delegate_call(m, &target, &[self_tree()]);
        if let Some(future) = future_sig(&m.item.sig) {
            let boxed = boxed_method(m, &dyn_ident, &future, None);
            decls.push(quote!(#(#docs)* #boxed;));
            let call = call_body(call, false, future.unsafety);
            impls.push(quote!(#(#cfgs)* #boxed { ::entrait::__private::Box::pin(#call) }));
            continue;
        }
        let (mut plain, mut impl_sig) = (m.item.clone(), m.sig.clone().into_owned());
        plain.end = punct(';');
        plain.sig.ident = dyn_ident.clone();
        impl_sig.ident = dyn_ident;
        decls.push(plain.to_token_stream());
        impls.push(quote!(#(#cfgs)* #impl_sig { #call }));
    }
    let doc = format!(
        "The dyn-compatible form of [`{trait_ident}`], implemented for every `T: {trait_ident}`: `Impl<App>` delegates to it when `App: AsRef<dyn {companion}>`. Its methods are those of `{trait_ident}` prefixed with `dyn_`, async ones returning one boxed future."
    );
    let preds = where_clause.iter().flat_map(|w| &w.predicates);
    let declared = quote! {
        #[doc = #doc]
        #vis trait #companion #impl_generics: #supertraits #where_clause { #(#decls)* }
        impl #blanket_impl_generics #companion #ty_generics for #t
        where #t: #trait_ident #ty_generics + 'static #(, #preds)* { #(#impls)* }
    };
    (quote!(#companion #ty_generics), declared)
}

/// Does the call of a boxed method need an `async move` wrapper (it borrows more than `self`)?
pub fn needs_wrapper(m: &TraitMethod) -> bool {
    let generics = m.item.sig.params();
    generics.iter().any(|p| lifetime_name(p).is_some())
        || m.params.iter().any(|(_, ty)| has_borrow(ty))
}

fn has_borrow(tts: &[TokenTree]) -> bool {
    tts.iter().any(|tt| match tt {
        TokenTree::Punct(p) => p.as_char() == '&' || p.as_char() == '\'',
        TokenTree::Group(g) => has_borrow(&trees(g.stream())),
        _ => false,
    })
}

/// `async fn f(…) -> R` in a trait becomes `fn f(…) -> impl Future<Output = R> + Send`
/// (no `Send` with `?Send`), so that generic callers get `Send` futures and the trait stays
/// free of the `async_fn_in_trait` lint. A default body is wrapped in `async move`.
pub fn desugar_trait(item: &ItemTrait, send: bool) -> Option<ItemTrait> {
    let desugar = |f: &mut TraitItemFn| {
        f.sig.is_async = false;
        f.sig.quals.retain(|t| !is_ident(t, "async"));
        let mut future = Vec::new();
        push_future(&mut future, f.sig.output_ty(), send);
        f.sig.output = Some(future);
        if f.has_default() {
            let body = Q(std::slice::from_ref(&f.end));
            let body = conv(quote!(async move #body));
            f.end = TokenTree::Group(tk::Group::new(Delimiter::Brace, body));
        }
    };
    rewrite_fns(item, |f| f.sig.is_async, desugar)
}

/// The trait as declared for the leaf `delegate_by = ref` form (which gets a `Dyn…` companion):
/// its future-returning methods get `where Self: Sized`. Never callable on `dyn Trait` anyway,
/// they then keep `dyn Trait` a valid type, so an application that writes `AsRef<dyn Trait>` for
/// `AsRef<dyn DynTrait>` is told that the latter is the missing bound. Only the declaration
/// changes: the companion and the impls are built from the methods as they were.
pub fn sized_futures(item: &ItemTrait) -> Option<ItemTrait> {
    let sized = trees(quote!(Self: ::core::marker::Sized));
    let pick = |f: &TraitItemFn| future_sig(&f.sig).is_some();
    rewrite_fns(item, pick, |f| f.sig.where_preds.push(sized.clone()))
}

/// `item` with the methods `pick` selects rewritten, if it has any.
fn rewrite_fns(
    item: &ItemTrait,
    pick: impl Fn(&TraitItemFn) -> bool,
    rewrite: impl Fn(&mut TraitItemFn),
) -> Option<ItemTrait> {
    let picked = |i: &TraitItem| matches!(i, TraitItem::Fn(f) if pick(f));
    let mut item = item.items.iter().any(picked).then(|| item.clone())?;
    for trait_item in &mut item.items {
        match trait_item {
            TraitItem::Fn(f) if pick(f) => rewrite(f),
            _ => {}
        }
    }
    Some(item)
}

/// The companion's name for a method: distinct, so that calls on a type implementing both
/// traits (as `Impl<App>` does through the blanket impl) are not ambiguous.
pub fn companion_method(ident: &Ident) -> Ident {
    quote::format_ident!("dyn_{}", ident)
}
