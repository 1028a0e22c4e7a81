//! Procedural macros of [entrait](https://docs.rs/entrait). Use them through the `entrait` crate.

mod args;
mod ast;
mod error;
mod expand;
mod fast;
mod input;
mod sig;

#[cfg(test)]
mod tests;

use args::MacroDefaults;
use proc_macro::TokenStream;

/// See the `entrait` crate.
#[proc_macro_attribute]
pub fn entrait(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::entrait(
        attr.into(),
        item.into(),
        MacroDefaults {
            export: false,
            unimock: false,
        },
    )
    .into()
}

/// `#[entrait(…, export)]`: mocks are generated outside `cfg(test)` too.
#[proc_macro_attribute]
pub fn entrait_export(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::entrait(
        attr.into(),
        item.into(),
        MacroDefaults {
            export: true,
            unimock: false,
        },
    )
    .into()
}

/// `#[entrait(…, unimock)]`.
#[proc_macro_attribute]
pub fn entrait_unimock(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::entrait(
        attr.into(),
        item.into(),
        MacroDefaults {
            export: false,
            unimock: true,
        },
    )
    .into()
}

/// `#[entrait(…, export, unimock)]`.
#[proc_macro_attribute]
pub fn entrait_export_unimock(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::entrait(
        attr.into(),
        item.into(),
        MacroDefaults {
            export: true,
            unimock: true,
        },
    )
    .into()
}
