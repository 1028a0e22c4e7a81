//! The model of an entrait function: what its dependencies are, and the trait method it becomes.
//!
//! Input:  `fn greet<'a>(deps: &impl Names, id: u32, suffix: &'a str) -> String`
//! Model:  deps = Generic { bounds: `Names` }, method = `fn greet<'a>(&self, id: u32, suffix: &'a str) -> String`
//!
//! Types are kept as token streams: the generators only need to print them, and the one
//! transformation they need (renaming the deps type parameter) is done on tokens.

use proc_macro2::{Ident, Punct, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};
use syn::spanned::Spanned;

use crate::input::{is_cfg, is_doc, InputFn};

/// What the first parameter of an entrait function is.
pub enum Deps {
    /// `&impl A`, `&D` with `D: A` or unbounded, or the by-value forms `impl A` / `D`.
    Generic {
        /// The type parameter standing for the deps type in `preds` and in the signature.
        param: Ident,
        /// `deps: impl A` or `deps: D` (the method passes `&Self`).
        by_value: bool,
        /// Predicates on the deps type, written in terms of `param`.
        preds: Vec<TokenStream>,
    },
    /// `&Config`: a leaf, implemented for the concrete type.
    Concrete { ty: TokenStream },
    /// `no_deps`: every parameter becomes a method parameter.
    Absent,
}

pub struct Param {
    pub ident: Ident,
    pub ty: TokenStream,
}

/// The parts of the trait method a generator prints.
pub struct Method {
    /// Mirrored `#[cfg]` and doc attributes.
    pub attrs: Vec<syn::Attribute>,
    pub cfg_attrs: Vec<syn::Attribute>,
    pub ident: Ident,
    /// `<'a, X: Clone>` with the deps parameter removed, or empty.
    pub generics: TokenStream,
    /// Where-predicates that do not mention the deps type.
    pub where_preds: Vec<TokenStream>,
    /// `&self` / `&'a self` (`None` for `no_deps`, which still takes `&self`).
    pub receiver: TokenStream,
    /// The lifetime of the deps reference, when named (`&'a D`).
    pub deps_lifetime: Option<syn::Lifetime>,
    pub params: Vec<Param>,
    /// The declared return type (`()` when omitted, for futures).
    pub output: Option<TokenStream>,
    pub is_async: bool,
    pub is_unsafe: bool,
}

pub struct EntraitFn {
    pub deps: Deps,
    pub method: Method,
    /// The function's type and const parameters other than the deps type, with their bounds:
    /// the generated trait's parameters (`fn f<T: Default>` gives `trait F<T: Default>`).
    /// Empty unless they are lifted (a function's own trait; not modules or impl blocks).
    pub trait_generics: Vec<syn::GenericParam>,
    /// `::<_, X, N>`, the turbofish that calls the function with the trait's parameters
    /// (`_` for the deps type), when there are any: they need not occur in the arguments.
    pub turbofish: TokenStream,
    /// The trait method's signature, built once by `expand::method_sig`.
    pub sig: TokenStream,
}

/// Name used for the deps type in `&impl A`; replaced before anything is printed.
const IMPL_DEPS: &str = "__EntraitDeps";

/// Is `param` the name entrait made up for an `impl Trait` deps type (which occurs in the
/// method's signature only in where-predicates kept on the method)?
pub fn is_impl_deps(param: &Ident) -> bool {
    param == IMPL_DEPS
}

impl EntraitFn {
    /// `lift`: the type and const parameters become the trait's (`trait_generics`).
    pub fn analyze(input: &InputFn, no_deps: bool, lift: bool) -> syn::Result<Self> {
        Self::analyze_sig(&input.attrs, &input.sig, no_deps, lift)
    }

    pub fn analyze_sig(
        attrs: &[syn::Attribute],
        sig: &crate::ast::Signature,
        no_deps: bool,
        lift: bool,
    ) -> syn::Result<Self> {
        if let Some(variadic) = &sig.variadic {
            return Err(syn::Error::new(
                variadic.span(),
                "entrait functions cannot be variadic",
            ));
        }
        if let Some(crate::ast::FnArg::Receiver(receiver)) = sig.inputs.first() {
            return Err(syn::Error::new(
                receiver.span(),
                "entrait functions take their dependencies as an ordinary first parameter, not `self`: \
                 write `fn name(deps: &impl Trait, …)`; for a method in an impl block, put `#[entrait]` on the impl block",
            ));
        }

        let mut inputs = sig.inputs.iter();
        // Deps bounds that use the function's own generics (`D: Get<X>`, `D: 'a`) stay on the method.
        let mut method_deps_preds = Vec::new();
        // The one parameter type whose shape matters, parsed by syn.
        let mut deps_lifetime = None;
        let deps = if no_deps {
            Deps::Absent
        } else {
            match inputs.next() {
                Some(crate::ast::FnArg::Typed(pat_type)) => {
                    let deps_ty: syn::Type = syn::parse2(pat_type.ty.clone())?;
                    if let syn::Type::Reference(r) = &deps_ty {
                        deps_lifetime = r.lifetime.clone();
                    }
                    analyze_deps(&deps_ty, &sig.generics, &mut method_deps_preds)?
                }
                Some(crate::ast::FnArg::Receiver(_)) | None => {
                    return Err(syn::Error::new(
                        sig.paren_token.span.join(),
                        format!(
                            "`{}` has no dependencies parameter: add one as the first parameter \
                             (`deps: &impl Trait`), or write `no_deps` in the attribute if it takes none",
                            sig.ident
                        ),
                    ))
                }
            }
        };

        let mut taken: Vec<String> = vec![sig.ident.to_string(), "self".into()];
        let raw: Vec<&crate::ast::PatType> = inputs
            .map(|arg| match arg {
                crate::ast::FnArg::Typed(pat_type) => Ok(pat_type),
                crate::ast::FnArg::Receiver(r) => Err(syn::Error::new_spanned(
                    r,
                    "`self` can only be the first parameter, of a method; entrait functions take their \
                     dependencies first instead: `fn name(deps: &impl Trait, …)`",
                )),
            })
            .collect::<syn::Result<_>>()?;
        for pat_type in &raw {
            if let crate::ast::Pat::Ident { ident, .. } = &pat_type.pat {
                taken.push(ident.to_string());
            }
        }
        let params = raw
            .iter()
            .enumerate()
            .map(|(index, pat_type)| Param {
                ident: param_ident(&pat_type.pat, index + 1, &mut taken),
                ty: pat_type.ty.clone(),
            })
            .collect();

        let deps_param = match &deps {
            Deps::Generic { param, .. } => Some(param),
            _ => None,
        };
        let is_lifted = |g: &syn::GenericParam| {
            lift && match g {
                syn::GenericParam::Type(tp) => deps_param != Some(&tp.ident),
                syn::GenericParam::Const(_) => true,
                syn::GenericParam::Lifetime(_) => false,
            }
        };
        let trait_generics = sig
            .generics
            .params
            .iter()
            .filter(|g| is_lifted(g))
            .cloned()
            .collect();
        let generics = method_generics(&sig.generics, deps_param, is_lifted);
        let turbofish = if sig.generics.params.iter().any(is_lifted) {
            let args = sig.generics.params.iter().filter_map(|g| match g {
                syn::GenericParam::Type(tp) if deps_param == Some(&tp.ident) => Some(quote!(_)),
                syn::GenericParam::Type(tp) => Some(tp.ident.to_token_stream()),
                syn::GenericParam::Const(c) => Some(c.ident.to_token_stream()),
                syn::GenericParam::Lifetime(_) => None,
            });
            quote!(::<#(#args),*>)
        } else {
            TokenStream::new()
        };
        let where_preds = sig
            .generics
            .where_clause
            .iter()
            .flat_map(|w| &w.predicates)
            .filter(|pred| !deps_param.is_some_and(|p| mentions_pred(pred, p)))
            .map(ToTokens::to_token_stream)
            .chain(method_deps_preds)
            .collect();

        let receiver = quote!(&#deps_lifetime self);
        let output = sig.output.as_ref().map(|(_, ty)| ty.clone());

        Ok(EntraitFn {
            deps,
            trait_generics,
            turbofish,
            sig: TokenStream::new(),
            method: Method {
                attrs: mirrored_attrs(attrs),
                cfg_attrs: attrs.iter().filter(|a| is_cfg(a)).cloned().collect(),
                ident: sig.ident.clone(),
                generics,
                where_preds,
                receiver,
                deps_lifetime,
                params,
                output,
                is_async: sig.asyncness.is_some(),
                is_unsafe: sig.unsafety.is_some(),
            },
        })
    }
}

/// `#[cfg]` and doc attributes travel from the function to the trait method.
pub fn mirrored_attrs(attrs: &[syn::Attribute]) -> Vec<syn::Attribute> {
    attrs
        .iter()
        .filter(|a| is_cfg(a) || is_doc(a))
        .cloned()
        .collect()
}

/// `method_preds` receives the deps predicates that must stay on the method because they use
/// the function's other generic parameters (the impl cannot name them).
fn analyze_deps(
    ty: &syn::Type,
    generics: &syn::Generics,
    method_preds: &mut Vec<TokenStream>,
) -> syn::Result<Deps> {
    let (inner, by_value) = match ty {
        syn::Type::Reference(r) => {
            if let Some(mutability) = r.mutability {
                return Err(syn::Error::new(
                    mutability.span(),
                    "dependencies are shared: take them as `&`, not `&mut`",
                ));
            }
            (strip_parens(&r.elem), false)
        }
        other => (strip_parens(other), true),
    };

    if let syn::Type::ImplTrait(impl_trait) = inner {
        let param = Ident::new(IMPL_DEPS, Span::call_site());
        let mut preds = Vec::new();
        let mut split = PredSplit::new(generics, &param, by_value, &mut preds, method_preds);
        split.bounds(&TokenStream::new(), &quote!(#param), &impl_trait.bounds);
        return Ok(Deps::Generic {
            preds,
            param,
            by_value,
        });
    }

    if let Some(param) = type_param_of(inner, generics) {
        let mut preds = Vec::new();
        let mut split = PredSplit::new(generics, param, by_value, &mut preds, method_preds);
        for generic in &generics.params {
            if let syn::GenericParam::Type(tp) = generic {
                if tp.ident == *param && !tp.bounds.is_empty() {
                    split.bounds(&TokenStream::new(), &quote!(#param), &tp.bounds);
                }
            }
        }
        for pred in generics.where_clause.iter().flat_map(|w| &w.predicates) {
            match pred {
                syn::WherePredicate::Type(pt) if mentions_pred(pred, param) => {
                    let bounded = pt.bounded_ty.to_token_stream();
                    split.bounds(&pt.lifetimes.to_token_stream(), &bounded, &pt.bounds);
                }
                _ => {}
            }
        }
        return Ok(Deps::Generic {
            param: param.clone(),
            by_value,
            preds,
        });
    }

    if by_value {
        return Err(syn::Error::new(
            ty.span(),
            format!(
                "concrete dependencies are borrowed: write `&{}`, or use `impl Trait` for generic dependencies",
                ty.to_token_stream()
            ),
        ));
    }

    let ty_tokens = inner.to_token_stream();
    for generic in &generics.params {
        if let syn::GenericParam::Type(tp) = generic {
            if mentions(&ty_tokens, &tp.ident) {
                return Err(syn::Error::new(
                    inner.span(),
                    format!(
                        "the dependency type uses the type parameter `{}`: either make the dependency \
                         fully generic (`deps: &{}` with trait bounds) or fully concrete",
                        tp.ident, tp.ident
                    ),
                ));
            }
        }
    }
    Ok(Deps::Concrete { ty: ty_tokens })
}

/// Sorts the bounds on the deps type: those that only use the deps type go on the impl,
/// those that use another generic parameter of the function (`D: Get<X>`, `D: 'a`) go on the
/// method, where that parameter is in scope (written with the deps type, which becomes `Self`).
struct PredSplit<'a> {
    /// The function's generic parameters other than the deps type: idents and lifetime names.
    fn_params: Vec<Ident>,
    fn_lifetimes: Vec<Ident>,
    /// By-value deps are `&Self` in the method, so their bounds cannot be written on `Self`.
    by_value: bool,
    impl_preds: &'a mut Vec<TokenStream>,
    method_preds: &'a mut Vec<TokenStream>,
}

impl<'a> PredSplit<'a> {
    fn new(
        generics: &syn::Generics,
        deps_param: &Ident,
        by_value: bool,
        impl_preds: &'a mut Vec<TokenStream>,
        method_preds: &'a mut Vec<TokenStream>,
    ) -> Self {
        let mut fn_params = Vec::new();
        let mut fn_lifetimes = Vec::new();
        for generic in &generics.params {
            match generic {
                syn::GenericParam::Type(tp) if tp.ident != *deps_param => {
                    fn_params.push(tp.ident.clone());
                }
                syn::GenericParam::Const(cp) => fn_params.push(cp.ident.clone()),
                syn::GenericParam::Lifetime(lp) => fn_lifetimes.push(lp.lifetime.ident.clone()),
                syn::GenericParam::Type(_) => {}
            }
        }
        PredSplit {
            fn_params,
            fn_lifetimes,
            by_value,
            impl_preds,
            method_preds,
        }
    }

    /// `for<'x> bounded: b1 + b2`, split bound by bound (the whole predicate when `bounded`
    /// itself uses the function's generics).
    fn bounds<'b>(
        &mut self,
        for_lifetimes: &TokenStream,
        bounded: &TokenStream,
        bounds: impl IntoIterator<Item = &'b syn::TypeParamBound>,
    ) {
        let bounds: Vec<&syn::TypeParamBound> = bounds.into_iter().collect();
        if !self.by_value && self.uses_fn_generics(bounded) {
            self.method_preds
                .push(quote!(#for_lifetimes #bounded: #(#bounds)+*));
            return;
        }
        let (method, own): (Vec<_>, Vec<_>) = bounds
            .into_iter()
            .partition(|b| !self.by_value && self.uses_fn_generics(&b.to_token_stream()));
        if !own.is_empty() {
            self.impl_preds
                .push(quote!(#for_lifetimes #bounded: #(#own)+*));
        }
        if !method.is_empty() {
            self.method_preds
                .push(quote!(#for_lifetimes #bounded: #(#method)+*));
        }
    }

    fn uses_fn_generics(&self, tokens: &TokenStream) -> bool {
        let mut after_quote = false;
        tokens.clone().into_iter().any(|tt| {
            let found = match &tt {
                TokenTree::Ident(i) if after_quote => self.fn_lifetimes.contains(i),
                TokenTree::Ident(i) => self.fn_params.contains(i),
                TokenTree::Group(g) => self.uses_fn_generics(&g.stream()),
                TokenTree::Punct(_) | TokenTree::Literal(_) => false,
            };
            after_quote = matches!(&tt, TokenTree::Punct(p) if p.as_char() == '\'');
            found
        })
    }
}

fn strip_parens(ty: &syn::Type) -> &syn::Type {
    match ty {
        syn::Type::Paren(p) => strip_parens(&p.elem),
        syn::Type::Group(g) => strip_parens(&g.elem),
        other => other,
    }
}

fn type_param_of<'g>(ty: &syn::Type, generics: &'g syn::Generics) -> Option<&'g Ident> {
    let syn::Type::Path(type_path) = ty else {
        return None;
    };
    if type_path.qself.is_some() {
        return None;
    }
    let ident = type_path.path.get_ident()?;
    generics.params.iter().find_map(|g| match g {
        syn::GenericParam::Type(tp) if tp.ident == *ident => Some(&tp.ident),
        _ => None,
    })
}

/// The function's generics minus the deps type parameter (whose bounds move to the impl) and
/// the `lifted` ones (which move to the trait).
fn method_generics(
    generics: &syn::Generics,
    deps_param: Option<&Ident>,
    lifted: impl Fn(&syn::GenericParam) -> bool,
) -> TokenStream {
    let params: Vec<&syn::GenericParam> = generics
        .params
        .iter()
        .filter(|g| !matches!((g, deps_param), (syn::GenericParam::Type(tp), Some(d)) if tp.ident == *d))
        .filter(|g| !lifted(g))
        .collect();
    if params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#(#params),*>)
    }
}

fn mentions_pred(pred: &syn::WherePredicate, ident: &Ident) -> bool {
    match pred {
        syn::WherePredicate::Type(pt) => mentions(&pt.bounded_ty.to_token_stream(), ident),
        _ => false,
    }
}

/// Could `ident` occur in `tokens`? Searches the printed stream for the name as a whole word:
/// one call into the compiler instead of one per identifier (comparing idents stringifies them).
/// A false positive (the name inside a literal, say) only costs an unneeded rewrite.
pub fn mentions(tokens: &TokenStream, ident: &Ident) -> bool {
    contains_word(&tokens.to_string(), &ident.to_string())
}

pub fn contains_word(text: &str, word: &str) -> bool {
    let is_ident_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    text.match_indices(word).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + word.len()).copied();
        !before.is_some_and(is_ident_byte) && !after.is_some_and(is_ident_byte)
    })
}

/// Replaces every `from` ident in `tokens` with `to`.
pub fn replace_ident(tokens: &TokenStream, from: &Ident, to: &TokenStream) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .flat_map(|tt| -> TokenStream {
            match tt {
                TokenTree::Ident(i) if i == *from => to.clone(),
                TokenTree::Group(g) => {
                    let mut group = proc_macro2::Group::new(
                        g.delimiter(),
                        replace_ident(&g.stream(), from, to),
                    );
                    group.set_span(g.span());
                    TokenTree::Group(group).into()
                }
                other => other.into(),
            }
        })
        .collect()
}

/// The trait method's name for a parameter: the binding itself when it is a plain identifier,
/// otherwise (`(a, b): (i32, i32)`, `_`, a name that would shadow the function) `argN`.
/// A leading underscore is dropped, because the generated impl uses every parameter.
pub fn param_ident(pat: &crate::ast::Pat, position: usize, taken: &mut Vec<String>) -> Ident {
    if let crate::ast::Pat::Ident { ident, .. } = pat {
        let name = ident.to_string();
        let trimmed = name.trim_start_matches('_');
        if trimmed == name && !is_first_taken(taken, &name) {
            return ident.clone();
        }
        if !trimmed.is_empty()
            && !taken.iter().any(|t| t == trimmed)
            && syn::parse_str::<Ident>(trimmed).is_ok()
        {
            taken.push(trimmed.to_string());
            return Ident::new(trimmed, ident.span());
        }
    }
    let mut n = position;
    loop {
        let candidate = format!("arg{n}");
        if !taken.contains(&candidate) {
            taken.push(candidate.clone());
            return format_ident!("{}", candidate, span = pat.span());
        }
        n += 100;
    }
}

/// A parameter named like the function (or `self`) would shadow the call in the generated impl.
fn is_first_taken(taken: &[String], name: &str) -> bool {
    taken.iter().take(2).any(|t| t == name)
}

/// Are these the same tokens? Punctuation by character (and by spacing where the spacing makes
/// an operator, see `spacing_matters`), the rest as printed. Both expansion paths compare bound
/// lists and concrete dependency types with this, so that they agree on what is a repetition
/// whether the tokens are the user's or re-printed by syn (which writes `Vec<Vec<u8>>` as
/// `Vec < Vec < u8 > >`).
pub fn same_tokens(a: &[TokenTree], b: &[TokenTree]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).enumerate().all(|(i, (x, y))| match (x, y) {
            (TokenTree::Punct(p), TokenTree::Punct(q)) => {
                p.as_char() == q.as_char()
                    && (p.spacing() == q.spacing()
                        || !spacing_matters(p, a.get(i + 1)) && !spacing_matters(q, b.get(i + 1)))
            }
            (TokenTree::Ident(_), TokenTree::Ident(_))
            | (TokenTree::Literal(_), TokenTree::Literal(_))
            | (TokenTree::Group(_), TokenTree::Group(_)) => x.to_string() == y.to_string(),
            _ => false,
        })
}

/// Does the compiler read the spacing of `punct` (followed by `next`)? Only where the two make
/// an operator (`::`, `->`, `==`, …); `<`, `>` and `&`, which a type may write either way
/// (`>>` or `> >`), are split by the parser anyway.
pub fn spacing_matters(punct: &Punct, next: Option<&TokenTree>) -> bool {
    const OPERATORS: &[&str] = &[
        "::", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "^=",
        "&=", "|=", "<<", ">>", "..", "<-",
    ];
    match next {
        Some(TokenTree::Punct(next)) if !matches!(punct.as_char(), '<' | '>' | '&') => {
            let pair = [punct.as_char(), next.as_char()];
            OPERATORS.iter().any(|op| op.chars().eq(pair))
        }
        _ => false,
    }
}
