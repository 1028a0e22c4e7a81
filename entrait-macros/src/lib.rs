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

/// The four entry points, which differ in their defaults only.
macro_rules! entry_points {
    ($($name:ident($export:literal, $unimock:literal): $doc:literal;)*) => {$(
        #[doc = $doc]
        #[proc_macro_attribute]
        pub fn $name(attr: TokenStream, item: TokenStream) -> TokenStream {
            run(attr, item, $export, $unimock)
        }
    )*};
}

entry_points! {
    entrait(false, false): "See the `entrait` crate.";
    entrait_export(true, false): "`#[entrait(…, export)]`: mocks are generated outside `cfg(test)` too.";
    entrait_unimock(false, true): "`#[entrait(…, unimock)]`.";
    entrait_export_unimock(true, true): "`#[entrait(…, export, unimock)]`.";
}

/// What every entry point runs. `debug` prints what is emitted.
fn run(attr: TokenStream, item: TokenStream, export: bool, unimock: bool) -> TokenStream {
    let defaults = args::MacroDefaults { export, unimock };
    let (tokens, debug) = expand::entrait(tokens::conv(attr), tokens::conv(item), defaults);
    if debug {
        eprintln!("{tokens}");
    }
    tokens::conv(tokens)
}

#[cfg(test)]
mod tests;
