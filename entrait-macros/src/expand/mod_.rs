//! `#[entrait(Trait)]` on a module: one trait, a method per non-private function.
//!
//! Input:  `#[entrait(pub Db)] mod db { pub fn get(deps: &impl A, id: u32) -> Row { … } fn helper() {} }`
//! Output: `mod db { …items unchanged…  pub trait Db { fn get(&self, id: u32) -> Row; }
//!                   impl<T> Db for T where T: A { … } }`
//!         `pub use db::Db;`

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};

use super::{
    check_applicable, fn_trait_impls, is_mocked, method_decl, mock_attrs, required_trait_ident,
    unmock_entry, with_sigs, MockApi,
};
use crate::args::Args;
use crate::error::Errors;
use crate::input::{is_cfg, is_doc, InputMod, ModItem};
use crate::sig::{Deps, EntraitFn};

/// `item` is the module's tokens as written: its items are emitted as they are, with the
/// generated ones appended inside the braces.
pub fn expand(args: &Args, input: &InputMod, item: &TokenStream) -> syn::Result<TokenStream> {
    check_applicable(
        args,
        "a module",
        &["no_deps", "export", "mock_api", "unimock", "?Send"],
    )?;
    let trait_ident = required_trait_ident(args, "a module")?;
    let maybe_send = args.maybe_send();
    let no_deps = Args::flag(&args.opts.no_deps);

    let mut errors = Errors::default();
    let fns: Vec<(EntraitFn, Span)> = input
        .items
        .iter()
        .filter_map(|item| match item {
            ModItem::Fn(f) if !matches!(f.vis, syn::Visibility::Inherited) => Some(f),
            _ => None,
        })
        .filter_map(|f| {
            errors
                .push_result(EntraitFn::analyze(f, no_deps, false))
                .map(|analyzed| (analyzed, f.sig.ident.span()))
        })
        .collect();
    errors.finish()?;
    let mut fns: Vec<(EntraitFn, Span)> = fns
        .into_iter()
        .map(|(f, span)| (gated_bounds_on_method(f), span))
        .collect();
    with_sigs(&mut fns, maybe_send);

    let decls = fns.iter().map(|(f, _)| method_decl(f));
    let unmock = fns.iter().map(|(f, _)| unmock_entry(f)).collect();
    let mocks = mock_attrs(args, args.unimock(), MockApi::Module, Some(unmock));
    let cfgs: Vec<syn::Attribute> = input.attrs.iter().filter(|a| is_cfg(a)).cloned().collect();
    let impls = fn_trait_impls(trait_ident, &[], &fns, &[], is_mocked(args), maybe_send)?;

    let InputMod {
        attrs,
        ident,
        inner_attrs,
        ..
    } = input;
    // The module's docs (`///` outside, `//!` inside) document the trait.
    let docs = attrs
        .iter()
        .chain(inner_attrs)
        .filter(|a| is_doc(a))
        .map(|a| {
            let mut outer = a.clone();
            outer.style = syn::AttrStyle::Outer;
            outer
        });
    let inner_vis = inner_visibility(&args.trait_vis);
    let outer_vis = &args.trait_vis;
    let generated = quote! {
        #(#docs)*
        #mocks
        #inner_vis trait #trait_ident {
            #(#decls)*
        }
        #impls
    };
    let module = append_to_body(item, generated);
    // The re-export is unused where the trait is only named through the module; that is no
    // reason for a warning in the user's crate.
    Ok(quote! {
        #module
        #(#cfgs)*
        #[allow(unused_imports)]
        #outer_vis use #ident::#trait_ident;
    })
}

/// The bounds of a `#[cfg]`-gated function move from the combined impl to its own method
/// (as `Self: Bound`), so that they disappear with it: the impl's where clause cannot be gated.
fn gated_bounds_on_method(mut f: EntraitFn) -> EntraitFn {
    if f.method.cfg_attrs.is_empty() {
        return f;
    }
    if let Deps::Generic {
        by_value: false,
        preds,
        ..
    } = &mut f.deps
    {
        f.method.where_preds.append(preds);
    }
    f
}

/// The visibility inside the module that makes the trait visible where `outer` says.
fn inner_visibility(outer: &syn::Visibility) -> TokenStream {
    match outer {
        syn::Visibility::Public(p) => p.to_token_stream(),
        syn::Visibility::Inherited => quote!(pub(super)),
        syn::Visibility::Restricted(r) => {
            let path = &r.path;
            let first = path.segments.first().map(|s| s.ident.to_string());
            match first.as_deref() {
                Some("crate") if path.segments.len() == 1 => quote!(pub(crate)),
                Some("self") if path.segments.len() == 1 => quote!(pub(super)),
                Some("super") if r.in_token.is_none() => quote!(pub(in super::super)),
                Some("self") => {
                    let rest = path.segments.iter().skip(1);
                    quote!(pub(in super #(::#rest)*))
                }
                Some("super") => quote!(pub(in super::#path)),
                _ => r.to_token_stream(),
            }
        }
    }
}

/// The module's tokens with `generated` appended inside its braces (its last token tree; the
/// input parsed as a module, so it is there).
fn append_to_body(item: &TokenStream, generated: TokenStream) -> TokenStream {
    let mut tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    if let Some(TokenTree::Group(body)) = tokens.last_mut() {
        let mut stream = body.stream();
        stream.extend(generated);
        let mut group = Group::new(body.delimiter(), stream);
        group.set_span(body.span());
        *body = group;
    }
    tokens.into_iter().collect()
}
