//! What the attribute is on: one of the four input kinds, told apart by their keyword.
//!
//! Functions and modules stay tokens here (`crate::model` reads them); traits and impl blocks
//! are parsed with `crate::ast`, since they are re-emitted from what is parsed.

use crate::ast::{ItemImpl, ItemTrait};
use crate::tokens::{
    error, error_at, item_kind, outer_attrs, visibility, word, ItemKind, Span, TokenTree,
};

pub enum Input {
    /// A function, with the indices of its signature (after the visibility) and `fn` keyword.
    Fn(usize, usize),
    /// A module, with the index of its `mod` keyword.
    Mod(usize),
    Trait(ItemTrait),
    Impl(ItemImpl),
}

impl Input {
    /// `trees` is the item as token trees.
    pub fn read(trees: &[TokenTree]) -> syn::Result<Self> {
        let mut i = 0;
        outer_attrs(trees, &mut i);
        // Most items are private functions: their keyword is read once.
        let (mut kind, mut at) = item_kind(trees, i);
        if kind == ItemKind::Other && at == i {
            visibility(trees, &mut i);
            (kind, at) = item_kind(trees, i);
        }
        match kind {
            ItemKind::Fn => Ok(Input::Fn(i, at)),
            ItemKind::Mod => Ok(Input::Mod(at)),
            ItemKind::Trait => ItemTrait::read(trees).map(Input::Trait),
            ItemKind::Impl => ItemImpl::read(trees).map(Input::Impl),
            ItemKind::ExternBlock => {
                let abi = usize::from(matches!(trees.get(at + 1), Some(TokenTree::Literal(_))));
                let message = "`#[entrait]` does not apply to `extern` blocks; put it on a Rust function that calls the foreign function";
                Err(error(&trees[at..=at + abi], message))
            }
            ItemKind::Other => {
                let what = match word(trees, at).as_deref() {
                    Some("struct") => "a struct",
                    Some("enum") => "an enum",
                    Some("union") => "a union",
                    Some("static") => "a static",
                    Some("const") => "a const",
                    Some("type") => "a type alias",
                    Some("use") => "a `use` declaration",
                    Some("extern") => "an `extern crate` declaration",
                    Some("macro_rules") => "a macro definition",
                    Some(_) => "a macro invocation or an unknown item",
                    None => "this item",
                };
                Err(error_at(
                    trees.get(at).map_or_else(Span::call_site, TokenTree::span),
                    format!("`#[entrait]` applies to a function, a module, a trait or an impl block, not to {what}"),
                ))
            }
        }
    }
}

/// Is this attribute `#[async_trait]` (by any path ending in `async_trait`)?
pub fn is_async_trait(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "async_trait")
}
