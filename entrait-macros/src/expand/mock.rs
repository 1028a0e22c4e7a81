//! The mock attributes on a generated trait: unimock's `#[unimock(…)]` and mockall's
//! `#[automock]`, gated by `cfg(test)` unless exported.
//!
//! Input:  `#[entrait(Foo, mock_api = FooMock)] fn foo(deps: &impl Bar) -> u32`
//! Output: `#[cfg_attr(test, ::entrait::__mock::unimock(
//!              prefix = ::entrait::__mock, api = [FooMock], unmock_with = [foo]))]`

use crate::args::Args;
use crate::tokens::{ident, punct, push_group, push_joined, push_path, Delimiter, TokenTree};

/// The shape of the unimock API: `Flat` for a fn (`FooMock.each_call(…)`), `Module` for mods
/// and traits (`mock::foo`).
#[derive(Clone, Copy)]
pub enum MockApi {
    Flat,
    Module,
}

/// What unimock calls for an unmocked method (`unmock_with`): the function with the `Unimock`
/// as deps (`foo`), a call with the arguments (`foo(a, b)`, for `no_deps`), or nothing (`_`).
pub type Unmock = Option<Vec<TokenTree>>;

/// The attributes, pushed onto `out`; unimock's when `unimock`. `unmock`: one entry per
/// method (none for traits).
pub fn push_mock_attrs(
    out: &mut Vec<TokenTree>,
    args: &Args,
    unimock: bool,
    api: MockApi,
    unmock: &[Unmock],
) {
    if unimock {
        let mut attr = Vec::with_capacity(32);
        push_path(&mut attr, &["entrait", "__mock", "unimock"]);
        let mut inner = Vec::with_capacity(24);
        inner.extend([ident("prefix"), punct('=')]);
        // unimock writes the prefix into every path it emits: the shorter, the less to compile.
        push_path(&mut inner, &["entrait", "__mock"]);
        if let Some(value) = args.mock_api() {
            inner.extend([punct(','), ident("api"), punct('=')]);
            match (api, TokenTree::Ident(value.clone())) {
                (MockApi::Flat, value) => push_group(&mut inner, Delimiter::Bracket, vec![value]),
                (MockApi::Module, value) => inner.push(value),
            }
        }
        if unmock.iter().any(Option::is_some) {
            inner.extend([punct(','), ident("unmock_with"), punct('=')]);
            let mut entries = Vec::with_capacity(4 * unmock.len());
            push_joined(&mut entries, unmock, ',', |out, entry| match entry {
                Some(entry) => out.extend_from_slice(entry),
                None => out.push(ident("_")),
            });
            push_group(&mut inner, Delimiter::Bracket, entries);
        }
        push_group(&mut attr, Delimiter::Parenthesis, inner);
        push_gated(out, args, attr);
    }
    if args.mockall() {
        let mut attr = Vec::with_capacity(4);
        push_path(&mut attr, &["mockall", "automock"]);
        push_gated(out, args, attr);
    }
}

/// `#[attr]` when exported, else `#[cfg_attr(test, attr)]`.
fn push_gated(out: &mut Vec<TokenTree>, args: &Args, mut attr: Vec<TokenTree>) {
    if !args.export() {
        attr.splice(0..0, [ident("test"), punct(',')]);
        let mut cfg_attr = vec![ident("cfg_attr")];
        push_group(&mut cfg_attr, Delimiter::Parenthesis, attr);
        attr = cfg_attr;
    }
    out.push(punct('#'));
    push_group(out, Delimiter::Bracket, attr);
}
