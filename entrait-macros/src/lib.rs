//! Procedural macros of [entrait](https://docs.rs/entrait). Use them through the `entrait` crate.
//!
//! See `ARCHITECTURE.md` for the pipeline: `input.rs` tells the item kind, `model.rs` reads
//! functions (`ast.rs` traits and impl blocks), `expand/` emits.

mod args;
mod ast;
mod error;
mod expand;
mod input;
mod model;
mod tokens;

use proc_macro::TokenStream;

/// See the `entrait` crate.
#[proc_macro_attribute]
pub fn entrait(attr: TokenStream, item: TokenStream) -> TokenStream {
    run(attr, item, false, false)
}

/// `#[entrait(…, export)]`: mocks are generated outside `cfg(test)` too.
#[proc_macro_attribute]
pub fn entrait_export(attr: TokenStream, item: TokenStream) -> TokenStream {
    run(attr, item, true, false)
}

/// `#[entrait(…, unimock)]`.
#[proc_macro_attribute]
pub fn entrait_unimock(attr: TokenStream, item: TokenStream) -> TokenStream {
    run(attr, item, false, true)
}

/// `#[entrait(…, export, unimock)]`.
#[proc_macro_attribute]
pub fn entrait_export_unimock(attr: TokenStream, item: TokenStream) -> TokenStream {
    run(attr, item, true, true)
}

/// The four entry points differ in their defaults only. `debug` prints what is emitted.
fn run(attr: TokenStream, item: TokenStream, export: bool, unimock: bool) -> TokenStream {
    let defaults = args::MacroDefaults { export, unimock };
    let (tokens, debug) = expand::entrait(attr.into(), item.into(), defaults);
    if debug {
        eprintln!("{tokens}");
    }
    tokens.into()
}

#[cfg(test)]
mod tests;
