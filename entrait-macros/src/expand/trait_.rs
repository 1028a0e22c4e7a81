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

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};

use super::dyn_async;
use super::{impl_param, mock_attrs, MockApi};
use crate::args::{check_applicable, Args, DelegateBy, Kind};
use crate::ast::{ItemTrait, TraitItem};
use crate::input::{is_async_trait, is_cfg};
use crate::model::{param_ident, FnArg, Generic, MethodSig, TraitItemFn};
use crate::tokens::{is_ident, is_punct, trees};

/// The four delegation modes.
enum Mode<'a> {
    /// `impl<T: Tr> Tr for Impl<T>`.
    SelfTrait,
    /// `impl<T: AsRef<dyn Tr>> Tr for Impl<T>`.
    Ref,
    /// `TrImpl<T>` + `DelegateTr<T>`.
    Selector { imp: &'a Ident, selector: &'a Ident },
    /// dyn-compatible `TrImpl<T>`.
    RefInverted { imp: &'a Ident },
}

/// A method of the trait, ready to be re-declared or delegated.
pub struct TraitMethod<'a> {
    pub item: &'a TraitItemFn,
    /// Parameter names used by generated code (the declared patterns may be `_`).
    pub params: Vec<(Ident, &'a TokenStream)>,
    pub cfgs: &'a [TokenStream],
}

pub fn expand(args: &Args, item: &ItemTrait, tokens: &TokenStream) -> syn::Result<TokenStream> {
    check_applicable(args, Kind::Trait)?;
    if let Some(vis) = args.trait_vis.first() {
        return Err(syn::Error::new(
            vis.span(),
            "the traits entrait generates for a trait take that trait's visibility: remove this visibility",
        ));
    }
    let mode = mode(args, item)?;
    let async_trait = item.attrs.iter().find(|a| is_async_trait(a));
    // Under `#[async_trait]` the trait is left for that macro; otherwise `async fn` becomes
    // `fn -> impl Future (+ Send)`, which is what every generated impl then implements.
    let desugared = match async_trait {
        Some(_) => None,
        None => dyn_async::desugar_trait(item, !args.maybe_send()),
    };
    let item = desugared.as_ref().unwrap_or(item);
    // The trait as written, unless it was rewritten. A leaf `delegate_by = ref` trait's future
    // methods are declared `where Self: Sized` (see `dyn_async::sized_futures`).
    let sized = match (&mode, async_trait) {
        (Mode::Ref, None) => dyn_async::sized_futures(item),
        _ => None,
    };
    let rewritten = sized.as_ref().or(desugared.as_ref());
    let emitted = rewritten.map_or_else(|| tokens.clone(), ToTokens::to_token_stream);
    let cx = Cx::new(args, item, tokens, async_trait)?;
    let d = match mode {
        Mode::SelfTrait => cx.self_trait(),
        Mode::Ref => cx.by_ref()?,
        Mode::Selector { imp, selector } => cx.selector(imp, selector)?,
        Mode::RefInverted { imp } => cx.ref_inverted(imp)?,
    };

    let (t, impl_t, trait_path) = (&cx.t, &cx.impl_t, &cx.trait_path);
    let (_, _, where_clause) = item.generics.split_for_impl();
    let mut preds = vec![d.t_bound];
    let where_preds = where_clause.iter().flat_map(|w| &w.predicates);
    preds.extend(where_preds.map(ToTokens::to_token_stream));
    let supertraits = &item.supertraits;
    if !supertraits.is_empty() {
        preds.push(quote!(Self: #supertraits));
    }
    if d.sync {
        preds.push(quote!(#t: ::core::marker::Sync));
    }
    let target = &d.target;
    let assoc_impls = item.items.iter().filter_map(|i| match i {
        TraitItem::Type(ty) => {
            let cfgs = ty.attrs.iter().filter(|a| is_cfg(a));
            let ident = &ty.ident;
            let (gen_impl, gen_ty, gen_where) = ty.generics.split_for_impl();
            Some(quote!(#(#cfgs)* type #ident #gen_impl = #target::#ident #gen_ty #gen_where;))
        }
        TraitItem::Const(c) => {
            let cfgs = c.attrs.iter().filter(|a| is_cfg(a));
            let (ident, ty) = (&c.ident, &c.ty);
            Some(quote!(#(#cfgs)* const #ident: #ty = #target::#ident;))
        }
        _ => None,
    });

    // Asked for, unimock gets every trait (and reports what it cannot mock); brought in by
    // the feature alone, only the traits it can mock.
    let unimock = args.unimock() || args.feature_mocks_trait() && unimock_can_mock(item);
    let mocks = mock_attrs(args, unimock, MockApi::Module);
    let unsafety = &item.unsafety;
    // `impl<T: Bound> Tr for Impl<T>` when that is the only bound, as a person writes it.
    let header = match preds.as_slice() {
        [t_bound] if item.generics.params.is_empty() => {
            quote!(#unsafety impl<#t_bound> #trait_path for #impl_t)
        }
        _ => {
            let (imp_impl_generics, _, _) = cx.imp_generics.split_for_impl();
            quote!(#unsafety impl #imp_impl_generics #trait_path for #impl_t where #(#preds),*)
        }
    };
    let (declared, methods, reapply) = (&d.declared, &d.methods, &cx.async_trait);
    Ok(quote! {
        #mocks
        #emitted
        #declared
        #reapply
        #header {
            #(#assoc_impls)*
            #(#methods)*
        }
    })
}

/// What every delegation mode reads.
struct Cx<'a> {
    args: &'a Args,
    item: &'a ItemTrait,
    methods: Vec<TraitMethod<'a>>,
    /// The application type parameter of the `Impl<T>` impl.
    t: Ident,
    impl_t: TokenStream,
    /// `Tr<G…>`.
    trait_path: TokenStream,
    /// The trait's generics and `T`: the generated traits' parameters, and the impl's.
    imp_generics: syn::Generics,
    /// `#[async_trait]` as written, re-applied to every generated trait and impl.
    async_trait: Option<TokenStream>,
}

/// What a delegation mode makes of the trait.
struct Delegation {
    /// The bound that selects the implementation: `T: Tr`, `T: AsRef<dyn Tr>`, `T: DelegateTr<T>`…
    t_bound: TokenStream,
    /// The type whose methods the `Impl<T>` methods call: `<T as Tr>`, `<dyn Tr as Tr>`…
    target: TokenStream,
    /// The methods of `impl Tr for Impl<T>`.
    methods: Vec<TokenStream>,
    /// Traits declared beside the user's: `TrImpl<T>`, `DelegateTr<T>`, `DynTr`.
    declared: TokenStream,
    /// The impl also needs `T: Sync` (a boxed `Send` future borrows `&Impl<T>`).
    sync: bool,
}

impl<'a> Cx<'a> {
    fn new(
        args: &'a Args,
        item: &'a ItemTrait,
        tokens: &TokenStream,
        async_trait: Option<&syn::Attribute>,
    ) -> syn::Result<Self> {
        let t = impl_param(tokens);
        let trait_ident = &item.ident;
        let (_, ty_generics, _) = item.generics.split_for_impl();
        let mut imp_generics = item.generics.clone();
        imp_generics
            .params
            .push(syn::GenericParam::Type(t.clone().into()));
        Ok(Cx {
            args,
            item,
            methods: collect_methods(item)?,
            impl_t: quote!(::entrait::Impl<#t>),
            trait_path: quote!(#trait_ident #ty_generics),
            imp_generics,
            t,
            async_trait: async_trait.map(ToTokens::to_token_stream),
        })
    }

    /// `impl<T: Tr> Tr for Impl<T>`: each method calls `T`'s.
    fn self_trait(&self) -> Delegation {
        let (t, trait_path) = (&self.t, &self.trait_path);
        let target = quote!(<#t as #trait_path>);
        let methods = self.delegate(|m| {
            let receiver = match m.item.sig.receiver() {
                // `&Impl<T>` and `&mut Impl<T>` coerce to `&T` and `&mut T`.
                Some(r) if r.reference.is_some() => quote!(self),
                Some(_) => quote!(::entrait::Impl::into_inner(self)),
                None => TokenStream::new(),
            };
            delegate_call(m, &target, receiver)
        });
        Delegation {
            t_bound: quote!(#t: #trait_path),
            target,
            methods,
            declared: TokenStream::new(),
            sync: false,
        }
    }

    /// `impl<T: AsRef<dyn Tr>> Tr for Impl<T>`, or through the companion `DynTr` when the trait
    /// has future methods (`dyn_async::companion`).
    fn by_ref(&self) -> syn::Result<Delegation> {
        check_receivers(&self.methods, "`delegate_by = ref`")?;
        let t = &self.t;
        let has_future = self.async_trait.is_none()
            && self
                .methods
                .iter()
                .any(|m| dyn_async::future_sig(&m.item.sig).is_some());
        let mut declared = TokenStream::new();
        let dyn_trait = if has_future {
            let companion = format_ident!("Dyn{}", self.item.ident);
            declared =
                dyn_async::companion(self.item, &companion, &self.methods, t, &self.imp_generics);
            let (_, ty_generics, _) = self.item.generics.split_for_impl();
            quote!(#companion #ty_generics)
        } else {
            self.trait_path.clone()
        };
        let target = quote!(<dyn #dyn_trait as #dyn_trait>);
        let as_ref = quote!(<#t as ::core::convert::AsRef<dyn #dyn_trait>>::as_ref(self));
        let methods = self.delegate(|m| {
            if !has_future {
                delegate_call(m, &target, as_ref.clone())
            } else if dyn_async::future_sig(&m.item.sig).is_some() {
                dyn_async::call_boxed(m, &target, &as_ref, None)
            } else {
                let ident = dyn_async::companion_method(&m.item.sig.ident);
                let args = m.params.iter().map(|(i, _)| i);
                quote!(#target::#ident(#as_ref #(, #args)*))
            }
        });
        Ok(Delegation {
            t_bound: quote!(#t: ::core::convert::AsRef<dyn #dyn_trait>),
            target,
            methods,
            declared,
            sync: self.boxed_calls_borrow_impl(),
        })
    }

    /// `TrImpl<T>` (associated functions taking `&Impl<T>`) and `DelegateTr<T>`; `Impl<T>: Tr`
    /// calls `T::Target`'s.
    fn selector(&self, imp: &Ident, selector: &Ident) -> syn::Result<Delegation> {
        check_receivers(&self.methods, &format!("`delegate_by = {selector}`"))?;
        let (t, vis, trait_ident) = (&self.t, &self.item.vis, &self.item.ident);
        let (imp_generics, imp_args, where_clause) = self.imp_generics.split_for_impl();
        let imp_path = quote!(#imp #imp_args);
        let decls = self.methods.iter();
        let decls = decls.map(|m| impl_trait_decl(m, &self.impl_t, false));
        let imp_doc = format!(
            "The implementation side of [`{trait_ident}`]: implement it (with `#[entrait] impl {imp} for MyType`) \
             and select the implementation with [`{selector}`]."
        );
        let imp_trait = self.imp_trait(imp, imp_doc, TokenStream::new(), decls);
        let selector_doc =
            format!("Selects the [`{imp}`] that `Impl<T>` delegates [`{trait_ident}`] to.");
        let declared = quote! {
            #imp_trait
            #[doc = #selector_doc]
            #vis trait #selector #imp_generics #where_clause {
                /// The type implementing the trait for this application.
                type Target: #imp_path;
            }
        };
        let target = quote!(<<#t as #selector #imp_args>::Target as #imp_path>);
        let methods = self.delegate(|m| delegate_call(m, &target, quote!(self)));
        Ok(Delegation {
            t_bound: quote!(#t: #selector #imp_args),
            target,
            methods,
            declared,
            sync: false,
        })
    }

    /// A dyn-compatible `TrImpl<T>` (methods take `&self` and `&Impl<T>`, future methods boxed);
    /// `Impl<T>: Tr` where `T: AsRef<dyn TrImpl<T>>`.
    fn ref_inverted(&self, imp: &Ident) -> syn::Result<Delegation> {
        check_receivers(&self.methods, "`delegate_by = ref`")?;
        let (t, item, reapply) = (&self.t, self.item, &self.async_trait);
        let (_, imp_args, _) = self.imp_generics.split_for_impl();
        let imp_path = quote!(#imp #imp_args);
        let decls = self
            .methods
            .iter()
            .map(|m| match dyn_async::future_sig(&m.item.sig) {
                Some(future) if reapply.is_none() => {
                    dyn_async::inverted_decl(m, &self.impl_t, &future)
                }
                _ => impl_trait_decl(m, &self.impl_t, true),
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
        let trait_ident = &item.ident;
        let imp_doc = format!(
            "The dyn-compatible implementation side of [`{trait_ident}`]: implement it (with \
             `#[entrait(ref)] impl {imp} for MyType`) and select it with `impl AsRef<dyn {imp}<Self>> for App`."
        );
        let declared = self.imp_trait(imp, imp_doc, quote!(: 'static #(+ #auto)*), decls);
        // Under `#[async_trait]` the boxed future holds the `&dyn` and the `&Impl<T>` across its
        // await: both must be `Sync` for it to be `Send`, as in the published form
        // `T: Sync + 'static + AsRef<dyn TrImpl<T> + Sync>`.
        let sync = reapply.is_some() && !self.args.maybe_send();
        let dyn_sync = sync.then(|| quote!(+ ::core::marker::Sync));
        let dyn_imp = quote!(dyn #imp_path #dyn_sync);
        let target = quote!(<dyn #imp_path as #imp_path>);
        let as_ref = quote!(<#t as ::core::convert::AsRef<#dyn_imp>>::as_ref(self));
        let methods = self.delegate(|m| match dyn_async::future_sig(&m.item.sig) {
            Some(_) if reapply.is_none() => {
                dyn_async::call_boxed(m, &target, &as_ref, Some(quote!(self)))
            }
            _ => delegate_call(m, &target, quote!(#as_ref, self)),
        });
        Ok(Delegation {
            t_bound: quote!(#t: ::core::convert::AsRef<#dyn_imp> + 'static #dyn_sync),
            target,
            methods,
            declared,
            sync: self.boxed_calls_borrow_impl(),
        })
    }

    /// Does a boxed `Send` call wrap its future in an `async move` block that borrows
    /// `&Impl<T>` (`dyn_async::call_boxed`)? Then the impl needs `T: Sync`.
    fn boxed_calls_borrow_impl(&self) -> bool {
        self.async_trait.is_none()
            && self.methods.iter().any(|m| {
                dyn_async::future_sig(&m.item.sig).is_some_and(|f| f.send)
                    && dyn_async::needs_wrapper(m)
            })
    }

    /// `trait TrImpl<G…, T>`, the implementation side: the associated items and `decls`.
    fn imp_trait(
        &self,
        imp: &Ident,
        doc: String,
        supertraits: TokenStream,
        decls: impl Iterator<Item = TokenStream>,
    ) -> TokenStream {
        let (item, reapply) = (self.item, &self.async_trait);
        let (imp_generics, _, where_clause) = self.imp_generics.split_for_impl();
        let assoc = assoc_decls(item, &self.t);
        let (vis, unsafety) = (&item.vis, &item.unsafety);
        quote! {
            #[doc = #doc]
            #reapply
            #vis #unsafety trait #imp #imp_generics #supertraits #where_clause {
                #(#assoc)*
                #(#decls)*
            }
        }
    }

    /// The methods of `impl Tr for Impl<T>`, calling what `body` says.
    fn delegate(&self, body: impl Fn(&TraitMethod) -> TokenStream) -> Vec<TokenStream> {
        let methods = self.methods.iter();
        methods
            .map(|m| self.delegating_method(m, body(m)))
            .collect()
    }

    /// A method of `impl Tr for Impl<T>`. Under `#[async_trait]` an `async fn` stays
    /// `async fn` and awaits the target; every other method returns the target's value (or
    /// future) as it is: no extra state machine, no box.
    fn delegating_method(&self, m: &TraitMethod, call: TokenStream) -> TokenStream {
        let cfgs = &m.cfgs;
        let sig = impl_sig(m);
        if m.item.sig.is_async && self.async_trait.is_some() {
            return quote!(#(#cfgs)* #sig { #call.await });
        }
        let call = if m.item.sig.is_unsafe {
            quote!(unsafe { #call })
        } else {
            call
        };
        quote!(#(#cfgs)* #sig { #call })
    }
}

/// Can `#[unimock]` implement this trait with no more than entrait gives it? Not when it has
/// associated types, or consts without a default (their values would go in the attribute), nor
/// an associated function without a receiver and a default body.
fn unimock_can_mock(item: &ItemTrait) -> bool {
    item.items.iter().all(|i| match i {
        TraitItem::Fn(f) => f.has_default() || f.sig.receiver().is_some(),
        TraitItem::Const(c) => c.default.is_some(),
        TraitItem::Type(_) | TraitItem::Other(_) => false,
    })
}

fn mode<'a>(args: &'a Args, item: &ItemTrait) -> syn::Result<Mode<'a>> {
    let delegate_by = args.delegate_by();
    match (delegate_by, &args.trait_ident) {
        (None | Some(DelegateBy::SelfTrait), None) => Ok(Mode::SelfTrait),
        (Some(DelegateBy::Ref), None) => Ok(Mode::Ref),
        (Some(DelegateBy::Custom(selector)), Some(imp)) => Ok(Mode::Selector { imp, selector }),
        (Some(DelegateBy::Ref), Some(imp)) => Ok(Mode::RefInverted { imp }),
        (Some(DelegateBy::Custom(selector)), None) => Err(syn::Error::new(
            selector.span(),
            format!(
                "`delegate_by = {selector}` needs the name of the implementation trait to generate: \
                 `#[entrait({}Impl, delegate_by = {selector})]`",
                item.ident
            ),
        )),
        (Some(DelegateBy::SelfTrait), Some(imp)) => Err(syn::Error::new(
            imp.span(),
            format!(
                "`delegate_by = Self` generates no implementation trait, so `{imp}` has nothing to name: \
                 remove `{imp}`, or choose `delegate_by = Delegate{}` or `delegate_by = ref` for an inverted dependency",
                item.ident
            ),
        )),
        (None, Some(imp)) => Err(syn::Error::new(
            imp.span(),
            format!(
                "a trait name in `#[entrait]` on a trait names the implementation trait of an inverted \
                 dependency: add `delegate_by = Delegate{}` or `delegate_by = ref`, or remove `{imp}`",
                item.ident
            ),
        )),
    }
}

fn collect_methods(item: &ItemTrait) -> syn::Result<Vec<TraitMethod<'_>>> {
    let message = "entrait cannot see the items a macro expands to: write the trait's items out";
    item.items
        .iter()
        .filter_map(|trait_item| match trait_item {
            TraitItem::Fn(f) => Some(trait_method(f)),
            TraitItem::Other(m) => Some(Err(syn::Error::new_spanned(m, message))),
            _ => None,
        })
        .collect()
}

fn trait_method(item: &TraitItemFn) -> syn::Result<TraitMethod<'_>> {
    let sig = &item.sig;
    if let Some(r) = sig.receiver().filter(|r| r.typed) {
        return Err(syn::Error::new_spanned(
            &r.tokens,
            "entrait delegates methods taking `&self`, `&mut self` or `self`; a typed receiver like this cannot be delegated",
        ));
    }
    let mut taken = vec![sig.ident.to_string(), "self".into()];
    let mut params = Vec::new();
    for (index, arg) in sig.inputs.iter().enumerate() {
        if let FnArg::Typed(pat_type) = arg {
            if let Some(span) = bare_self(&trees(pat_type.ty.clone())) {
                return Err(bare_self_error(span));
            }
            let binding = pat_type.binding.as_ref().map(|b| (b, b.to_string()));
            let ident = param_ident(binding, pat_type.span, index, &mut taken);
            params.push((ident, &pat_type.ty));
        }
    }
    if let Some(ty) = sig.output_ty() {
        if let Some(span) = bare_self(ty) {
            return Err(bare_self_error(span));
        }
    }
    Ok(TraitMethod {
        item,
        params,
        cfgs: &item.cfgs,
    })
}

fn bare_self_error(span: Span) -> syn::Error {
    syn::Error::new(
        span,
        "entrait cannot delegate a method that takes or returns `Self` itself (only `self` receivers and `Self::Assoc` types can be delegated)",
    )
}

/// `Self` not followed by `::` (so not an associated item path).
fn bare_self(tts: &[TokenTree]) -> Option<Span> {
    tts.iter().enumerate().find_map(|(i, tt)| match tt {
        TokenTree::Ident(ident) if ident == "Self" => {
            let assoc = tts.get(i + 1).is_some_and(|t| is_punct(t, ':'));
            (!assoc).then(|| ident.span())
        }
        TokenTree::Group(g) => bare_self(&trees(g.stream())),
        _ => None,
    })
}

fn check_receivers(methods: &[TraitMethod], mode: &str) -> syn::Result<()> {
    for m in methods {
        let sig = &m.item.sig;
        if !sig
            .receiver()
            .is_some_and(|r| r.reference.is_some() && !r.mutability)
        {
            let message = format!(
                "with {mode}, every method takes `&self`: the call goes through a shared reference"
            );
            return Err(match sig.receiver() {
                Some(receiver) => syn::Error::new_spanned(&receiver.tokens, message),
                None => syn::Error::new_spanned(&sig.ident, message),
            });
        }
    }
    Ok(())
}

/// Associated types and consts re-declared in `TrImpl<T>`.
fn assoc_decls(item: &ItemTrait, t: &Ident) -> Vec<TokenStream> {
    item.items
        .iter()
        .filter_map(|i| match i {
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
        })
        .collect()
}

/// `Target::method::<G…>(receiver, args…)`, with explicit type arguments where they can be given.
pub fn delegate_call(m: &TraitMethod, target: &TokenStream, receiver: TokenStream) -> TokenStream {
    let ident = &m.item.sig.ident;
    let turbofish = turbofish(&m.item.sig);
    let args = m.params.iter().map(|(ident, _)| ident);
    if receiver.is_empty() {
        quote!(#target::#ident #turbofish(#(#args),*))
    } else {
        quote!(#target::#ident #turbofish(#receiver #(, #args)*))
    }
}

/// `::<A, B>` for the method's type and const parameters, unless `impl Trait` arguments forbid it.
fn turbofish(sig: &MethodSig) -> TokenStream {
    let has_apit = sig.inputs.iter().any(|arg| match arg {
        FnArg::Typed(pt) => pt.ty.clone().into_iter().any(|tt| is_ident(&tt, "impl")),
        _ => false,
    });
    let params = sig
        .params()
        .into_iter()
        .filter_map(|p| Generic::read(p).ok());
    let args: Vec<&TokenTree> = params.filter(|g| !g.lifetime).map(|g| g.ident).collect();
    if has_apit || args.is_empty() {
        TokenStream::new()
    } else {
        quote!(::<#(#args),*>)
    }
}

/// The method's signature with the parameter patterns replaced by the generated names.
pub fn impl_sig(m: &TraitMethod) -> MethodSig {
    let mut sig = m.item.sig.clone();
    let mut names = m.params.iter();
    for arg in sig.inputs.iter_mut() {
        match arg {
            FnArg::Typed(pat_type) => {
                if let Some((ident, _)) = names.next() {
                    pat_type.pat = ident.to_token_stream();
                }
            }
            // `mut self` binds mutably in the declaration's default body only.
            FnArg::Receiver(r) if r.reference.is_none() => {
                let tokens = std::mem::take(&mut r.tokens).into_iter();
                r.tokens = tokens.filter(|t| !is_ident(t, "mut")).collect();
            }
            _ => {}
        }
    }
    sig
}

/// A method of `TrImpl<T>`: the receiver becomes `_impl: &Impl<T>` (after `&self` when `dyn_self`).
fn impl_trait_decl(m: &TraitMethod, impl_t: &TokenStream, dyn_self: bool) -> TokenStream {
    let mut sig = impl_sig(m);
    let lifetime = sig.receiver().and_then(|r| r.reference.clone());
    let mut inputs = vec![FnArg::Written(quote!(_impl: &#lifetime #impl_t))];
    if dyn_self {
        inputs.insert(0, FnArg::Written(quote!(&self)));
    }
    inputs.extend(sig.inputs.drain(..).skip(1));
    sig.inputs = inputs;
    let attrs = &m.item.mirrored;
    quote!(#(#attrs)* #sig;)
}
