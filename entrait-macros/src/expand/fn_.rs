//! `#[entrait(Trait)]` on a function.
//!
//! Input:  `#[entrait(pub Foo)] fn foo(deps: &impl Bar, x: u32) -> u32 { … }`
//! Output: the function unchanged, then
//!         `pub trait Foo { fn foo(&self, x: u32) -> u32; }`
//!         `impl<T> Foo for T where T: Bar { fn foo(&self, x: u32) -> u32 { foo(self, x) } }`

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;

use super::{
    check_applicable, fn_trait_impls, is_mocked, method_decl, mock_attrs, required_trait_ident,
    unmock_entry, with_sigs, MockApi,
};
use crate::args::Args;
use crate::input::{is_cfg, InputFn};
use crate::sig::{Deps, EntraitFn};

/// `item` is the function's tokens as written: emitted as they are, not re-printed.
pub fn expand(args: &Args, input: &InputFn, item: &TokenStream) -> syn::Result<TokenStream> {
    check_applicable(
        args,
        "a function",
        &[
            "no_deps", "export", "mock_api", "unimock", "mockall", "?Send",
        ],
    )?;
    let trait_ident = required_trait_ident(args, "a function")?;
    let fn_ = EntraitFn::analyze(input, Args::flag(&args.opts.no_deps), true)?;
    let maybe_send = args.maybe_send();

    if let (Some(mockall), Deps::Generic { preds, .. }) = (&args.opts.mockall, &fn_.deps) {
        let bounds = preds.first().map(bound_count).unwrap_or(0);
        if mockall.value && (preds.len() > 1 || bounds > 1) {
            return Err(syn::Error::new(
                input.sig.inputs.span(),
                "`mockall` mocks one trait at a time, so the dependencies of a `mockall` function \
                 may have at most one trait bound; use unimock (`mock_api = …`) for several bounds",
            ));
        }
    }

    let vis = &args.trait_vis;
    let trait_attrs = fn_.method.attrs.clone();
    let mocks = mock_attrs(
        args,
        args.unimock(),
        MockApi::Flat,
        Some(vec![unmock_entry(&fn_)]),
    );
    let cfgs: Vec<syn::Attribute> = input.attrs.iter().filter(|a| is_cfg(a)).cloned().collect();
    let mut fns = [(fn_, input.sig.ident.span())];
    with_sigs(&mut fns, maybe_send);
    let decl = method_decl(&fns[0].0);
    let generics = fns[0].0.trait_generics.clone();
    let impls = fn_trait_impls(
        trait_ident,
        &generics,
        &fns,
        &cfgs,
        is_mocked(args),
        maybe_send,
    )?;
    let generics = (!generics.is_empty()).then(|| quote!(<#(#generics),*>));

    Ok(quote! {
        #item
        #(#trait_attrs)*
        #mocks
        #vis trait #trait_ident #generics {
            #decl
        }
        #impls
    })
}

/// How many `+`-separated bounds follow the `:` of a `D: A + B` predicate.
fn bound_count(pred: &TokenStream) -> usize {
    let mut depth = 0usize;
    let mut count = 1;
    for tt in pred.clone() {
        if let proc_macro2::TokenTree::Punct(p) = tt {
            match p.as_char() {
                '<' => depth += 1,
                '>' => depth = depth.saturating_sub(1),
                '+' if depth == 0 => count += 1,
                _ => {}
            }
        }
    }
    count
}
