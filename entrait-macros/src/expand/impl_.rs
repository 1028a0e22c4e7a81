//! `#[entrait]` on an impl block: the inverted side of a delegating trait (SPEC.md §6).
//!
//! Input:  `#[entrait] impl RepoImpl for PgRepo { fn fetch(deps: &impl Db, id: u32) -> Row { … } }`
//! Output: `impl PgRepo { fn fetch(deps: &impl Db, id: u32) -> Row { … } }`
//!         `impl<T> RepoImpl<T> for PgRepo where ::entrait::Impl<T>: Db {
//!              fn fetch(_impl: &::entrait::Impl<T>, id: u32) -> Row { Self::fetch(_impl, id) } }`
//!
//! `#[entrait(ref)]` implements the dyn-compatible form: methods take `&self` before `_impl`,
//! and async functions return one boxed future.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::spanned::Spanned;

use super::dyn_async::{self, FutureSig};
use super::fn_::{deps_pred, push_where, sig};
use super::trait_::call_body;
use super::{gat_outlives, impl_param};
use crate::args::{check_applicable, Args, Name};
use crate::ast::{ImplItem, ItemImpl};
use crate::error::Errors;
use crate::input::is_async_trait;
use crate::model::{Deps, FnModel, Place};
use crate::tokens::{
    error_at, ident, ident_p2, item_kind, outer_attrs, p2, punct, stream, trees, visibility,
    ItemKind, TokenTree, Q,
};

pub fn expand(args: &Args, item: &ItemImpl, tokens: &TokenStream) -> syn::Result<TokenStream> {
    check_applicable(args, ItemKind::Impl)?;
    if let Some(ident) = &args.trait_ident {
        return Err(error_at(
            ident.span(),
            "`#[entrait]` on an impl block takes no trait name: the trait is the one after `impl`",
        ));
    }
    let Some((trait_path, _)) = &item.trait_ else {
        return Err(syn::Error::new(
            item.self_ty.span(),
            "`#[entrait]` on an impl block implements the implementation trait of an inverted dependency, as in `#[entrait] impl MyTraitImpl for MyType { … }`; an inherent impl needs no `#[entrait]` (to make a trait from functions, put `#[entrait(MyTrait)]` on a module or on each function)",
        ));
    };
    // `#[async_trait]` written after `#[entrait]` belongs on the trait impl, where it boxes the
    // futures as the (equally `#[async_trait]`) implementation trait expects; the inherent impl
    // keeps the functions as written.
    let (async_trait, attrs): (Vec<_>, Vec<_>) = item.attrs.iter().partition(|a| is_async_trait(a));
    let async_trait = async_trait.first();

    let mut errors = Errors::default();
    let (mut fn_trees, mut assoc, mut assoc_consts) = (Vec::new(), Vec::new(), Vec::new());
    for impl_item in &item.items {
        match impl_item {
            ImplItem::Fn(f) => fn_trees.push(trees(f.clone())),
            ImplItem::Type(ty) => assoc.push(ty.clone()),
            ImplItem::Const(c) => assoc_consts.push(c),
            other => errors.push(syn::Error::new(
                other.span(),
                "entrait cannot see the items a macro expands to: write the impl's items out",
            )),
        }
    }
    let mut fns = Vec::with_capacity(fn_trees.len());
    for f in &fn_trees {
        let mut sig = 0;
        outer_attrs(f, &mut sig);
        visibility(f, &mut sig);
        let at = (sig, item_kind(f, sig).1);
        fns.extend(errors.push_result(FnModel::read(f, at, false, Place::Impl)));
    }
    errors.finish()?;

    let t = impl_param(crate::tokens::mentions(&trees(tokens.clone()), "T"));
    let impl_t = trees(quote!(::entrait::Impl<#t>));
    // `RepoImpl` → `RepoImpl<T>`, `RepoImpl<X>` → `RepoImpl<X, T>`. (A path always has a last
    // segment, and `Fn(…)` sugar cannot follow `impl` in an impl header, so nothing else occurs.)
    let mut trait_path = trait_path.clone();
    if let Some(last) = trait_path.segments.last_mut() {
        match &mut last.arguments {
            syn::PathArguments::AngleBracketed(args) => args.args.push(syn::parse_quote!(#t)),
            other => *other = syn::PathArguments::AngleBracketed(syn::parse_quote!(<#t>)),
        }
    }
    let mut generics = item.generics.clone();
    let t_param = syn::GenericParam::Type(t.clone().into());
    generics.params.push(t_param);
    let (impl_generics, _, _) = generics.split_for_impl();
    let (inherent_generics, _, inherent_where) = item.generics.split_for_impl();

    let where_preds = inherent_where.iter().flat_map(|w| &w.predicates);
    let mut preds: Vec<TokenStream> = where_preds.map(ToTokens::to_token_stream).collect();
    for f in &fns {
        if let Deps::Generic(g) = &f.deps {
            preds.extend(g.preds.iter().map(|p| p2(stream(deps_pred(p, g, &impl_t)))));
        }
    }
    if !args.maybe_send() && fns.iter().any(|f| f.is_async) {
        preds.push(quote!(#t: ::core::marker::Sync));
    }
    let where_clause = (!preds.is_empty()).then(|| quote!(where #(#preds),*));

    let methods = fns
        .iter()
        .map(|f| delegating_method(f, &impl_t, args, async_trait.is_some()));
    // The generated `TrImpl<T>` declares `T: 'a` on every lifetime of a generic associated type.
    for ty in &mut assoc {
        gat_outlives(&mut ty.generics, &t);
    }

    let inherent = item.items.iter().filter(|i| matches!(i, ImplItem::Fn(_)));
    let (self_ty, unsafety) = (&item.self_ty, &item.unsafety);
    Ok(quote! {
        #(#attrs)* impl #inherent_generics #self_ty #inherent_where { #(#inherent)* }
        #async_trait
        #unsafety impl #impl_generics #trait_path for #self_ty #where_clause {
            #(#assoc)* #(#assoc_consts)* #(#methods)*
        }
    })
}

/// The block's items as an inherent impl: what is emitted beside an error.
pub fn inherent_part(item: &ItemImpl) -> TokenStream {
    // Associated types cannot be inherent; everything else can stay.
    let items = item.items.iter();
    let items = items.filter(|i| !matches!(i, ImplItem::Type(_)));
    let (impl_generics, _, where_clause) = item.generics.split_for_impl();
    let self_ty = &item.self_ty;
    quote!(impl #impl_generics #self_ty #where_clause { #(#items)* })
}

/// `fn fetch(_impl: &Impl<T>, args…) -> R { Self::fetch(_impl, args…) }`, or the dyn form.
fn delegating_method(
    f: &FnModel,
    impl_t: &[TokenTree],
    args: &Args,
    async_trait: bool,
) -> TokenStream {
    let (dyn_ref, send) = (args.flag(Name::Ref), !args.maybe_send());
    let name = ident_p2(f.ident);
    let cfgs = f.cfgs.iter().map(|c| Q(c));
    let params = f.params.iter().map(|p| ident_p2(&p.ident));
    let call = quote!(Self::#name(_impl #(, #params)*));
    if f.is_async && dyn_ref && !async_trait {
        let params = f.params.iter().map(|p| (ident_p2(&p.ident), &p.ty[..]));
        let future = FutureSig {
            output: f.output.map_or_else(|| trees(quote!(())), <[_]>::to_vec),
            send,
            unsafety: f.is_unsafe,
        };
        let mut preds = Vec::new();
        push_where(&mut preds, f, impl_t);
        let sig = dyn_async::boxed_sig(&name, &f.generics, &preds, params, &future, Some(impl_t));
        let call = call_body(call, false, f.is_unsafe);
        return quote!(#(#cfgs)* #sig { ::entrait::__private::Box::pin(#call) });
    }
    // `&self, _impl: &'a Impl<T>`: the deps parameter, with `Impl<T>` for its type parameter.
    let mut receiver = Vec::with_capacity(12);
    if dyn_ref {
        receiver.extend([punct('&'), ident("self"), punct(',')]);
    }
    receiver.extend([ident("_impl"), punct(':'), punct('&')]);
    receiver.extend(f.deps_lifetime.iter().flatten().cloned());
    receiver.extend_from_slice(impl_t);
    let sig = Q(&sig(f, send, async_trait, receiver, impl_t));
    // Under `#[async_trait]` the method stays `async fn` and awaits the function.
    let body = call_body(call, f.is_async && async_trait, f.is_unsafe);
    quote!(#(#cfgs)* #sig { #body })
}
