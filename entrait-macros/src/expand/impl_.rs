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
use super::{call_args, check_applicable, deps_pred, impl_param};
use crate::args::Args;
use crate::error::Errors;
use crate::input::is_async_trait;
use crate::sig::{replace_ident, Deps, EntraitFn};

pub fn expand(
    args: &Args,
    item: &crate::ast::ItemImpl,
    tokens: &TokenStream,
) -> syn::Result<TokenStream> {
    check_applicable(args, "an impl block", &["ref", "?Send"])?;
    if let Some(ident) = &args.trait_ident {
        return Err(syn::Error::new(
            ident.span(),
            "`#[entrait]` on an impl block takes no trait name: the trait is the one after `impl`",
        ));
    }
    let Some((trait_path, _)) = &item.trait_ else {
        return Err(syn::Error::new(
            item.self_ty.span(),
            "`#[entrait]` on an impl block implements the implementation trait of an inverted dependency, \
             as in `#[entrait] impl MyTraitImpl for MyType { … }`; an inherent impl needs no `#[entrait]` \
             (to make a trait from functions, put `#[entrait(MyTrait)]` on a module or on each function)",
        ));
    };
    let dyn_ref = Args::flag(&args.opts.dyn_ref);
    let send = !args.maybe_send();
    // `#[async_trait]` written after `#[entrait]` belongs on the trait impl, where it boxes the
    // futures as the (equally `#[async_trait]`) implementation trait expects; the inherent impl
    // keeps the functions as written.
    let (async_trait, attrs): (Vec<_>, Vec<_>) = item.attrs.iter().partition(|a| is_async_trait(a));
    let async_trait = async_trait.first();

    let mut errors = Errors::default();
    let mut inherent = Vec::new();
    let mut assoc: Vec<crate::ast::ImplItemType> = Vec::new();
    let mut assoc_consts = Vec::new();
    let mut fns = Vec::new();
    for impl_item in &item.items {
        match impl_item {
            crate::ast::ImplItem::Fn(f) => {
                inherent.push(f.to_token_stream());
                if let Some(analyzed) = errors.push_result(analyze(f)) {
                    fns.push(analyzed);
                }
            }
            crate::ast::ImplItem::Type(ty) => assoc.push(ty.clone()),
            crate::ast::ImplItem::Const(c) => assoc_consts.push(c),
            other => errors.push(syn::Error::new(
                other.span(),
                "entrait cannot see the items a macro expands to: write the impl's items out",
            )),
        }
    }
    errors.finish()?;

    let t = impl_param(std::iter::once(tokens));
    let impl_t = quote!(::entrait::Impl<#t>);

    let mut trait_path = trait_path.clone();
    push_t_arg(&mut trait_path, &t);
    let mut generics = item.generics.clone();
    generics
        .params
        .push(syn::GenericParam::Type(t.clone().into()));
    let (impl_generics, _, _) = generics.split_for_impl();
    let (inherent_generics, _, where_clause) = item.generics.split_for_impl();

    let mut preds: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(ToTokens::to_token_stream).collect())
        .unwrap_or_default();
    let mut needs_sync = false;
    for f in &fns {
        if let Deps::Generic {
            param,
            by_value,
            preds: deps_preds,
        } = &f.deps
        {
            for pred in deps_preds {
                preds.push(if *by_value {
                    let pred = deps_pred(pred, param, &quote!(&'entrait_deps #impl_t));
                    quote!(for<'entrait_deps> #pred)
                } else {
                    deps_pred(pred, param, &impl_t)
                });
            }
        }
        needs_sync |= f.method.is_async && send;
    }
    if needs_sync {
        preds.push(quote!(#t: ::core::marker::Sync));
    }
    let where_clause = (!preds.is_empty()).then(|| quote!(where #(#preds),*));

    let methods = fns
        .iter()
        .map(|f| delegating_method(f, &impl_t, dyn_ref, send, async_trait.is_some()));
    // The generated `TrImpl<T>` declares `T: 'a` on every lifetime of a generic associated type.
    for ty in &mut assoc {
        let lifetimes: Vec<syn::Lifetime> = ty
            .generics
            .lifetimes()
            .map(|l| l.lifetime.clone())
            .collect();
        if !lifetimes.is_empty() {
            let where_clause = ty.generics.make_where_clause();
            for lifetime in lifetimes {
                where_clause
                    .predicates
                    .push(syn::parse_quote!(#t: #lifetime));
            }
        }
    }

    let self_ty = &item.self_ty;
    let unsafety = &item.unsafety;
    let inherent_where = &item.generics.where_clause;
    Ok(quote! {
        #(#attrs)*
        impl #inherent_generics #self_ty #inherent_where {
            #(#inherent)*
        }
        #async_trait
        #unsafety impl #impl_generics #trait_path for #self_ty #where_clause {
            #(#assoc)*
            #(#assoc_consts)*
            #(#methods)*
        }
    })
}

/// The block's items as an inherent impl: what is emitted beside an error.
pub fn inherent_part(item: &crate::ast::ItemImpl) -> TokenStream {
    // Associated types cannot be inherent; everything else can stay.
    let fns = item
        .items
        .iter()
        .filter(|i| !matches!(i, crate::ast::ImplItem::Type(_)));
    let (impl_generics, _, where_clause) = item.generics.split_for_impl();
    let self_ty = &item.self_ty;
    quote!(impl #impl_generics #self_ty #where_clause { #(#fns)* })
}

fn analyze(f: &crate::ast::ItemFn) -> syn::Result<EntraitFn> {
    if f.sig.inputs.is_empty() {
        return Err(syn::Error::new_spanned(
            &f.sig.ident,
            format!(
                "`{}` has no dependencies parameter: functions in an `#[entrait]` impl block take one \
                 first (`deps: &impl Trait`, or `_deps: &D` if unused), which receives the `&Impl<T>`",
                f.sig.ident
            ),
        ));
    }
    if let Some(crate::ast::FnArg::Receiver(receiver)) = f.sig.inputs.first() {
        return Err(syn::Error::new_spanned(
            receiver,
            "functions in an `#[entrait]` impl block take their dependencies as the first parameter, not `self`: \
             write `fn name(deps: &impl Trait, …)`",
        ));
    }
    let analyzed = EntraitFn::analyze_sig(&f.attrs, &f.sig, false, false)?;
    if let (Deps::Concrete { ty }, Some(crate::ast::FnArg::Typed(deps))) =
        (&analyzed.deps, f.sig.inputs.first())
    {
        return Err(syn::Error::new_spanned(
            &deps.ty,
            format!(
                "functions in an `#[entrait]` impl block get the application as `&Impl<T>`, so their dependencies \
                 are generic: write `deps: &impl Trait` instead of `&{ty}`"
            ),
        ));
    }
    Ok(analyzed)
}

/// `RepoImpl` → `RepoImpl<T>`, `RepoImpl<X>` → `RepoImpl<X, T>`. (A path always has a last
/// segment, and `Fn(…)` sugar cannot follow `impl` in an impl header, so nothing else occurs.)
fn push_t_arg(path: &mut syn::Path, t: &syn::Ident) {
    if let Some(last) = path.segments.last_mut() {
        match &mut last.arguments {
            syn::PathArguments::AngleBracketed(args) => args.args.push(syn::parse_quote!(#t)),
            other => *other = syn::PathArguments::AngleBracketed(syn::parse_quote!(<#t>)),
        }
    }
}

/// `fn fetch(_impl: &Impl<T>, args…) -> R { Self::fetch(_impl, args…) }`, or the dyn form.
fn delegating_method(
    f: &EntraitFn,
    impl_t: &TokenStream,
    dyn_ref: bool,
    send: bool,
    async_trait: bool,
) -> TokenStream {
    let m = &f.method;
    let ident = &m.ident;
    let cfgs = &m.cfg_attrs;
    let args = call_args(f);
    let call = quote!(Self::#ident(_impl #(, #args)*));
    let param_decls = m.params.iter().map(|p| {
        let (ident, ty) = (&p.ident, &p.ty);
        quote!(#ident: #ty)
    });
    let lifetime = &m.deps_lifetime;

    if m.is_async && dyn_ref && !async_trait {
        let future = FutureSig {
            output: m.output.clone().unwrap_or_else(|| quote!(())),
            send,
        };
        let params: Vec<_> = m
            .params
            .iter()
            .map(|p| (p.ident.clone(), p.ty.clone()))
            .collect();
        let generics: syn::Generics = syn::parse2(m.generics.clone()).unwrap_or_default();
        let impl_param = quote!(&#impl_t);
        let sig = dyn_async::boxed_sig(ident, &generics, &params, &future, Some(&impl_param));
        return quote!(#(#cfgs)* #sig { ::entrait::__private::Box::pin(#call) });
    }

    let output = if m.is_async && !async_trait {
        let out = m.output.clone().unwrap_or_else(|| quote!(()));
        let send = send.then(|| quote!(+ ::core::marker::Send));
        quote!(-> impl ::core::future::Future<Output = #out> #send)
    } else {
        m.output.as_ref().map(|o| quote!(-> #o)).unwrap_or_default()
    };
    let generics = &m.generics;
    let preds = &m.where_preds;
    let where_clause = (!preds.is_empty()).then(|| quote!(where #(#preds),*));
    let self_param = dyn_ref.then(|| quote!(&self,));
    let unsafety = m.is_unsafe.then(|| quote!(unsafe));
    // Under `#[async_trait]` the method stays `async fn` and awaits the function.
    let asyncness = (m.is_async && async_trait).then(|| quote!(async));
    let call = match asyncness {
        Some(_) => quote!(#call.await),
        None => call,
    };
    let body = if m.is_unsafe {
        quote!(unsafe { #call })
    } else {
        call
    };
    let sig = quote! {
        #asyncness #unsafety fn #ident #generics (#self_param _impl: &#lifetime #impl_t #(, #param_decls)*) #output #where_clause
    };
    let sig = match &f.deps {
        Deps::Generic { param, .. } => replace_ident(&sig, param, impl_t),
        _ => sig,
    };
    quote!(#(#cfgs)* #sig { #body })
}
