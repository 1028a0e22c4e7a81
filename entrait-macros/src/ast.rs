//! Trait and impl-block shells, parsed with syn's `derive`-level parsers: syn's `full` feature
//! (items, statements, expressions) roughly doubles syn's build time and entrait needs none of
//! it. The functions inside are `crate::model`'s, read from tokens; the names mirror syn's.

use proc_macro2::{self as p, TokenStream};
use quote::{quote, ToTokens};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Generics, Ident, Token, Type, TypeParamBound, Visibility};

use crate::tokens::{
    conv, error, is_punct, item_end, item_kind, mentions, outer_attrs, p2, stream, trees,
    visibility, word, Group, ItemKind, Span, TokenTree, Q,
};

/// A trait: what entrait reads, and the header and inner attributes it is re-emitted from.
#[derive(Clone)]
pub struct ItemTrait {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub unsafety: Option<Token![unsafe]>,
    pub ident: Ident,
    /// Includes the where clause.
    pub generics: Generics,
    pub supertraits: Punctuated<TypeParamBound, Token![+]>,
    pub items: Vec<TraitItem>,
    /// Does `T` occur in the header, signatures or associated items (`expand::impl_param`)?
    pub uses_t: bool,
    header: Vec<TokenTree>,
    inner_attrs: Vec<TokenTree>,
    body_span: Span,
}

/// An item of a trait (`TraitItem`) or of an impl block (`ImplItem`).
// Parsed once per item and read in place: the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
pub enum BodyItem<F, C> {
    Fn(F),
    Type(AssocType),
    Const(C),
    /// A macro invocation or anything else entrait cannot read.
    Other(TokenStream),
}

/// A trait's item, its functions and consts read.
pub type TraitItem = BodyItem<TraitItemFn, TraitItemConst>;

/// An impl block's item, its functions (read by `crate::model`) and consts kept as written.
pub type ImplItem = BodyItem<TokenStream, TokenStream>;

pub use crate::model::TraitItemFn;

/// `const NAME: Type = default;`, the default (`= value`) as written.
#[derive(Clone)]
pub struct TraitItemConst {
    pub attrs: Vec<Attribute>,
    pub const_token: Token![const],
    pub ident: Ident,
    pub ty: Type,
    pub default: Option<TokenStream>,
    pub semi_token: Token![;],
}

/// `: A + B`, or nothing (the header ends before the body).
fn colon_bounds(input: ParseStream) -> syn::Result<Punctuated<TypeParamBound, Token![+]>> {
    let mut bounds = Punctuated::new();
    let mut more = input.parse::<Option<Token![:]>>()?.is_some();
    while more
        && !input.is_empty()
        && !input.peek(Token![where])
        && !input.peek(Token![;])
        && !input.peek(Token![=])
    {
        bounds.push_value(input.parse()?);
        more = input.peek(Token![+]);
        if more {
            bounds.push_punct(input.parse()?);
        }
    }
    Ok(bounds)
}

impl ItemTrait {
    pub fn read(item: &[TokenTree]) -> syn::Result<Self> {
        read_item(item, |input, header, body| {
            let (attrs, vis) = (input.call(Attribute::parse_outer)?, input.parse()?);
            let unsafety = input.parse()?;
            input.parse::<Option<Token![auto]>>()?;
            input.parse::<Token![trait]>()?;
            let mut item = ItemTrait {
                attrs,
                vis,
                unsafety,
                ident: input.parse()?,
                generics: input.parse()?,
                supertraits: colon_bounds(input)?,
                items: Vec::new(),
                uses_t: mentions(header, "T"),
                header: header.to_vec(),
                inner_attrs: Vec::new(),
                body_span: body.span(),
            };
            item.generics.where_clause = input.parse()?;
            (item.inner_attrs, item.items) =
                read_body(&trees(body.stream()), TraitItemFn::read, syn::parse2)?;
            // Signatures and associated items, not default bodies: what the impls repeat.
            item.uses_t |= item.items.iter().any(|i| match i {
                BodyItem::Fn(f) => f.sig.mentions("T"),
                other => mentions(&trees(other.to_token_stream()), "T"),
            });
            Ok(item)
        })
    }
}

impl Parse for TraitItemConst {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut item = TraitItemConst {
            attrs: input.call(Attribute::parse_outer)?,
            const_token: input.parse()?,
            ident: input.call(Ident::parse_any)?,
            ty: input.parse::<Token![:]>().and_then(|_| input.parse())?,
            default: None,
            semi_token: Default::default(),
        };
        let mut default = Vec::new();
        while !input.is_empty() && !input.peek(Token![;]) {
            default.push(input.parse::<p::TokenTree>()?);
        }
        item.default = (!default.is_empty()).then(|| default.into_iter().collect());
        item.semi_token = input.parse()?;
        Ok(item)
    }
}

impl ToTokens for ItemTrait {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (inner_attrs, items) = (Q(&self.inner_attrs), &self.items);
        let mut body = p::Group::new(p::Delimiter::Brace, quote!(#inner_attrs #(#items)*));
        body.set_span(conv(self.body_span));
        Q(&self.header).to_tokens(tokens);
        tokens.extend([p::TokenTree::Group(body)]);
    }
}

impl<F: ToTokens, C: ToTokens> ToTokens for BodyItem<F, C> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            BodyItem::Fn(f) => f.to_tokens(tokens),
            BodyItem::Type(t) => t.to_tokens(tokens),
            BodyItem::Const(c) => c.to_tokens(tokens),
            BodyItem::Other(other) => other.to_tokens(tokens),
        }
    }
}

impl ToTokens for TraitItemConst {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (attrs, const_token, ident) = (&self.attrs, self.const_token, &self.ident);
        let (ty, default, semi) = (&self.ty, &self.default, self.semi_token);
        tokens.extend(quote!(#(#attrs)* #const_token #ident: #ty #default #semi));
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
        let (attrs, vis, type_token) = (&self.attrs, &self.vis, self.type_token);
        let (ident, generics, bounds) = (&self.ident, &self.generics, &self.bounds);
        let colon = (!bounds.is_empty()).then(<Token![:]>::default);
        let (where_clause, semi) = (&generics.where_clause, self.semi_token);
        let default = self.default.as_ref().map(|(eq, ty)| quote!(#eq #ty));
        tokens.extend(quote! {
            #(#attrs)* #vis #type_token #ident #generics #colon #bounds #default #where_clause #semi
        });
    }
}

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

impl ItemImpl {
    pub fn read(item: &[TokenTree]) -> syn::Result<Self> {
        read_item(item, |input, _, body| {
            let attrs = input.call(Attribute::parse_outer)?;
            input.parse::<Option<Token![default]>>()?;
            let unsafety = input.parse()?;
            input.parse::<Token![impl]>()?;
            let mut generics: Generics = input.parse()?;
            if input.peek(Token![!]) {
                return Err(input.error("`#[entrait]` cannot implement a negative impl"));
            }
            let (trait_, self_ty) = match (input.parse()?, input.parse::<Option<Token![for]>>()?) {
                (Type::Path(path), Some(for_token)) if path.qself.is_none() => {
                    (Some((path.path, for_token)), input.parse()?)
                }
                (ty, Some(_)) => return Err(syn::Error::new_spanned(ty, "expected a trait path")),
                (self_ty, None) => (None, Box::new(self_ty)),
            };
            generics.where_clause = input.parse()?;
            Ok(ItemImpl {
                attrs,
                unsafety,
                generics,
                trait_,
                self_ty,
                items: read_body(&trees(body.stream()), |f| Ok(p2(stream(f.to_vec()))), Ok)?.1,
            })
        })
    }
}

/// The item in `trees`, its header (the tokens before its body) parsed by syn through `read`,
/// which also reads the body `{ … }`: the last tree, as rustc parsed the item before the macro.
fn read_item<T>(
    trees: &[TokenTree],
    read: impl FnOnce(ParseStream, &[TokenTree], &Group) -> syn::Result<T>,
) -> syn::Result<T> {
    let Some((TokenTree::Group(body), header)) = trees.split_last() else {
        return Err(error(trees, "expected the item's body `{ … }`"));
    };
    let read = |input: ParseStream| read(input, header, body);
    syn::parse::Parser::parse2(read, p2(stream(header.to_vec())))
}

/// The body of a trait or an impl block, `#![inner attrs] items…`: items cut at their ends
/// (`tokens::item_end`), told apart by kind and word, functions and consts read by the readers.
#[allow(clippy::type_complexity)]
fn read_body<F, C>(
    trees: &[TokenTree],
    read_fn: impl Fn(&[TokenTree]) -> syn::Result<F>,
    read_const: impl Fn(TokenStream) -> syn::Result<C>,
) -> syn::Result<(Vec<TokenTree>, Vec<BodyItem<F, C>>)> {
    // `#![…]`: three trees each.
    let mut start = 0;
    while trees.get(start + 1).is_some_and(|t| is_punct(t, '!')) && is_punct(&trees[start], '#') {
        start += 3;
    }
    let inner_attrs = trees[..start.min(trees.len())].to_vec();
    let mut items = Vec::new();
    while start < trees.len() {
        let end = item_end(trees, start).max(start + 1);
        let mut i = start;
        outer_attrs(trees, &mut i);
        visibility(trees, &mut i);
        let (kind, at) = item_kind(trees, i);
        let item = &trees[start..end];
        let tokens = || p2(stream(item.to_vec()));
        items.push(match (kind, word(trees, at).as_deref()) {
            (ItemKind::Fn, _) => read_fn(item).map(BodyItem::Fn)?,
            (_, Some("type")) => BodyItem::Type(syn::parse2(tokens())?),
            (_, Some("const")) => read_const(tokens()).map(BodyItem::Const)?,
            _ => BodyItem::Other(tokens()),
        });
        start = end;
    }
    Ok((inner_attrs, items))
}
