//! `#[entrait(Trait)]` on a module: one trait, a method per non-private function.
//!
//! Input:  `#[entrait(pub Db)] mod db { pub fn get(deps: &impl A, id: u32) -> Row { … } fn helper() {} }`
//! Output: `mod db { …items unchanged…  pub trait Db { fn get(&self, id: u32) -> Row; }
//!                   impl<T: A> Db for T { … } }`
//!         `pub use db::Db;`

use super::fn_::FnTrait;
use super::mock::MockApi;
use super::required_trait_ident;
use crate::args::{check_applicable, Args, Name};
use crate::error::Errors;
use crate::model::{Deps, FnModel, Place};
use crate::tokens::{
    attr_name, end_at, error, error_at, ident, is_group, is_ident, is_punct, item_end, item_kind,
    outer_attrs, punct, push_group, push_joint, stream, trees, visibility, word, Delimiter, Group,
    ItemKind, TokenStream, TokenTree,
};

/// `trees` is the module's tokens, `at` the index of `mod`.
pub fn expand(args: &Args, trees: &[TokenTree], at: usize) -> syn::Result<TokenStream> {
    let (Some(TokenTree::Ident(mod_ident)), Some(body)) = (trees.get(at + 1), trees.get(at + 2))
    else {
        return Err(error(&trees[at..], "expected the module's name and items"));
    };
    let TokenTree::Group(body) = body.clone() else {
        let message = format!("`#[entrait]` needs the module's items: write the module inline, `mod {mod_ident} {{ … }}`");
        return Err(error(&trees[at..at + 2], message));
    };
    if body.delimiter() != Delimiter::Brace || trees.len() != at + 3 {
        let message = "expected the module's items in `{ … }`";
        return Err(error(&trees[at..], message));
    }
    check_applicable(args, ItemKind::Mod)?;
    let trait_ident = required_trait_ident(args, "a module")?;
    let no_deps = args.flag(Name::NoDeps);

    // The module's docs (`///` outside, `//!` inside) document the trait.
    let mut i = 0;
    let outer = outer_attrs(trees, &mut i);
    let items = crate::tokens::trees(body.stream());
    let mut j = 0;
    let mut inner_docs = Vec::new();
    while let [hash, bang, attr, ..] = &items[j..] {
        if !(is_punct(hash, '#') && is_punct(bang, '!') && is_group(attr, Delimiter::Bracket)) {
            break;
        }
        // `#![doc = …]` as `#[doc = …]`.
        inner_docs.push([hash.clone(), attr.clone()]);
        j += 3;
    }
    let inner = inner_docs.iter().map(|a| &a[..]);
    let is_doc = |a: &&[TokenTree]| attr_name(a).as_deref() == Some("doc");
    let docs: Vec<_> = outer.iter().copied().chain(inner).filter(is_doc).collect();

    let mut errors = Errors::default();
    let mut fns = Vec::new();
    while j < items.len() {
        let start = j;
        outer_attrs(&items, &mut j);
        let public = !visibility(&items, &mut j).is_empty();
        let (kind, fn_at) = item_kind(&items, j);
        let end = match kind {
            ItemKind::Fn => end_at(&items, j, false),
            _ => item_end(&items, start),
        };
        if public && kind == ItemKind::Fn {
            let at = (j - start, fn_at - start);
            let f = FnModel::read(&items[start..end], at, no_deps, Place::Mod);
            if let Some(mut f) = errors.push_result(f) {
                // A `#[cfg]`-gated function's bounds go on its method (as `Self: Bound`), so
                // that they disappear with it: the impl's where clause cannot be gated.
                if let (Deps::Generic(g), false) = (&mut f.deps, f.cfgs.is_empty()) {
                    if !g.by_value {
                        f.method_deps.append(&mut g.preds);
                    }
                }
                fns.push(f);
            }
        }
        j = end.max(start + 1);
    }
    errors.finish()?;
    for f in &fns[1.min(fns.len())..] {
        let agree = match (&fns[0].deps, &f.deps) {
            (Deps::Concrete(a), Deps::Concrete(b)) => crate::tokens::same(a, b),
            (Deps::Generic(_), Deps::Generic(_)) | (Deps::Absent, Deps::Absent) => true,
            _ => false,
        };
        if !agree {
            let message = "all functions of an entrait module take the same kind of dependencies: either all generic (`&impl Trait`, `&D`) or all the same concrete type";
            return Err(error_at(f.ident.span(), message));
        }
    }

    let mut generated = Vec::with_capacity(64 * fns.len() + 32);
    FnTrait {
        args,
        ident: trait_ident,
        vis: &inner_visibility(&args.trait_vis),
        attrs: &docs,
        impl_cfgs: &[],
        fns: &fns,
        api: MockApi::Module,
    }
    .emit(&mut generated);
    let mut inner = body.stream();
    inner.extend(generated);
    let mut new_body = Group::new(Delimiter::Brace, inner);
    new_body.set_span(body.span());

    let mut out = Vec::with_capacity(trees.len() + 16);
    out.extend_from_slice(&trees[..at + 2]);
    out.push(TokenTree::Group(new_body));
    // The re-export is unused where the trait is only named through the module; that is no
    // reason for a warning in the user's crate.
    for attr in outer
        .iter()
        .filter(|a| attr_name(a).as_deref() == Some("cfg"))
    {
        out.extend_from_slice(attr);
    }
    out.push(punct('#'));
    let (mut allow, lint) = (vec![ident("allow")], vec![ident("unused_imports")]);
    push_group(&mut allow, Delimiter::Parenthesis, lint);
    push_group(&mut out, Delimiter::Bracket, allow);
    out.extend_from_slice(&args.trait_vis);
    out.push(ident("use"));
    out.push(TokenTree::Ident(mod_ident.clone()));
    push_joint(&mut out, ':', ':');
    out.push(TokenTree::Ident(trait_ident.clone()));
    out.push(punct(';'));
    Ok(stream(out))
}

/// The visibility inside the module that makes the trait visible where `outer` says.
fn inner_visibility(outer: &[TokenTree]) -> Vec<TokenTree> {
    let pub_in = |path: &[TokenTree]| {
        let mut out = vec![ident("pub")];
        let mut inner = Vec::with_capacity(path.len() + 1);
        if path.len() > 1 || !is_ident(&path[0], "super") {
            inner.push(ident("in"));
        }
        inner.extend_from_slice(path);
        push_group(&mut out, Delimiter::Parenthesis, inner);
        out
    };
    let super_ = ident("super");
    let restricted = match outer {
        [] => return pub_in(&[super_]),
        [_, TokenTree::Group(g)] => trees(g.stream()),
        _ => return outer.to_vec(),
    };
    let path = match restricted.split_first() {
        Some((first, path)) if is_ident(first, "in") => path,
        _ => &restricted[..],
    };
    let mut prefixed = vec![super_];
    match word(path, 0).as_deref() {
        Some("self") => prefixed.extend_from_slice(&path[1..]),
        Some("super") => {
            push_joint(&mut prefixed, ':', ':');
            prefixed.extend_from_slice(path);
        }
        _ => return outer.to_vec(),
    }
    pub_in(&prefixed)
}
