//! Parsing the item under the attribute into one of the four input kinds.
//!
//! Function bodies are never parsed: entrait only needs signatures, and skipping the bodies
//! keeps the macro cheap and lets it coexist with macros that give bodies their own syntax.

use proc_macro2::TokenTree;
use syn::parse::{Parse, ParseStream};

use crate::ast::{self, ItemImpl, ItemTrait};

pub enum Input {
    Fn(InputFn),
    Mod(InputMod),
    Trait(ItemTrait),
    Impl(ItemImpl),
}

/// A function whose body is kept as unparsed tokens.
pub type InputFn = ast::ItemFn;

/// A module: what entrait reads of it (it emits the module's own tokens, not these).
pub struct InputMod {
    pub attrs: Vec<syn::Attribute>,
    pub ident: syn::Ident,
    pub inner_attrs: Vec<syn::Attribute>,
    pub items: Vec<ModItem>,
}

pub enum ModItem {
    Fn(Box<InputFn>),
    /// Any other item (skipped unparsed).
    Other,
}

enum Kind {
    Fn,
    Mod,
    Trait,
    Impl,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let kind = peek_kind(input)?;
        Ok(match kind {
            Kind::Fn => Input::Fn(input.parse()?),
            Kind::Mod => Input::Mod(input.parse()?),
            Kind::Trait => Input::Trait(input.parse()?),
            Kind::Impl => Input::Impl(input.parse()?),
        })
    }
}

/// Looks past attributes, visibility and qualifiers at the keyword that names the item kind.
fn peek_kind(input: ParseStream) -> syn::Result<Kind> {
    let fork = input.fork();
    fork.call(syn::Attribute::parse_outer)?;
    fork.parse::<syn::Visibility>()?;
    loop {
        if fork.peek(syn::Token![fn]) {
            return Ok(Kind::Fn);
        }
        if fork.peek(syn::Token![mod]) {
            return Ok(Kind::Mod);
        }
        if fork.peek(syn::Token![trait]) {
            return Ok(Kind::Trait);
        }
        if fork.peek(syn::Token![impl]) {
            return Ok(Kind::Impl);
        }
        if fork.peek(syn::Token![const]) && !fork.peek2(syn::Ident) && !fork.peek2(syn::Token![_])
            || fork.peek(syn::Token![async])
            || fork.peek(syn::Token![unsafe])
            || fork.peek(syn::Token![default])
            || fork.peek(syn::Token![auto])
        {
            fork.parse::<TokenTree>()?;
            continue;
        }
        if fork.peek(syn::Token![extern]) && !fork.peek2(syn::Token![crate]) {
            let extern_token = fork.parse::<syn::Token![extern]>()?;
            let abi = if fork.peek(syn::LitStr) {
                Some(fork.parse::<syn::LitStr>()?)
            } else {
                None
            };
            if fork.peek(syn::token::Brace) {
                return Err(syn::Error::new_spanned(
                    quote::quote!(#extern_token #abi),
                    "`#[entrait]` does not apply to `extern` blocks; put it on a Rust function that calls the foreign function",
                ));
            }
            continue;
        }
        return Err(unsupported(&fork));
    }
}

fn unsupported(input: ParseStream) -> syn::Error {
    let what = match input.cursor().token_tree() {
        Some((TokenTree::Ident(ident), _)) => match ident.to_string().as_str() {
            "struct" => "a struct",
            "enum" => "an enum",
            "union" => "a union",
            "static" => "a static",
            "const" => "a const",
            "type" => "a type alias",
            "use" => "a `use` declaration",
            "extern" => "an `extern crate` declaration",
            "macro_rules" => "a macro definition",
            _ => "a macro invocation or an unknown item",
        },
        _ => "this item",
    };
    input.error(format!(
        "`#[entrait]` applies to a function, a module, a trait or an impl block, not to {what}"
    ))
}

impl Parse for InputMod {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(syn::Attribute::parse_outer)?;
        input.parse::<syn::Visibility>()?;
        let mod_token: syn::Token![mod] = input.parse()?;
        let ident: syn::Ident = input.parse()?;
        if input.peek(syn::Token![;]) {
            return Err(syn::Error::new_spanned(
                quote::quote!(#mod_token #ident),
                format!(
                    "`#[entrait]` needs the module's items: write the module inline, `mod {ident} {{ … }}`"
                ),
            ));
        }
        let (_, inner_attrs, items) = ast::parse_body(input)?;
        Ok(InputMod {
            attrs,
            ident,
            inner_attrs,
            items,
        })
    }
}

impl Parse for ModItem {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if ast::is_fn(input) {
            Ok(ModItem::Fn(input.parse()?))
        } else {
            ast::skip_item(input)?;
            Ok(ModItem::Other)
        }
    }
}

/// Is this attribute `#[cfg(…)]`?
pub fn is_cfg(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("cfg")
}

/// Is this attribute a doc comment (`///` or `#[doc = …]`)?
pub fn is_doc(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("doc")
}

/// Is this attribute `#[async_trait]` (by any path ending in `async_trait`)?
pub fn is_async_trait(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "async_trait")
}
