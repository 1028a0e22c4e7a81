//! From the attribute and the item's tokens to the emitted tokens, by one emitter per input
//! kind: `fn_.rs` (also the trait and impls generated from functions), `mod_.rs`, `trait_.rs`
//! (with `dyn_async.rs`) and `impl_.rs`; `mock.rs` makes the mock attributes.

mod dyn_async;
mod fn_;
mod impl_;
mod mock;
mod mod_;
mod trait_;

use std::iter::once;

use crate::args::{parse_args, Args, MacroDefaults, Name};
use crate::input::Input;
use crate::tokens::{conv, error_at, trees, Ident, TokenStream};

pub use mock::{push_mock_attrs, MockApi};

/// The whole macro as a function of tokens: never panics, always returns tokens, and says
/// whether the `debug` option asks for them to be printed. On error the user's item is emitted
/// unchanged beside the `compile_error!`s, so the rest of the crate still type-checks and only
/// the real problem is reported.
pub fn entrait(
    attr: TokenStream,
    item: TokenStream,
    defaults: MacroDefaults,
) -> (TokenStream, bool) {
    let (args, args_error) = parse_args(attr, defaults);
    let trees = trees(item.clone());
    let input = match Input::read(&trees) {
        Ok(input) if args_error.is_none() => input,
        input => return fallback(item, input.err().into_iter().chain(args_error)),
    };
    let result = match &input {
        Input::Fn(sig, at) => match fn_::expand(&args, &trees, (*sig, *at)) {
            // Appended to the item in one step when the stream goes back to the compiler.
            Ok(generated) => {
                let mut tokens = item;
                tokens.extend(generated);
                return (tokens, args.flag(Name::Debug));
            }
            Err(error) => Err(error),
        },
        Input::Mod(at) => mod_::expand(&args, &trees, *at),
        Input::Trait(parsed) => trait_::expand(&args, parsed, &conv(item.clone())).map(conv),
        Input::Impl(parsed) => impl_::expand(&args, parsed, &conv(item.clone())).map(conv),
    };
    match (result, &input) {
        (Ok(tokens), _) => (tokens, args.flag(Name::Debug)),
        // Re-emitting `impl MyTraitImpl for X` as written would add a rustc error (the trait
        // needs its `<T>`); the functions alone, as an inherent impl, add none.
        (Err(error), Input::Impl(parsed)) => {
            fallback(conv(impl_::inherent_part(parsed)), once(error))
        }
        (Err(error), _) => fallback(item, once(error)),
    }
}

fn fallback(item: TokenStream, errors: impl Iterator<Item = syn::Error>) -> (TokenStream, bool) {
    let mut tokens = item;
    tokens.extend(errors.map(|error| conv::<TokenStream>(error.into_compile_error())));
    (tokens, false)
}

/// The name of the trait the attribute declares; functions and modules must name it.
pub fn required_trait_ident<'a>(args: &'a Args, what: &str) -> syn::Result<&'a Ident> {
    args.trait_ident.as_ref().ok_or_else(|| {
        let message = format!(
            "missing trait name: `#[entrait(MyTrait)]` on {what} names the trait it generates"
        );
        error_at(args.span, message)
    })
}

/// The generic name for the implementing type: `T`, or `EntraitT` if the item uses `T`.
pub fn impl_param(uses_t: bool) -> proc_macro2::Ident {
    let name = if uses_t { "EntraitT" } else { "T" };
    proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
}

/// `T: 'a` for every lifetime of a generic associated type: rustc requires it beside
/// `Self: 'a` once methods take `&Impl<T>`.
pub fn gat_outlives(generics: &mut syn::Generics, t: &proc_macro2::Ident) {
    let lifetimes: Vec<syn::Lifetime> = generics.lifetimes().map(|l| l.lifetime.clone()).collect();
    for lifetime in lifetimes {
        let predicate = syn::parse_quote!(#t: #lifetime);
        generics.make_where_clause().predicates.push(predicate);
    }
}
