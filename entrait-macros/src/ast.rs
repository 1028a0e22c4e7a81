//! The syntax entrait reads, parsed on top of syn's `derive`-level parsers.
//!
//! syn's `full` feature (items, statements, expressions, patterns) roughly doubles syn's build
//! time, and entrait needs none of it: it reads signatures, trait and impl shells and item
//! boundaries, and keeps function bodies, default bodies, const values, parameters and return
//! types as unparsed tokens. Types, generics, where clauses, attributes and visibilities are syn's.
//! The names mirror syn's so the rest of the macro reads as usual.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::{quote, ToTokens, TokenStreamExt};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{token, Attribute, Generics, Ident, Token, Type, TypeParamBound, Visibility};

use crate::tokens::{
    is_ident, is_punct, item_end, item_kind, outer_attrs, visibility, word, ItemKind,
};

// ---- signatures ------------------------------------------------------------------------------

/// `const async unsafe extern "C" fn name<G>(args) -> R where …`
#[derive(Clone)]
pub struct Signature {
    pub constness: Option<Token![const]>,
    pub asyncness: Option<Token![async]>,
    pub unsafety: Option<Token![unsafe]>,
    pub abi: Option<(Token![extern], Option<syn::LitStr>)>,
    pub fn_token: Token![fn],
    pub ident: Ident,
    /// Includes the where clause, which follows the output.
    pub generics: Generics,
    pub paren_token: token::Paren,
    pub inputs: Punctuated<FnArg, Token![,]>,
    /// `-> Type`, the type as unparsed tokens (parsed on demand where its shape matters).
    pub output: Option<(Token![->], TokenStream)>,
}

#[derive(Clone)]
pub enum FnArg {
    Receiver(Receiver),
    Typed(PatType),
}

/// `self`, `mut self`, `&self`, `&'a mut self`, or a typed `self: Box<Self>`, as written.
#[derive(Clone)]
pub struct Receiver {
    pub tokens: TokenStream,
    /// `&` or `&'a`: `Some` of the lifetime's tokens (empty when elided).
    pub reference: Option<TokenStream>,
    /// The `mut` of `&mut self`, or the binding's of `mut self`.
    pub mutability: bool,
    pub typed: bool,
}

/// A parameter as tokens: entrait prints it back as it is, with a generated name at most.
#[derive(Clone)]
pub struct PatType {
    pub attrs: TokenStream,
    pub pat: TokenStream,
    /// `ref? mut? name`: the name, which entrait can reuse.
    pub binding: Option<Ident>,
    pub ty: TokenStream,
}

impl Signature {
    pub fn receiver(&self) -> Option<&Receiver> {
        match self.inputs.first() {
            Some(FnArg::Receiver(r)) => Some(r),
            _ => None,
        }
    }
}

impl Parse for Signature {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let content;
        let mut sig = Signature {
            constness: input.parse()?,
            asyncness: input.parse()?,
            unsafety: input.parse()?,
            abi: match input.peek(Token![extern]) {
                true => Some((input.parse()?, input.parse()?)),
                false => None,
            },
            fn_token: input.parse()?,
            ident: input.call(Ident::parse_any)?,
            generics: input.parse()?,
            paren_token: syn::parenthesized!(content in input),
            inputs: Punctuated::new(),
            output: None,
        };
        let params = crate::tokens::trees(content.parse()?);
        for param in crate::model::raw_params(&params) {
            if let Some(span) = param.variadic {
                let message = "variadic methods cannot be delegated";
                return Err(syn::Error::new(span, message));
            }
            sig.inputs.push(fn_arg(&param)?);
        }
        if input.peek(Token![->]) {
            sig.output = Some((input.parse()?, type_tokens(input)?));
        }
        sig.generics.where_clause = input.parse()?;
        Ok(sig)
    }
}

/// A return type as tokens: everything up to `where`, a body or `;` outside `<…>`. Scanning instead of parsing is what keeps signatures cheap: syn's type parser
/// costs tens of thousands of instructions per type in an unoptimized macro build.
fn type_tokens(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    let mut depth = 0usize;
    let mut after_dash = false;
    while !input.is_empty() {
        if depth == 0
            && (input.peek(token::Brace) || input.peek(Token![;]) || input.peek(Token![where]))
        {
            break;
        }
        let tt: TokenTree = input.parse()?;
        let dash = match &tt {
            TokenTree::Punct(p) => {
                match p.as_char() {
                    '<' => depth += 1,
                    // `->` in `Fn(A) -> B` is not a closing bracket.
                    '>' if !after_dash => depth = depth.saturating_sub(1),
                    _ => {}
                }
                p.as_char() == '-' && p.spacing() == proc_macro2::Spacing::Joint
            }
            _ => false,
        };
        after_dash = dash;
        tokens.append(tt);
    }
    if tokens.is_empty() {
        return Err(input.error("expected a type"));
    }
    Ok(tokens)
}

impl Parse for FnArg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let trees = crate::tokens::trees(input.parse()?);
        match crate::model::raw_params(&trees).first() {
            Some(param) => fn_arg(param),
            None => Err(input.error("expected a parameter")),
        }
    }
}

/// A parameter read by `crate::model::raw_params`: a receiver, or a pattern and a type, all
/// kept as tokens.
fn fn_arg(param: &crate::model::RawParam) -> syn::Result<FnArg> {
    let stream = |trees: &[TokenTree]| crate::tokens::stream(trees.to_vec());
    if param.receiver {
        let pat = param.pat;
        let mut tokens = stream(param.attrs);
        tokens.extend(stream(pat));
        if let Some(ty) = param.ty {
            tokens.extend(quote!(: #(#ty)*));
        }
        let reference = is_punct(&pat[0], '&').then(|| match pat {
            [_, q, _, ..] if is_punct(q, '\'') => stream(&pat[1..3]),
            _ => TokenStream::new(),
        });
        return Ok(FnArg::Receiver(Receiver {
            tokens,
            reference,
            mutability: pat.iter().any(|t| is_ident(t, "mut")),
            typed: param.ty.is_some(),
        }));
    }
    let Some(ty) = param.ty else {
        return Err(crate::tokens::error(param.pat, "expected `pattern: Type`"));
    };
    Ok(FnArg::Typed(PatType {
        attrs: stream(param.attrs),
        pat: stream(param.pat),
        binding: param.binding.as_ref().map(|(ident, _)| (*ident).clone()),
        ty: stream(ty),
    }))
}

impl ToTokens for Signature {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.constness.to_tokens(tokens);
        self.asyncness.to_tokens(tokens);
        self.unsafety.to_tokens(tokens);
        if let Some((extern_token, name)) = &self.abi {
            extern_token.to_tokens(tokens);
            name.to_tokens(tokens);
        }
        self.fn_token.to_tokens(tokens);
        self.ident.to_tokens(tokens);
        self.generics.to_tokens(tokens);
        self.paren_token
            .surround(tokens, |tokens| self.inputs.to_tokens(tokens));
        if let Some((arrow, ty)) = &self.output {
            arrow.to_tokens(tokens);
            ty.to_tokens(tokens);
        }
        self.generics.where_clause.to_tokens(tokens);
    }
}

impl ToTokens for FnArg {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            FnArg::Receiver(r) => r.tokens.to_tokens(tokens),
            FnArg::Typed(t) => {
                let (attrs, pat, ty) = (&t.attrs, &t.pat, &t.ty);
                tokens.extend(quote!(#attrs #pat: #ty));
            }
        }
    }
}

// ---- traits ----------------------------------------------------------------------------------

#[derive(Clone)]
pub struct ItemTrait {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub unsafety: Option<Token![unsafe]>,
    pub auto_token: Option<Token![auto]>,
    pub trait_token: Token![trait],
    pub ident: Ident,
    /// Includes the where clause.
    pub generics: Generics,
    pub supertraits: Punctuated<TypeParamBound, Token![+]>,
    pub brace_token: token::Brace,
    pub inner_attrs: Vec<Attribute>,
    pub items: Vec<TraitItem>,
}

#[derive(Clone)]
pub enum TraitItem {
    Fn(TraitItemFn),
    Type(AssocType),
    Const(TraitItemConst),
    /// A macro invocation or anything else entrait cannot read.
    Other(TokenStream),
}

#[derive(Clone)]
pub struct TraitItemFn {
    pub attrs: Vec<Attribute>,
    pub sig: Signature,
    /// The default body, unparsed.
    pub default: Option<TokenTree>,
    pub semi_token: Option<Token![;]>,
}

/// `const NAME: Type = default;` with the default value unparsed.
#[derive(Clone)]
pub struct TraitItemConst {
    pub attrs: Vec<Attribute>,
    pub const_token: Token![const],
    pub ident: Ident,
    pub colon_token: Token![:],
    pub ty: Type,
    pub default: Option<(Token![=], TokenStream)>,
    pub semi_token: Token![;],
}

/// `: A + B`, or nothing.
fn colon_bounds(input: ParseStream) -> syn::Result<Punctuated<TypeParamBound, Token![+]>> {
    let mut bounds = Punctuated::new();
    if input.parse::<Option<Token![:]>>()?.is_none() {
        return Ok(bounds);
    }
    while !input.is_empty()
        && !input.peek(token::Brace)
        && !input.peek(Token![where])
        && !input.peek(Token![;])
        && !input.peek(Token![=])
    {
        bounds.push_value(input.parse()?);
        if !input.peek(Token![+]) {
            break;
        }
        bounds.push_punct(input.parse()?);
    }
    Ok(bounds)
}

impl Parse for ItemTrait {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut item = ItemTrait {
            attrs: input.call(Attribute::parse_outer)?,
            vis: input.parse()?,
            unsafety: input.parse()?,
            auto_token: input.parse()?,
            trait_token: input.parse()?,
            ident: input.parse()?,
            generics: input.parse()?,
            supertraits: colon_bounds(input)?,
            brace_token: Default::default(),
            inner_attrs: Vec::new(),
            items: Vec::new(),
        };
        item.generics.where_clause = input.parse()?;
        (item.brace_token, item.inner_attrs, item.items) =
            parse_body(input, |kind, tokens| match kind {
                (ItemKind::Fn, _) => syn::parse2(tokens).map(TraitItem::Fn),
                (_, Some("type")) => syn::parse2(tokens).map(TraitItem::Type),
                (_, Some("const")) => syn::parse2(tokens).map(TraitItem::Const),
                _ => Ok(TraitItem::Other(tokens)),
            })?;
        Ok(item)
    }
}

impl Parse for TraitItemFn {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let (attrs, sig) = (input.call(Attribute::parse_outer)?, input.parse()?);
        let (default, semi_token) = match input.peek(token::Brace) {
            true => (Some(input.parse()?), None),
            false => (None, Some(input.parse()?)),
        };
        Ok(TraitItemFn {
            attrs,
            sig,
            default,
            semi_token,
        })
    }
}

impl Parse for TraitItemConst {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut item = TraitItemConst {
            attrs: input.call(Attribute::parse_outer)?,
            const_token: input.parse()?,
            ident: input.call(Ident::parse_any)?,
            colon_token: input.parse()?,
            ty: input.parse()?,
            default: None,
            semi_token: Default::default(),
        };
        if input.peek(Token![=]) {
            let eq = input.parse()?;
            let mut value = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![;]) {
                value.append(input.parse::<TokenTree>()?);
            }
            item.default = Some((eq, value));
        }
        item.semi_token = input.parse()?;
        Ok(item)
    }
}

impl ToTokens for ItemTrait {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let ItemTrait {
            attrs,
            vis,
            unsafety,
            auto_token,
            trait_token,
            ident,
            generics,
            supertraits,
            inner_attrs,
            items,
            ..
        } = self;
        let colon = (!supertraits.is_empty()).then(<Token![:]>::default);
        let where_clause = &generics.where_clause;
        let mut body = Group::new(Delimiter::Brace, quote!(#(#inner_attrs)* #(#items)*));
        body.set_span(self.brace_token.span.join());
        tokens.extend(quote! {
            #(#attrs)* #vis #unsafety #auto_token #trait_token #ident #generics #colon #supertraits
            #where_clause #body
        });
    }
}

impl ToTokens for TraitItem {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            TraitItem::Fn(f) => f.to_tokens(tokens),
            TraitItem::Type(t) => t.to_tokens(tokens),
            TraitItem::Const(c) => c.to_tokens(tokens),
            TraitItem::Other(other) => other.to_tokens(tokens),
        }
    }
}

impl ToTokens for TraitItemFn {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (attrs, sig) = (&self.attrs, &self.sig);
        let end = match &self.default {
            Some(body) => body.to_token_stream(),
            None => self.semi_token.unwrap_or_default().to_token_stream(),
        };
        tokens.extend(quote!(#(#attrs)* #sig #end));
    }
}

impl ToTokens for TraitItemConst {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (attrs, const_token, ident) = (&self.attrs, self.const_token, &self.ident);
        let (colon, ty, semi) = (self.colon_token, &self.ty, self.semi_token);
        let default = self.default.as_ref().map(|(eq, value)| quote!(#eq #value));
        tokens.extend(quote!(#(#attrs)* #const_token #ident #colon #ty #default #semi));
    }
}

/// `type Name<G>: Bounds = Default where …;`, in a trait or an impl block (a `where` before
/// the `=` is printed after it).
#[derive(Clone)]
pub struct AssocType {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub type_token: Token![type],
    pub ident: Ident,
    pub generics: Generics,
    pub bounds: Punctuated<TypeParamBound, Token![+]>,
    pub default: Option<(Token![=], Type)>,
    pub semi_token: Token![;],
}

impl Parse for AssocType {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut item = AssocType {
            attrs: input.call(Attribute::parse_outer)?,
            vis: input.parse()?,
            type_token: input.parse()?,
            ident: input.parse()?,
            generics: input.parse()?,
            bounds: colon_bounds(input)?,
            default: None,
            semi_token: Default::default(),
        };
        item.generics.where_clause = input.parse()?;
        if input.peek(Token![=]) {
            item.default = Some((input.parse()?, input.parse()?));
        }
        if item.generics.where_clause.is_none() {
            item.generics.where_clause = input.parse()?;
        }
        item.semi_token = input.parse()?;
        Ok(item)
    }
}

impl ToTokens for AssocType {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (attrs, vis, type_token, ident) =
            (&self.attrs, &self.vis, self.type_token, &self.ident);
        let colon = (!self.bounds.is_empty()).then(<Token![:]>::default);
        let (generics, bounds, semi) = (&self.generics, &self.bounds, self.semi_token);
        let where_clause = &generics.where_clause;
        let default = self.default.as_ref().map(|(eq, ty)| quote!(#eq #ty));
        tokens.extend(quote! {
            #(#attrs)* #vis #type_token #ident #generics #colon #bounds #default #where_clause #semi
        });
    }
}

// ---- impl blocks -----------------------------------------------------------------------------

/// An impl block: what entrait reads of it (on error it re-emits the items, not the block).
pub struct ItemImpl {
    pub attrs: Vec<Attribute>,
    pub unsafety: Option<Token![unsafe]>,
    /// Includes the where clause.
    pub generics: Generics,
    pub trait_: Option<(syn::Path, Token![for])>,
    pub self_ty: Box<Type>,
    pub items: Vec<ImplItem>,
}

// Parsed once per item and read in place: the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum ImplItem {
    /// A function's tokens, read by `crate::model`.
    Fn(TokenStream),
    /// `type Name<G> = Type where …;`, kept for the trait impl.
    Type(AssocType),
    /// `const NAME: Type = value;`, kept as written for the trait impl.
    Const(TokenStream),
    Other(TokenStream),
}

impl Parse for ItemImpl {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        input.parse::<Option<Token![default]>>()?;
        let unsafety = input.parse()?;
        input.parse::<Token![impl]>()?;
        let mut generics: Generics = input.parse()?;
        if input.peek(Token![!]) {
            return Err(input.error("`#[entrait]` cannot implement a negative impl"));
        }
        let first: Type = input.parse()?;
        let (trait_, self_ty) = if input.peek(Token![for]) {
            let for_token: Token![for] = input.parse()?;
            let path = match first {
                Type::Path(type_path) if type_path.qself.is_none() => type_path.path,
                other => return Err(syn::Error::new_spanned(other, "expected a trait path")),
            };
            (Some((path, for_token)), input.parse()?)
        } else {
            (None, Box::new(first))
        };
        generics.where_clause = input.parse()?;
        let (_, _, items) = parse_body(input, |kind, tokens| match kind {
            (ItemKind::Fn, _) => Ok(ImplItem::Fn(tokens)),
            (_, Some("type")) => syn::parse2(tokens).map(ImplItem::Type),
            (_, Some("const")) => Ok(ImplItem::Const(tokens)),
            _ => Ok(ImplItem::Other(tokens)),
        })?;
        Ok(ItemImpl {
            attrs,
            unsafety,
            generics,
            trait_,
            self_ty,
            items,
        })
    }
}

impl ToTokens for ImplItem {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            ImplItem::Type(t) => t.to_tokens(tokens),
            ImplItem::Fn(c) | ImplItem::Const(c) | ImplItem::Other(c) => c.to_tokens(tokens),
        }
    }
}

/// `{ #![inner attrs] items… }`, the body of a trait or an impl block: the items are cut at
/// their ends (`tokens::item_end`) and each read by `read` from its kind (`tokens::item_kind`)
/// and the word that names it (`type`, `const`…).
fn parse_body<T>(
    input: ParseStream,
    read: impl Fn((ItemKind, Option<&str>), TokenStream) -> syn::Result<T>,
) -> syn::Result<(token::Brace, Vec<Attribute>, Vec<T>)> {
    let content;
    let brace = syn::braced!(content in input);
    let inner_attrs = content.call(Attribute::parse_inner)?;
    let trees = crate::tokens::trees(content.parse()?);
    let mut items = Vec::new();
    let mut start = 0;
    while start < trees.len() {
        let end = item_end(&trees, start).max(start + 1);
        let mut i = start;
        outer_attrs(&trees, &mut i);
        visibility(&trees, &mut i);
        let (kind, at) = item_kind(&trees, i);
        let tokens = crate::tokens::stream(trees[start..end].to_vec());
        items.push(read((kind, word(&trees, at).as_deref()), tokens)?);
        start = end;
    }
    Ok((brace, inner_attrs, items))
}
