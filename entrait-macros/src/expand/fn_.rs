//! `#[entrait(Trait)]` on a function, and the trait and impls generated from functions (shared
//! with modules, `mod_.rs`).
//!
//! Input:  `#[entrait(pub Foo)] fn foo(deps: &impl Bar, x: u32) -> u32 { … }`
//! Output: the function unchanged, then
//!         `pub trait Foo { fn foo(&self, x: u32) -> u32; }`
//!         `impl<T: Bar> Foo for T { fn foo(&self, x: u32) -> u32 { foo(self, x) } }`
//!         (for `::entrait::Impl<T>` instead of every `T` when the trait is mocked);
//!         concrete deps `&Config`: `impl Foo for Config` plus `impl<T: Foo> Foo for Impl<T>`.

use super::mock::{push_mock_attrs, MockApi, Unmock};
use super::required_trait_ident;
use crate::args::{check_applicable, Args, Name};
use crate::model::{Deps, DepsPred, FnModel, GenericDeps, Place};
use crate::tokens::{
    error_at, ident, punct, push_all, push_angled, push_future, push_group, push_joined,
    push_joint, push_lifetime, push_path, same, Delimiter, Ident, ItemKind, TokenTree,
};

/// The trait and impls for the function `trees` (`at`: see `FnModel::read`).
pub fn expand(args: &Args, trees: &[TokenTree], at: (usize, usize)) -> syn::Result<Vec<TokenTree>> {
    check_applicable(args, ItemKind::Fn)?;
    let trait_ident = required_trait_ident(args, "a function")?;
    let f = FnModel::read(trees, at, args.flag(Name::NoDeps), Place::Fn)?;
    if let (true, Deps::Generic(g)) = (args.mockall(), &f.deps) {
        let bounds = g.preds.first().map_or(0, |p| {
            crate::tokens::top_level(&p.bounds, '+').map_or(1, |plus| plus.len() + 1)
        });
        if g.preds.len() > 1 || bounds > 1 {
            let message = "`mockall` mocks one trait at a time, so the dependencies of a `mockall` function may have at most one trait bound; use unimock (`mock_api = …`) for several bounds";
            return Err(error_at(f.params_span, message));
        }
    }
    let fns = [f];
    let mut out = Vec::with_capacity(128);
    FnTrait {
        args,
        ident: trait_ident,
        vis: &args.trait_vis,
        attrs: &fns[0].mirrored,
        impl_cfgs: &fns[0].cfgs,
        fns: &fns,
        api: MockApi::Flat,
    }
    .emit(&mut out);
    Ok(out)
}

/// The trait generated from one function or the public functions of a module, and its impls.
pub struct FnTrait<'t, 'a> {
    pub args: &'t Args,
    pub ident: &'t Ident,
    /// The trait's visibility where it is declared (inside a module: as seen from there).
    pub vis: &'t [TokenTree],
    /// The trait's attributes: the function's docs and `cfg`s, or the module's docs.
    pub attrs: &'t [&'a [TokenTree]],
    /// `cfg`s on the impls (a function's; a module's are on the module).
    pub impl_cfgs: &'t [&'a [TokenTree]],
    /// All with generic (or no) dependencies, or all with the same concrete type.
    pub fns: &'t [FnModel<'a>],
    pub api: MockApi,
}

impl FnTrait<'_, '_> {
    pub fn emit(&self, out: &mut Vec<TokenTree>) {
        let send = !self.args.maybe_send();
        let self_ = ident("self");
        // `Self` for the deps type parameter, where the signature names it.
        let this = match self.fns.iter().any(FnModel::names_deps) {
            true => vec![ident("Self")],
            false => Vec::new(),
        };
        let mut sigs = Vec::with_capacity(self.fns.len());
        for f in self.fns {
            // `&'a self`: the deps reference's lifetime, if named.
            let mut receiver = Vec::with_capacity(16);
            receiver.push(punct('&'));
            receiver.extend(f.deps_lifetime.iter().flatten().cloned());
            receiver.push(self_.clone());
            sigs.push(sig(f, send, false, receiver, &this));
        }
        let uses_t = self.fns.iter().any(|f| f.uses_t);
        let t = ident(if uses_t { "EntraitT" } else { "T" });
        let mocked = self.args.mocked();
        // The function's type parameters are the trait's: `Tr<X: Bound>`, implemented as `Tr<X>`.
        let lifted = self.fns.first().map_or(&[][..], |f| &f.lifted[..]);
        let mut tr = vec![TokenTree::Ident(self.ident.clone())];
        push_angled(&mut tr, lifted, |out, g| out.push(g.ident.clone()));
        let mut params = Vec::new();
        for g in lifted {
            params.extend_from_slice(g.decl);
            params.push(punct(','));
        }

        push_all(out, self.attrs);
        let unimock = self.args.unimock();
        let unmock: Vec<Unmock> = self.fns.iter().filter(|_| unimock).map(unmock).collect();
        push_mock_attrs(out, self.args, unimock, self.api, &unmock);
        out.extend_from_slice(self.vis);
        out.push(ident("trait"));
        out.push(tr[0].clone());
        push_angled(out, lifted, |out, g| out.extend_from_slice(g.tokens));
        let mut decls = Vec::with_capacity(40 * sigs.len());
        for (f, sig) in self.fns.iter().zip(&sigs) {
            push_all(&mut decls, &f.mirrored);
            decls.extend_from_slice(sig);
            decls.push(punct(';'));
        }
        push_group(out, Delimiter::Brace, decls);

        // `::entrait::Impl<T>`
        let impl_t = || {
            let mut impl_t = Vec::with_capacity(6);
            push_path(&mut impl_t, &["entrait", "Impl"]);
            impl_t.extend([punct('<'), t.clone(), punct('>')]);
            impl_t
        };
        if let Some(Deps::Concrete(ty)) = self.fns.first().map(|f| &f.deps) {
            self.header(out, &params[..params.len().saturating_sub(1)], &tr, ty);
            self.methods(out, &mut sigs, None, &self_);
            params.extend([t.clone(), punct(':')]);
            params.extend_from_slice(&tr);
            self.header(out, &params, &tr, &impl_t());
            self.methods(out, &mut sigs, Some((&t, &tr)), &self_);
            return;
        }
        let target = if mocked { impl_t() } else { vec![t.clone()] };
        // `D: A + B` of every function, as one `T: A + B + …` (each list once); the other
        // predicates on the deps type each on its own.
        let mut merged: Vec<&[TokenTree]> = Vec::new();
        let mut where_preds: Vec<Vec<TokenTree>> = Vec::new();
        let mut needs_sync = false;
        for f in self.fns {
            let Deps::Generic(g) = &f.deps else {
                continue;
            };
            for pred in &g.preds {
                if !g.by_value && pred.plain(g.name.as_deref()) {
                    if !merged.iter().any(|seen| same(seen, &pred.bounds)) {
                        merged.push(&pred.bounds);
                    }
                } else {
                    where_preds.push(deps_pred(pred, g, &target));
                }
            }
            needs_sync |= f.is_async && send;
        }
        // `Sync` joins the other bounds when they are on `T` itself.
        let mut sync = Vec::new();
        if needs_sync {
            push_path(&mut sync, &["core", "marker", "Sync"]);
        }
        if needs_sync && !mocked {
            merged.push(&sync);
        }
        // `impl<T: A + B>`, or `where Impl<T>: A + B` first when mocked.
        params.push(t.clone());
        if !merged.is_empty() {
            let pred = if mocked {
                where_preds.insert(0, target.clone());
                &mut where_preds[0]
            } else {
                &mut params
            };
            pred.push(punct(':'));
            push_joined(pred, &merged, '+', |out, b| out.extend_from_slice(b));
        }
        if needs_sync && mocked {
            where_preds.push([t, punct(':')].into_iter().chain(sync).collect());
        }
        self.header(out, &params, &tr, &target);
        if !where_preds.is_empty() {
            out.push(ident("where"));
            push_joined(out, where_preds, ',', |out, p| out.extend(p));
        }
        self.methods(out, &mut sigs, None, &self_);
    }

    /// `#[cfg…] impl<params> Trait for target`
    fn header(
        &self,
        out: &mut Vec<TokenTree>,
        params: &[TokenTree],
        tr: &[TokenTree],
        target: &[TokenTree],
    ) {
        push_all(out, self.impl_cfgs);
        out.push(ident("impl"));
        if !params.is_empty() {
            out.push(punct('<'));
            out.extend_from_slice(params);
            out.push(punct('>'));
        }
        out.extend_from_slice(tr);
        out.push(ident("for"));
        out.extend_from_slice(target);
    }

    /// `{ fn f(&self, x: X) -> R { f(self, x) } … }` (`f(x)` for `no_deps`), or with `qualified`
    /// (`T`, the trait) `<T as Trait>::f(self, x)`: the delegation from `Impl<T>`, resolved
    /// directly where `T::f` would make rustc collect the traits in scope. The signatures are
    /// moved in but for a concrete type's own impl, whose signatures the next impl reuses.
    fn methods(
        &self,
        out: &mut Vec<TokenTree>,
        sigs: &mut [Vec<TokenTree>],
        qualified: Option<(&TokenTree, &[TokenTree])>,
        self_: &TokenTree,
    ) {
        let mut methods = Vec::with_capacity(48 * sigs.len());
        for (f, sig) in self.fns.iter().zip(sigs) {
            let mut call = Vec::with_capacity(8);
            if let Some((t, tr)) = qualified {
                call.extend([punct('<'), t.clone(), ident("as")]);
                call.extend_from_slice(tr);
                call.push(punct('>'));
                push_joint(&mut call, ':', ':');
            }
            call.push(TokenTree::Ident(f.ident.clone()));
            if qualified.is_none() {
                call.extend_from_slice(&f.turbofish);
            }
            let mut args = Vec::with_capacity(1 + 2 * f.params.len());
            if !matches!(f.deps, Deps::Absent) {
                args.push(self_.clone());
            }
            for param in &f.params {
                if !args.is_empty() {
                    args.push(punct(','));
                }
                args.push(TokenTree::Ident(param.ident.clone()));
            }
            push_group(&mut call, Delimiter::Parenthesis, args);
            push_all(&mut methods, &f.cfgs);
            match (qualified, &f.deps) {
                (None, Deps::Concrete(_)) => methods.extend_from_slice(sig),
                _ => methods.append(sig),
            }
            if f.is_unsafe {
                let mut block = vec![ident("unsafe")];
                push_group(&mut block, Delimiter::Brace, call);
                call = block;
            }
            push_group(&mut methods, Delimiter::Brace, call);
        }
        push_group(out, Delimiter::Brace, methods);
    }
}

/// A predicate on the deps type for an impl on `target`; by-value deps (`deps: impl A`) are
/// called with `&Self`: `for<'entrait_deps> &'entrait_deps T: A`.
pub fn deps_pred(pred: &DepsPred, deps: &GenericDeps, target: &[TokenTree]) -> Vec<TokenTree> {
    let (mut written, name) = (Vec::with_capacity(16), deps.name.as_deref());
    if !deps.by_value {
        pred.push(&mut written, name, target);
        return written;
    }
    written.extend([ident("for"), punct('<')]);
    push_lifetime(&mut written, "entrait_deps");
    written.push(punct('>'));
    let mut by_ref = vec![punct('&')];
    push_lifetime(&mut by_ref, "entrait_deps");
    by_ref.extend_from_slice(target);
    pred.push(&mut written, name, &by_ref);
    written
}

/// `unsafe fn name<'a>(receiver, x: X) -> R where …`: the function's signature as a method,
/// with the deps type parameter written as `this` (`Self`, `Impl<T>`) and the output of an
/// `async fn` as a future (unless `keep_async`, for `#[async_trait]`).
pub fn sig(
    f: &FnModel,
    send: bool,
    keep_async: bool,
    mut params: Vec<TokenTree>,
    this: &[TokenTree],
) -> Vec<TokenTree> {
    let mut sig = Vec::with_capacity(32);
    if f.is_async && keep_async {
        sig.push(ident("async"));
    }
    if f.is_unsafe {
        sig.push(ident("unsafe"));
    }
    sig.push(ident("fn"));
    sig.push(TokenTree::Ident(f.ident.clone()));
    push_angled(&mut sig, &f.generics, |out, g| {
        out.extend_from_slice(&f.own(g, this))
    });
    for param in &f.params {
        params.push(punct(','));
        params.push(TokenTree::Ident(param.ident.clone()));
        params.push(punct(':'));
        params.extend_from_slice(&f.own(&param.ty, this));
    }
    push_group(&mut sig, Delimiter::Parenthesis, params);
    let output = f.output.map(|o| f.own(o, this));
    if f.is_async && !keep_async {
        push_future(&mut sig, output.as_deref(), send);
    } else if let Some(output) = output {
        push_joint(&mut sig, '-', '>');
        sig.extend_from_slice(&output);
    }
    push_where(&mut sig, f, this);
    sig
}

/// The method's `where` clause, if it has one, with the deps type parameter written as `this`.
pub fn push_where(out: &mut Vec<TokenTree>, f: &FnModel, this: &[TokenTree]) {
    if !f.where_preds.is_empty() || !f.method_deps.is_empty() {
        out.push(ident("where"));
        let own = f.where_preds.iter().map(|p| f.own(p, this).into_owned());
        let deps = f.method_deps.iter().map(|pred| {
            let mut written = Vec::new();
            pred.push(&mut written, f.deps_name(), this);
            written
        });
        push_joined(out, own.chain(deps), ',', |out, p| out.extend(p));
    }
}

/// What unimock calls for this function when a test does not mock it.
fn unmock(f: &FnModel) -> Unmock {
    let mut call = vec![TokenTree::Ident(f.ident.clone())];
    call.extend_from_slice(&f.turbofish);
    match f.deps {
        Deps::Generic(_) => Some(call),
        Deps::Absent => {
            let mut args = Vec::new();
            push_joined(&mut args, &f.params, ',', |out, p| {
                out.push(TokenTree::Ident(p.ident.clone()));
            });
            push_group(&mut call, Delimiter::Parenthesis, args);
            Some(call)
        }
        Deps::Concrete(_) => None,
    }
}
