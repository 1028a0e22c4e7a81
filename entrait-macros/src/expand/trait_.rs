//! `#[entrait]` on a hand-written trait: implementations of it for `Impl<T>` that delegate to
//! the application, in one of four modes (SPEC.md §5).
//!
//! Input:  `#[entrait] pub trait Clock { fn now(&self) -> u64; }`
//! Output: the trait, then
//!         `impl<T: Clock> Clock for ::entrait::Impl<T> { fn now(&self) -> u64 { <T as Clock>::now(self) } }`
//!         (`&Impl<T>` coerces to `&T` through `Deref`)
//!
//! `delegate_by = ref` delegates through `T: AsRef<dyn Clock>`; `(ClockImpl, delegate_by = DelegateClock)`
//! also declares `ClockImpl<T>` (associated functions taking `&Impl<T>`) and the selector
//! `DelegateClock<T> { type Target: ClockImpl<T>; }`; `(ClockImpl, delegate_by = ref)` declares a
//! dyn-compatible `ClockImpl<T>` (methods take `&self` and `&Impl<T>`) reached through
//! `T: AsRef<dyn ClockImpl<T>>`. Async methods in the dyn modes: see `dyn_async.rs`.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};

use super::dyn_async;
use super::{impl_param, push_mock_attrs, MockApi};
use crate::args::{check_applicable, Args, DelegateBy};
use crate::ast::{ItemTrait, TraitItem};
use crate::input::is_async_trait;
use crate::model::{lifetime_name, param_ident, FnArg, Generic, MethodSig, TraitItemFn};
use crate::tokens::{
    self as tk, error_at, ident_is, ident_p2, is_ident, is_punct, mentions, p2, ItemKind, Q,
};

/// `quote!`'s output as trees, to interpolate with `#(…)*`.
pub fn quoted(tokens: TokenStream) -> Vec<TokenTree> {
    tokens.into_iter().collect()
}

/// `self`, written without `quote!` (a call into the compiler).
pub fn self_tree() -> TokenTree {
    Ident::new("self", Span::call_site()).into()
}

/// The four delegation modes: two kinds of bound on `T`, each with its inverted form.
enum Mode {
    /// `impl<T: Tr> Tr for Impl<T>`, or `TrImpl<T>` + `DelegateTr<T>` (`imp`, `selector`).
    Trait(Option<(Ident, Ident)>),
    /// `impl<T: AsRef<dyn Tr>> Tr for Impl<T>`, or dyn-compatible `TrImpl<T>` (`imp`).
    Ref(Option<Ident>),
}

/// A method of the trait, ready to be re-declared or delegated.
pub struct TraitMethod<'a> {
    pub item: &'a TraitItemFn,
    /// The signature of the generated methods, parameters named as in `params` (copied if renamed).
    pub sig: std::borrow::Cow<'a, MethodSig>,
    /// Parameter names used by generated code (the declared patterns may be `_`), and types.
    pub params: Vec<(Ident, &'a [tk::TokenTree])>,
}

pub fn expand(args: &Args, item: &ItemTrait, tokens: &TokenStream) -> syn::Result<TokenStream> {
    check_applicable(args, ItemKind::Trait)?;
    if let Some(vis) = args.trait_vis.first() {
        return Err(error_at(
            vis.span(),
            "the traits entrait generates for a trait take that trait's visibility: remove this visibility",
        ));
    }
    let mode = mode(args, item)?;
    let async_trait = item.attrs.iter().find(|a| is_async_trait(a));
    // Under `#[async_trait]` the trait is left for that macro; otherwise `async fn` becomes
    // `fn -> impl Future (+ Send)`, which is what every generated impl then implements.
    let desugar = || dyn_async::desugar_trait(item, !args.maybe_send());
    let desugared = async_trait.map_or_else(desugar, |_| None);
    let item = desugared.as_ref().unwrap_or(item);
    // The trait as written, unless it was rewritten. A leaf `delegate_by = ref` trait's future
    // methods are declared `where Self: Sized` (see `dyn_async::sized_futures`).
    let leaf_ref = matches!(mode, Mode::Ref(None)) && async_trait.is_none();
    let sized = leaf_ref.then(|| dyn_async::sized_futures(item)).flatten();
    let rewritten = sized.as_ref().or(desugared.as_ref());
    let emitted = rewritten.map_or_else(|| tokens.clone(), ToTokens::to_token_stream);
    let cx = Cx::new(item, async_trait)?;
    let imp = match mode {
        Mode::Trait(selector) => cx.by_trait(selector.as_ref())?,
        Mode::Ref(imp) => cx.by_ref(imp.as_ref(), !args.maybe_send())?,
    };
    // Asked for, unimock gets every trait (and reports what it cannot mock); brought in by
    // the feature alone, only the traits it can mock.
    let unimock = args.unimock() || args.feature_mocks_trait() && unimock_can_mock(item);
    // Moved, not interpolated: one call into the compiler instead of a clone and a call each.
    let mut attrs = Vec::new();
    push_mock_attrs(&mut attrs, args, unimock, MockApi::Module, &[]);
    let mut out = p2(tk::stream(attrs));
    out.extend([emitted, imp]);
    Ok(out)
}

/// What every delegation mode reads (and `dyn_async::companion`).
pub(super) struct Cx<'a> {
    pub(super) item: &'a ItemTrait,
    pub(super) methods: Vec<TraitMethod<'a>>,
    /// The application type parameter of the `Impl<T>` impl.
    pub(super) t: Ident,
    /// `Tr<G…>`, as trees: each `#(…)*` of them costs less than a stream's `#…`.
    trait_path: Vec<TokenTree>,
    /// The trait's generics and `T`: the generated traits' parameters, and the impl's.
    pub(super) imp_generics: syn::Generics,
    /// `#[async_trait]` as written, re-applied to every generated trait and impl.
    async_trait: Option<TokenStream>,
}

impl<'a> Cx<'a> {
    fn new(item: &'a ItemTrait, async_trait: Option<&syn::Attribute>) -> syn::Result<Self> {
        let t = impl_param(item.uses_t);
        let ty_generics = quoted(item.generics.split_for_impl().1.to_token_stream());
        let mut imp_generics = item.generics.clone();
        let t_param = syn::GenericParam::Type(t.clone().into());
        imp_generics.params.push(t_param);
        let message =
            "entrait cannot see the items a macro expands to: write the trait's items out";
        let methods = item.items.iter().filter_map(|i| match i {
            TraitItem::Fn(f) => Some(trait_method(f)),
            TraitItem::Other(m) => Some(Err(syn::Error::new_spanned(m, message))),
            _ => None,
        });
        Ok(Cx {
            item,
            methods: methods.collect::<syn::Result<_>>()?,
            trait_path: [vec![item.ident.clone().into()], ty_generics].concat(),
            imp_generics,
            t,
            async_trait: async_trait.map(ToTokens::to_token_stream),
        })
    }

    /// `impl<T: Tr> Tr for Impl<T>`: each method calls `T`'s. With a `selector`, inverted:
    /// `TrImpl<T>` (associated functions taking `&Impl<T>`) and `DelegateTr<T>`, and each
    /// method calls `T::Target`'s.
    fn by_trait(&self, selector: Option<&(Ident, Ident)>) -> syn::Result<TokenStream> {
        let (t, path) = (TokenTree::Ident(self.t.clone()), &self.trait_path[..]);
        let (t_bound, target, declared) = match selector {
            None => {
                let target = quoted(quote!(<#t as #(#path)*>));
                let t_bound = quoted(quote!(#t: #(#path)*));
                (t_bound, target, TokenStream::new())
            }
            Some((imp, selector)) => {
                check_receivers(&self.methods, &format!("`delegate_by = {selector}`"))?;
                let (vis, trait_ident) = (&self.item.vis, &self.item.ident);
                let (imp_generics, imp_args, where_clause) = self.imp_generics.split_for_impl();
                let imp_doc = format!(
                    "The implementation side of [`{trait_ident}`]: implement it (with `#[entrait] impl {imp} for MyType`) and select the implementation with [`{selector}`]."
                );
                let (imp_path, imp_trait) = self.imp_trait(imp, imp_doc, false);
                let selector_doc =
                    format!("Selects the [`{imp}`] that `Impl<T>` delegates [`{trait_ident}`] to.");
                let declared = quote! {
                    #imp_trait #[doc = #selector_doc]
                    #vis trait #selector #imp_generics #where_clause {
                        /// The type implementing the trait for this application.
                        type Target: #imp_path;
                    }
                };
                let target = quoted(quote!(<<#t as #selector #imp_args>::Target as #imp_path>));
                (quoted(quote!(#t: #selector #imp_args)), target, declared)
            }
        };
        let methods = self.delegate(|m| {
            let receiver = match m.item.sig.receiver() {
                // `&Impl<T>` and `&mut Impl<T>` coerce to `&T` and `&mut T`.
                Some(r) if r.reference.is_some() => vec![self_tree()],
                Some(_) => quoted(quote!(::entrait::Impl::into_inner(self))),
                None => Vec::new(),
            };
            delegate_call(m, &target, &receiver)
        });
        Ok(self.imp_impl(t_bound, target, methods, declared, false))
    }

    /// `impl<T: AsRef<dyn X>> Tr for Impl<T>`. `X` is the trait, or its companion `DynTr` when
    /// it has future methods (`dyn_async::companion`); inverted (`imp`), a dyn-compatible
    /// `TrImpl<T>` (methods take `&self` and `&Impl<T>`, future methods boxed).
    fn by_ref(&self, imp: Option<&Ident>, send: bool) -> syn::Result<TokenStream> {
        check_receivers(&self.methods, "`delegate_by = ref`")?;
        // Called through `dyn`: no method with type parameters or `where Self: Sized`.
        let off_dyn = |sig: &&MethodSig| {
            sig.params().iter().any(|p| lifetime_name(p).is_none())
                || sig.where_preds.iter().any(|p| mentions(p, "Sized"))
        };
        if let Some(sig) = self.methods.iter().map(|m| &m.item.sig).find(off_dyn) {
            let message = format!("with `delegate_by = ref` every method is called on `dyn {}`, which cannot call `{}` (it has type parameters or `where Self: Sized`): move it to another trait, or delegate by `Self`", self.item.ident, sig.ident);
            return Err(error_at(sig.ident.span(), message));
        }
        let (t, trait_ident, reapply) = (&self.t, &self.item.ident, &self.async_trait);
        let future = |m: &TraitMethod| dyn_async::future_sig(&m.item.sig);
        let has_future = reapply.is_none() && self.methods.iter().any(|m| future(m).is_some());
        let (dyn_trait, declared) = match imp {
            Some(imp) => {
                let imp_doc = format!(
                    "The dyn-compatible implementation side of [`{trait_ident}`]: implement it (with `#[entrait(ref)] impl {imp} for MyType`) and select it with `impl AsRef<dyn {imp}<Self>> for App`."
                );
                self.imp_trait(imp, imp_doc, true)
            }
            None if has_future => dyn_async::companion(self),
            None => (self.trait_path.iter().cloned().collect(), quote!()),
        };
        // Under `#[async_trait]` the boxed future holds the `&dyn` and the `&Impl<T>` across its
        // await: both must be `Sync` for it to be `Send`, as in the published form
        // `T: Sync + 'static + AsRef<dyn TrImpl<T> + Sync>`.
        let both_sync = imp.is_some() && reapply.is_some() && send;
        let dyn_sync = both_sync.then(|| quote!(+ ::core::marker::Sync));
        let as_ref_dyn = quote!(::core::convert::AsRef<dyn #dyn_trait #dyn_sync>);
        let target = quoted(quote!(<dyn #dyn_trait as #dyn_trait>));
        let impl_arg = imp.map(|_| quote!(, self));
        let receiver = quoted(quote!(<#t as #as_ref_dyn>::as_ref(self) #impl_arg));
        // Through the companion, every method is its `dyn_` one.
        let companion = has_future && imp.is_none();
        let methods = self.delegate(|m| {
            let call = if companion {
                let ident = dyn_async::companion_method(&m.item.sig.ident);
                let args = m.params.iter().map(|(i, _)| i);
                quote!(#(#target)*::#ident(#(#receiver)* #(, #args)*))
            } else {
                delegate_call(m, &target, &receiver)
            };
            // A boxed future that borrows more than `&self` is awaited in an `async move` block
            // (an `impl Future` cannot name the intersection of several input lifetimes): one
            // box per call either way.
            match has_future && future(m).is_some() && dyn_async::needs_wrapper(m) {
                true => quote!(async move { #call.await }),
                false => call,
            }
        });
        let static_bound = imp.map(|_| quote!(+ 'static #dyn_sync));
        // A boxed `Send` future awaited in an `async move` block borrows `&Impl<T>`: then the
        // impl needs `T: Sync`.
        let wrapped_send =
            |m: &TraitMethod| future(m).is_some_and(|f| f.send) && dyn_async::needs_wrapper(m);
        let sync = has_future && self.methods.iter().any(wrapped_send);
        let t_bound = quoted(quote!(#t: #as_ref_dyn #static_bound));
        Ok(self.imp_impl(t_bound, target, methods, declared, sync))
    }

    /// The traits `declared` beside the user's (`TrImpl<T>`, `DelegateTr<T>`, `DynTr`), then
    /// `impl Tr for Impl<T>` where `t_bound` (`T: Tr`, `T: AsRef<dyn Tr>`…) selects the
    /// implementation, with `T: Sync` when `sync` (a boxed `Send` future borrows `&Impl<T>`):
    /// its associated items are `target`'s (`<T as Tr>`, `<dyn Tr as Tr>`…), then the `methods`.
    fn imp_impl(
        &self,
        t_bound: Vec<TokenTree>,
        target: Vec<TokenTree>,
        methods: TokenStream,
        declared: TokenStream,
        sync: bool,
    ) -> TokenStream {
        let (item, t, trait_path) = (self.item, &self.t, &self.trait_path);
        let supertraits = &item.supertraits;
        let (_, _, where_clause) = item.generics.split_for_impl();
        let where_preds = where_clause.iter().flat_map(|w| &w.predicates);
        let mut preds: Vec<_> = where_preds.map(ToTokens::to_token_stream).collect();
        preds.extend((!supertraits.is_empty()).then(|| quote!(Self: #supertraits)));
        preds.extend(sync.then(|| quote!(#t: ::core::marker::Sync)));
        let assoc_impls = item.items.iter().filter_map(|i| match i {
            TraitItem::Type(ty) => {
                let cfgs = ty.attrs.iter().filter(|a| a.path().is_ident("cfg"));
                let ident = &ty.ident;
                let (gen_impl, gen_ty, gen_where) = ty.generics.split_for_impl();
                Some(quote!(#(#cfgs)* type #ident #gen_impl = #(#target)*::#ident #gen_ty #gen_where;))
            }
            TraitItem::Const(c) => {
                let cfgs = c.attrs.iter().filter(|a| a.path().is_ident("cfg"));
                let (ident, ty) = (&c.ident, &c.ty);
                Some(quote!(#(#cfgs)* const #ident: #ty = #(#target)*::#ident;))
            }
            _ => None,
        });
        let (unsafety, reapply) = (&item.unsafety, &self.async_trait);
        // The methods moved into the body, not interpolated: no copy of their trees.
        let body = Group::new(Delimiter::Brace, assoc_impls.chain([methods]).collect());
        // `impl<T: Bound> Tr for Impl<T>` when that is the only bound, as a person writes it.
        match preds.as_slice() {
            [] if item.generics.params.is_empty() => quote! {
                #declared #reapply #unsafety impl<#(#t_bound)*> #(#trait_path)* for ::entrait::Impl<#t>
                #body
            },
            _ => {
                let (generics, _, _) = self.imp_generics.split_for_impl();
                quote!(#declared #reapply #unsafety impl #generics #(#trait_path)* for ::entrait::Impl<#t>
                    where #(#t_bound)* #(, #preds)* #body)
            }
        }
    }

    /// `TrImpl<G…, T>` and `trait TrImpl<G…, T>`, the implementation side: the associated items
    /// (without their defaults) and the methods; dyn-compatible when `dyn_self`.
    fn imp_trait(&self, imp: &Ident, doc: String, dyn_self: bool) -> (TokenStream, TokenStream) {
        let (item, reapply, t) = (self.item, &self.async_trait, &self.t);
        let (imp_generics, imp_args, where_clause) = self.imp_generics.split_for_impl();
        let assoc = item.items.iter().filter_map(|i| match i {
            TraitItem::Type(ty) => {
                let mut ty = ty.clone();
                ty.default = None;
                super::gat_outlives(&mut ty.generics, t);
                Some(ty.to_token_stream())
            }
            TraitItem::Const(c) => {
                let mut c = c.clone();
                c.default = None;
                Some(c.to_token_stream())
            }
            _ => None,
        });
        // `'static` makes `&dyn TrImpl<Self>` in the app's `AsRef` impl mean the `'static` object.
        let auto = item.supertraits.iter().filter(|b| match b {
            syn::TypeParamBound::Lifetime(l) => l.ident != "static",
            syn::TypeParamBound::Trait(t) => {
                let last = t.path.segments.last();
                last.is_some_and(|s| s.ident == "Send" || s.ident == "Sync")
            }
            _ => false,
        });
        let dyn_bounds = dyn_self.then(|| quote!(: 'static #(+ #auto)*));
        // A method: the receiver becomes `_impl: &Impl<T>`, after `&self` when `dyn_self`, where a
        // future method is boxed (`dyn_async`) unless under `#[async_trait]`.
        let boxed = dyn_self && reapply.is_none();
        let decls = self.methods.iter().map(|m| {
            let attrs = m.item.mirrored.iter().map(|a| Q(a));
            if let Some(future) = boxed.then(|| dyn_async::future_sig(&m.item.sig)).flatten() {
                let impl_t = tk::trees(quote!(::entrait::Impl<#t>));
                let sig = dyn_async::boxed_method(m, &m.item.sig.ident, &future, Some(&impl_t));
                return quote!(#(#attrs)* #sig;);
            }
            let lifetime = m.sig.receiver().and_then(|r| r.reference.as_deref()).map(Q);
            let dyn_self = dyn_self.then(self_tree).into_iter();
            // The receiver (`check_receivers`) is the first input.
            let receiver = quote!(#(&#dyn_self,)* _impl: &#lifetime ::entrait::Impl<#t>);
            let mut sig = m.sig.clone().into_owned();
            sig.inputs[0] = FnArg::Written(tk::trees(receiver));
            quote!(#(#attrs)* #sig;)
        });
        let (vis, unsafety) = (&item.vis, &item.unsafety);
        let declared = quote! {
            #[doc = #doc] #reapply #vis #unsafety trait #imp #imp_generics #dyn_bounds #where_clause {
                #(#assoc)* #(#decls)*
            }
        };
        (quote!(#imp #imp_args), declared)
    }

    /// The methods of `impl Tr for Impl<T>` as one stream, calling what `call` says. Under
    /// `#[async_trait]` an `async fn` stays `async fn` and awaits the target; every other method
    /// returns the target's value (or future) as it is: no extra state machine, no box.
    fn delegate(&self, call: impl Fn(&TraitMethod) -> TokenStream) -> TokenStream {
        let mut methods = TokenStream::new();
        for m in &self.methods {
            let awaited = m.item.sig.is_async && self.async_trait.is_some();
            let body = call_body(call(m), awaited, m.item.sig.is_unsafe && !awaited);
            for cfg in &m.item.cfgs {
                Q(cfg).to_tokens(&mut methods);
            }
            m.sig.to_tokens(&mut methods);
            methods.extend([TokenTree::Group(Group::new(Delimiter::Brace, body))]);
        }
        methods
    }
}

/// The body of a delegating method: `call`, awaited (`#[async_trait]`), in `unsafe { … }`.
pub fn call_body(call: TokenStream, awaited: bool, unsafety: bool) -> TokenStream {
    let call = if awaited { quote!(#call.await) } else { call };
    match unsafety {
        true => quote!(unsafe { #call }),
        false => call,
    }
}

/// Can `#[unimock]` implement this trait with no more than entrait gives it? Not when it has
/// associated types, or consts without a default (their values would go in the attribute), nor
/// an associated function without a receiver and a default body, nor a parameter whose pattern
/// is not a name (`_`, `(a, b)`), nor an `extern` ABI (its mock is `#[track_caller]`).
fn unimock_can_mock(item: &ItemTrait) -> bool {
    let named = |a: &FnArg| !matches!(a, FnArg::Typed(p) if p.binding.is_none());
    item.items.iter().all(|i| match i {
        TraitItem::Fn(f) => {
            (f.has_default() || f.sig.receiver().is_some())
                && f.sig.inputs.iter().all(named)
                && !f.sig.quals.iter().any(|t| is_ident(t, "extern"))
        }
        TraitItem::Const(c) => c.default.is_some(),
        TraitItem::Type(_) | TraitItem::Other(_) => false,
    })
}

fn mode(args: &Args, item: &ItemTrait) -> syn::Result<Mode> {
    let trait_ident = &item.ident;
    match (args.delegate_by(), &args.trait_ident) {
        (None | Some(DelegateBy::SelfTrait), None) => Ok(Mode::Trait(None)),
        (Some(DelegateBy::Ref), imp) => Ok(Mode::Ref(imp.as_ref().map(ident_p2))),
        (Some(DelegateBy::Custom(selector)), Some(imp)) => {
            Ok(Mode::Trait(Some((ident_p2(imp), ident_p2(selector)))))
        }
        (Some(DelegateBy::Custom(selector)), None) => Err(error_at(
            selector.span(),
            format!(
                "`delegate_by = {selector}` needs the name of the implementation trait to generate: `#[entrait({trait_ident}Impl, delegate_by = {selector})]`"
            ),
        )),
        (Some(DelegateBy::SelfTrait), Some(imp)) => Err(error_at(
            imp.span(),
            format!(
                "`delegate_by = Self` generates no implementation trait, so `{imp}` has nothing to name: remove `{imp}`, or choose `delegate_by = Delegate{trait_ident}` or `delegate_by = ref` for an inverted dependency"
            ),
        )),
        (None, Some(imp)) => Err(error_at(
            imp.span(),
            format!(
                "a trait name in `#[entrait]` on a trait names the implementation trait of an inverted dependency: add `delegate_by = Delegate{trait_ident}` or `delegate_by = ref`, or remove `{imp}`"
            ),
        )),
    }
}

fn trait_method(item: &TraitItemFn) -> syn::Result<TraitMethod<'_>> {
    let declared = &item.sig;
    if let Some(r) = declared.receiver().filter(|r| r.typed) {
        return Err(tk::error(
            &r.tokens,
            "entrait delegates methods taking `&self`, `&mut self` or `self`; a typed receiver like this cannot be delegated",
        ));
    }
    // Every declared name is taken: a generated `argN` must not repeat one that is kept.
    let mut taken = vec![declared.ident.to_string(), "self".into()];
    taken.extend(declared.inputs.iter().filter_map(|arg| match arg {
        FnArg::Typed(p) => p.binding.as_ref().map(ToString::to_string),
        _ => None,
    }));
    let (mut params, mut sig) = (Vec::new(), std::borrow::Cow::Borrowed(declared));
    for (index, arg) in declared.inputs.iter().enumerate() {
        match arg {
            FnArg::Typed(pat_type) => {
                no_bare_self(&pat_type.ty)?;
                let binding = pat_type.binding.as_ref().map(|b| (b, b.to_string()));
                let ident = param_ident(binding, pat_type.span, index, &mut taken);
                let name = ident.to_string();
                if !matches!(&pat_type.pat[..], [tk::TokenTree::Ident(p)] if ident_is(p, &name)) {
                    let (attrs, ident) = (&pat_type.attrs, tk::TokenTree::Ident(ident.clone()));
                    let written = [&attrs[..], &[ident, tk::punct(':')], &pat_type.ty].concat();
                    sig.to_mut().inputs[index] = FnArg::Written(written);
                }
                params.push((ident_p2(&ident), &pat_type.ty[..]));
            }
            // `mut self` binds mutably in the declaration's default body only.
            FnArg::Receiver(r) if r.reference.is_none() && r.mutability => {
                let tokens = r.tokens.clone().into_iter().filter(|t| !is_ident(t, "mut"));
                sig.to_mut().inputs[index] = FnArg::Written(tokens.collect());
            }
            _ => {}
        }
    }
    no_bare_self(declared.output_ty().unwrap_or_default())?;
    Ok(TraitMethod { item, sig, params })
}

/// Rejects `Self` not followed by `::` (so not an associated item path).
fn no_bare_self(tts: &[tk::TokenTree]) -> syn::Result<()> {
    for (i, tt) in tts.iter().enumerate() {
        match tt {
            tk::TokenTree::Ident(ident)
                if ident_is(ident, "Self") && !tts.get(i + 1).is_some_and(|t| is_punct(t, ':')) =>
            {
                return Err(error_at(
                    ident.span(),
                    "entrait cannot delegate a method that takes or returns `Self` itself (only `self` receivers and `Self::Assoc` types can be delegated)",
                ));
            }
            tk::TokenTree::Group(g) => no_bare_self(&tk::trees(g.stream()))?,
            _ => {}
        }
    }
    Ok(())
}

fn check_receivers(methods: &[TraitMethod], mode: &str) -> syn::Result<()> {
    for sig in methods.iter().map(|m| &m.item.sig) {
        let receiver = sig.receiver();
        if !receiver.is_some_and(|r| r.reference.is_some() && !r.mutability) {
            let message = format!(
                "with {mode}, every method takes `&self`: the call goes through a shared reference"
            );
            return Err(match receiver {
                Some(r) => tk::error(&r.tokens, message),
                None => error_at(sig.ident.span(), message),
            });
        }
    }
    Ok(())
}

/// `Target::method::<G…>(receiver, args…)`, with explicit type arguments for the method's type
/// and const parameters, unless `impl Trait` arguments forbid them.
pub fn delegate_call(m: &TraitMethod, target: &[TokenTree], receiver: &[TokenTree]) -> TokenStream {
    let params = m.item.sig.params();
    let generics = params.iter().filter_map(|p| Generic::read(p).ok());
    let types: Vec<_> = generics
        .filter(|g| !g.lifetime)
        .map(|g| Q(std::slice::from_ref(g.ident)))
        .collect();
    let mut param_tokens = m.params.iter().flat_map(|(_, ty)| *ty);
    let inferred = types.is_empty() || param_tokens.any(|tt| is_ident(tt, "impl"));
    let turbofish = (!inferred).then(|| quote!(::<#(#types),*>));
    let sep = (!receiver.is_empty() && !m.params.is_empty()).then(|| quote!(,));
    let (ident, args) = (&m.item.sig.ident, m.params.iter().map(|(ident, _)| ident));
    quote!(#(#target)*::#ident #turbofish(#(#receiver)* #sep #(#args),*))
}
