//! The one reader of entrait functions (free, in a module, in an impl block) and their model,
//! and of the method signatures of an `#[entrait]` trait (`MethodSig`, at the end).
//!
//! Input:  `fn greet<'a>(deps: &impl Names, id: u32, suffix: &'a str) -> String { … }`
//! Model:  `deps` = generic with the bounds `Names`, `generics` = `'a`,
//!         `params` = `id: u32`, `suffix: &'a str`, `output` = `String`
//!
//! The reader walks the function's top-level tokens once and keeps slices of them: types are
//! never parsed, only split at the top-level `,` `+` `:` that delimit them. Where the method
//! must differ from the function, the model holds rewritten copies: a named deps type
//! parameter `D` written as `Self`, a parameter pattern replaced by a name.

use std::borrow::Cow;

use quote::ToTokens;

use crate::tokens::{
    angle, attr_name, closing_angle, error, error_at, ident_is, ident_p2, is_group, is_ident,
    is_lone_colon, is_punct, item_kind, mentions, outer_attrs, punct, push_joined, push_joint,
    replace, split, stream, top_level, trees as trees_of, word, Delimiter, Group, Ident, Span,
    TokenTree, Q,
};

pub struct FnModel<'a> {
    /// `#[cfg]` and doc attributes, mirrored onto the trait method.
    pub mirrored: Vec<&'a [TokenTree]>,
    pub cfgs: Vec<&'a [TokenTree]>,
    pub is_async: bool,
    pub is_unsafe: bool,
    pub ident: &'a Ident,
    /// The method's generic parameters: the function's minus the deps type parameter.
    pub generics: Vec<&'a [TokenTree]>,
    /// The method's where predicates: those not on the deps type.
    pub where_preds: Vec<&'a [TokenTree]>,
    /// Bounds on the deps type that use the function's other generics: on the method, where
    /// those are in scope (the impl cannot name them).
    pub method_deps: Vec<DepsPred<'a>>,
    /// A function's type and const parameters other than the deps type: the generated trait's
    /// (`fn f<T: Default>` gives `trait F<T: Default>`), as the published crate does.
    pub lifted: Vec<Generic<'a>>,
    /// `::<X, _, N>`, calling the function with the trait's parameters (`_` for the deps type),
    /// which need not occur in its arguments; empty when nothing is lifted.
    pub turbofish: Vec<TokenTree>,
    /// `'a` of `deps: &'a D`, which the receiver keeps.
    pub deps_lifetime: Option<Vec<TokenTree>>,
    pub deps: Deps<'a>,
    pub params: Vec<Param>,
    pub output: Option<&'a [TokenTree]>,
    /// The first token of the parameter list, for errors about the dependencies.
    pub params_span: Span,
    /// Does the signature use the name `T` (then the impls' parameter is `EntraitT`)?
    pub uses_t: bool,
    /// Does the signature name the deps type parameter (then the method writes it `Self`)?
    mentions_deps: bool,
}

/// Where a function is: its own trait's (type parameters lifted to the trait), a module's or an
/// `#[entrait] impl` block's (deps receive the `&Impl<T>`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Fn,
    Mod,
    Impl,
}

pub struct Param {
    pub ident: Ident,
    pub ty: Vec<TokenTree>,
}

/// What the first parameter of an entrait function is.
pub enum Deps<'a> {
    /// `&impl A`, `&D` with `D: A` or unbounded, or the by-value forms `impl A` / `D`.
    Generic(GenericDeps<'a>),
    /// `&Config`: a leaf, implemented for the concrete type.
    Concrete(Vec<TokenTree>),
    /// `no_deps`: every parameter becomes a method parameter.
    Absent,
}

pub struct GenericDeps<'a> {
    /// `D`, or `None` for `impl A`.
    pub name: Option<String>,
    /// `deps: impl A` or `deps: D` (the method passes `&Self`).
    pub by_value: bool,
    pub preds: Vec<DepsPred<'a>>,
}

/// `bounded: bounds` on the deps type, `bounded` being the deps type itself when `None`
/// (else tokens naming it, like `for<'x> &'x D`). Types in the model are written as in the
/// function, naming the deps type parameter; emitters substitute it (`Self`, `Impl<T>`).
pub struct DepsPred<'a> {
    pub bounded: Option<Vec<TokenTree>>,
    /// The user's tokens, or joined from them where split between the impl and the method.
    pub bounds: Cow<'a, [TokenTree]>,
}

/// A generic parameter of the function, as written.
pub struct Generic<'a> {
    pub tokens: &'a [TokenTree],
    /// Without a default (`= X`): as an impl declares it.
    pub decl: &'a [TokenTree],
    pub ident: &'a TokenTree,
    name: String,
    pub lifetime: bool,
    is_const: bool,
    /// A type parameter's inline bounds.
    bounds: &'a [TokenTree],
}

impl<'a> FnModel<'a> {
    /// `trees` is the whole function item, attributes to body; `(sig_start, fn_at)`, where the
    /// signature (after the visibility) and the `fn` keyword are (`tokens::item_kind`).
    pub fn read(
        trees: &'a [TokenTree],
        (sig_start, fn_at): (usize, usize),
        no_deps: bool,
        place: Place,
    ) -> syn::Result<Self> {
        let in_impl = place == Place::Impl;
        let attrs = outer_attrs(trees, &mut 0);
        let [mirrored, cfgs] = mirrored(&attrs, &attrs);
        let [is_async, is_unsafe] = async_unsafe(&trees[sig_start..fn_at]);
        let (ident, generic_trees, args, i) = read_head(trees, fn_at)?;
        let mut generics = Vec::new();
        for tokens in generic_params(generic_trees) {
            generics.push(Generic::read(tokens)?);
        }
        // The body is the last tree (a module's or impl block's items are cut after it).
        let body = trees.len() - 1;
        if body < i || !is_group(&trees[body], Delimiter::Brace) {
            let end = body + usize::from(!is_punct(&trees[body], ';'));
            return Err(error(
                &trees[sig_start..end.max(sig_start + 1)],
                "`#[entrait]` needs the function's body `{ … }`; for the methods of a trait, put `#[entrait]` on the trait itself",
            ));
        }
        let (output, where_preds) = read_tail(trees, i, body)?;

        let arg_trees = trees_of(args.stream());
        let raw = raw_params(&arg_trees);
        if let Some(dots) = raw.iter().find_map(RawParam::variadic) {
            return Err(error_at(dots, "entrait functions cannot be variadic"));
        }
        let fn_name = ident.to_string();
        let mut model = FnModel {
            mirrored,
            cfgs,
            is_async,
            is_unsafe,
            ident,
            generics: Vec::new(),
            where_preds,
            method_deps: Vec::new(),
            lifted: Vec::new(),
            turbofish: Vec::new(),
            deps_lifetime: None,
            deps: Deps::Absent,
            params: Vec::with_capacity(raw.len()),
            output,
            params_span: arg_trees.first().map_or(args.span(), TokenTree::span),
            uses_t: fn_name == "T",
            mentions_deps: false,
        };
        let (mut rest, mut deps_at) = (&raw[..], None);
        if !no_deps {
            let Some((deps, others)) = raw.split_first() else {
                let message = if in_impl {
                    "has no dependencies parameter: functions in an `#[entrait]` impl block take one first (`deps: &impl Trait`, or `_deps: &D` if unused), which receives the `&Impl<T>`"
                } else {
                    "has no dependencies parameter: add one as the first parameter (`deps: &impl Trait`), or write `no_deps` in the attribute if it takes none"
                };
                let span = if in_impl { ident.span() } else { args.span() };
                return Err(error_at(span, format!("`{ident}` {message}")));
            };
            rest = others;
            if deps.receiver {
                let message = if in_impl {
                    "functions in an `#[entrait]` impl block take their dependencies as the first parameter, not `self`: write `fn name(deps: &impl Trait, …)`"
                } else {
                    "entrait functions take their dependencies as an ordinary first parameter, not `self`: write `fn name(deps: &impl Trait, …)`; for a method in an impl block, put `#[entrait]` on the impl block"
                };
                return Err(error(deps.pat, message));
            }
            deps_at = model.read_deps(deps.typed()?, &generics, in_impl)?;
        }
        // The names in use, collected for the first parameter that cannot keep its own.
        let mut taken: Vec<String> = Vec::new();
        for (index, param) in rest.iter().enumerate() {
            if param.receiver {
                return Err(error(
                    param.pat,
                    "`self` can only be the first parameter, of a method; entrait functions take their dependencies first instead: `fn name(deps: &impl Trait, …)`",
                ));
            }
            let ty = param.typed()?.to_vec();
            model.uses_t |= param.binding.as_ref().is_some_and(|(_, name)| name == "T");
            // `param_ident`'s first case, without collecting the names.
            let ident = match &param.binding {
                Some((ident, name)) if !name.starts_with('_') && *name != fn_name => {
                    (*ident).clone()
                }
                binding => {
                    if taken.is_empty() {
                        taken.extend([fn_name.clone(), "self".into()]);
                        let names = rest.iter().filter_map(|p| p.binding.as_ref());
                        taken.extend(names.map(|(_, name)| name.clone()));
                    }
                    param_ident(binding.clone(), param.pat[0].span(), index + 1, &mut taken)
                }
            };
            model.params.push(Param { ident, ty });
        }

        let lifts = |(k, g): (usize, &Generic)| !g.lifetime && Some(k) != deps_at;
        let lifting = place == Place::Fn && generics.iter().enumerate().any(lifts);
        // `::<X, _, N>`, the `_` standing for the deps type (never a lifetime).
        let mut args = Vec::new();
        for (k, g) in generics.into_iter().enumerate() {
            if !lifting || g.lifetime {
                if Some(k) != deps_at {
                    model.generics.push(g.tokens);
                }
            } else if Some(k) == deps_at {
                args.push(crate::tokens::ident("_"));
            } else {
                args.push(g.ident.clone());
                model.lifted.push(g);
            }
        }
        if lifting {
            push_joint(&mut model.turbofish, ':', ':');
            model.turbofish.push(punct('<'));
            push_joined(&mut model.turbofish, args, ',', Vec::push);
            model.turbofish.push(punct('>'));
        }
        model.where_preds.retain(|p| !p.is_empty());
        model.scan();
        Ok(model)
    }

    /// The name of the deps type parameter (`D` of `deps: &D`).
    pub fn deps_name(&self) -> Option<&str> {
        match &self.deps {
            Deps::Generic(g) => g.name.as_deref(),
            _ => None,
        }
    }

    /// Does the method's signature name the deps type (which it writes `Self`)?
    pub fn names_deps(&self) -> bool {
        self.mentions_deps || !self.method_deps.is_empty()
    }

    /// `tokens` with the deps type parameter written as `to`.
    pub fn own<'t>(&self, tokens: &'t [TokenTree], to: &[TokenTree]) -> Cow<'t, [TokenTree]> {
        match self.deps_name() {
            Some(d) if self.mentions_deps && mentions(tokens, d) => {
                Cow::Owned(replace(tokens, d, to))
            }
            _ => Cow::Borrowed(tokens),
        }
    }

    /// Looks for `T` and the deps type parameter in the signature.
    fn scan(&mut self) {
        let deps = self.deps_name();
        let mut found = [self.uses_t, false];
        scan(self.output.unwrap_or_default(), deps, &mut found);
        for param in &self.params {
            scan(&param.ty, deps, &mut found);
        }
        let slices = self.generics.iter().chain(&self.where_preds).copied();
        for tokens in slices.chain(self.lifted.iter().map(|g| g.tokens)) {
            scan(tokens, deps, &mut found);
        }
        for pred in &self.method_deps {
            let bounded = pred.bounded.as_deref().unwrap_or_default();
            scan(bounded, None, &mut found);
            scan(&pred.bounds, None, &mut found);
        }
        [self.uses_t, self.mentions_deps] = found;
    }

    /// The dependencies' type `ty`: its kind, and its bounds split between the impl and (when
    /// they use the function's other generics) the method. The where predicates on the deps
    /// type leave `where_preds`, which are the method's.
    fn read_deps(
        &mut self,
        ty: &[TokenTree],
        generics: &[Generic<'a>],
        in_impl: bool,
    ) -> syn::Result<Option<usize>> {
        let (inner, by_value) = match ty {
            [amp, q, lifetime, rest @ ..] if is_punct(amp, '&') && is_punct(q, '\'') => {
                self.deps_lifetime = Some(vec![q.clone(), lifetime.clone()]);
                (strip_parens(rest), false)
            }
            [amp, rest @ ..] if is_punct(amp, '&') => (strip_parens(rest), false),
            _ => (strip_parens(ty), true),
        };
        let named = match (word(&inner, 0).as_deref(), inner.len()) {
            (Some("mut"), _) if !by_value => {
                return Err(error_at(
                    inner[0].span(),
                    "dependencies are shared: take them as `&`, not `&mut`",
                ))
            }
            (Some("impl"), _) => Some(None),
            (Some(d), 1) => generics
                .iter()
                .position(|g| !g.lifetime && g.name == d)
                .map(Some),
            _ => None,
        };
        // Concrete dependencies (`&Config`): borrowed, and not generic.
        let Some(named) = named else {
            if by_value {
                let written = stream(ty.to_vec());
                return Err(error_at(
                    ty[0].span(),
                    format!("concrete dependencies are borrowed: write `&{written}`, or use `impl Trait` for generic dependencies"),
                ));
            }
            let used = |g: &&Generic| !g.lifetime && !g.is_const && mentions(&inner, &g.name);
            if let Some(Generic { name, .. }) = generics.iter().find(used) {
                return Err(error_at(
                    inner[0].span(),
                    format!("the dependency type uses the type parameter `{name}`: either make the dependency fully generic (`deps: &{name}` with trait bounds) or fully concrete"),
                ));
            }
            if inner.is_empty() {
                return Err(error(ty, "expected the dependencies' type"));
            }
            if in_impl {
                let written = stream(inner.into_owned());
                return Err(error(
                    ty,
                    format!("functions in an `#[entrait]` impl block get the application as `&Impl<T>`, so their dependencies are generic: write `deps: &impl Trait` instead of `&{written}`"),
                ));
            }
            self.deps = Deps::Concrete(inner.into_owned());
            return Ok(None);
        };
        // Bounds that use the function's other generics cannot go on the impl. By-value deps
        // are `&Self` in the method: all their bounds go to the impl.
        let mut others = Vec::new();
        for (k, g) in generics.iter().enumerate() {
            if !by_value && Some(k) != named {
                others.push(g);
            }
        }
        let method = &mut self.method_deps;
        let (name, preds) = match named {
            None => {
                // The parameter list's tokens, not the item's: copied.
                let owned = |p: DepsPred| DepsPred {
                    bounded: p.bounded,
                    bounds: Cow::Owned(p.bounds.into_owned()),
                };
                let mut local = Vec::new();
                let pred = split_bounds(&others, None, &inner[1..], &mut local);
                method.extend(local.into_iter().map(owned));
                (None, pred.into_iter().map(owned).collect())
            }
            Some(k) => {
                let param = &generics[k];
                let mut preds = Vec::from_iter(split_bounds(&others, None, param.bounds, method));
                // The predicates on the deps type move to `preds`, the others stay the method's.
                self.where_preds.retain(|&pred| {
                    let Some((colon, itself)) = bounds_deps(pred, &param.name) else {
                        return true;
                    };
                    let bounded = (!itself).then(|| pred[..colon].to_vec());
                    preds.extend(split_bounds(&others, bounded, &pred[colon + 1..], method));
                    false
                });
                (Some(param.name.clone()), preds)
            }
        };
        self.deps = Deps::Generic(GenericDeps {
            name,
            by_value,
            preds,
        });
        Ok(named)
    }
}

/// Of `attrs`, as `items`: the `#[cfg]` and doc ones (mirrored onto generated declarations),
/// and the `#[cfg]`s alone. Functions and trait methods.
fn mirrored<T: Clone>(attrs: &[&[TokenTree]], items: &[T]) -> [Vec<T>; 2] {
    let [mut mirrored, mut cfgs] = [Vec::new(), Vec::new()];
    for (attr, item) in attrs.iter().zip(items) {
        match attr_name(attr).as_deref() {
            Some("cfg") => {
                mirrored.push(item.clone());
                cfgs.push(item.clone());
            }
            Some("doc") => mirrored.push(item.clone()),
            _ => {}
        }
    }
    [mirrored, cfgs]
}

/// Are `async` and `unsafe` among the qualifiers before `fn`?
fn async_unsafe(quals: &[TokenTree]) -> [bool; 2] {
    ["async", "unsafe"].map(|word| quals.iter().any(|t| is_ident(t, word)))
}

/// The generic parameters in `<…>` (or in nothing), each as written.
fn generic_params(generics: &[TokenTree]) -> Vec<&[TokenTree]> {
    match generics {
        [_, inner @ .., _] => split(inner, ',').unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// `fn name<G>(args)` from the `fn` at `i`: the name, the generics with their brackets, the
/// parameter list, and the index after it. Functions and trait methods.
fn read_head(trees: &[TokenTree], i: usize) -> syn::Result<(&Ident, &[TokenTree], &Group, usize)> {
    let Some(TokenTree::Ident(ident)) = trees.get(i + 1) else {
        return Err(error(&trees[i..=i], "expected the function's name"));
    };
    let (start, mut i) = (i + 2, i + 2);
    if trees.get(i).is_some_and(|t| is_punct(t, '<')) {
        i = 1 + closing_angle(trees, i)
            .ok_or_else(|| error(&trees[i..=i], "expected `>` closing the generics"))?;
    }
    match trees.get(i) {
        Some(TokenTree::Group(args)) if args.delimiter() == Delimiter::Parenthesis => {
            Ok((ident, &trees[start..i], args, i + 1))
        }
        _ => Err(error(
            &trees[i.min(trees.len() - 1)..],
            "expected the parameter list",
        )),
    }
}

/// The return type, and the where predicates.
type Tail<'t> = (Option<&'t [TokenTree]>, Vec<&'t [TokenTree]>);

/// `-> R where …` from `j` up to `end`.
fn read_tail<'t>(trees: &'t [TokenTree], mut j: usize, end: usize) -> syn::Result<Tail<'t>> {
    let mut output = None;
    if j + 1 < end && is_punct(&trees[j], '-') && is_punct(&trees[j + 1], '>') {
        let mut stop = j + 2;
        while stop < end && !is_ident(&trees[stop], "where") {
            stop += 1;
        }
        if stop == j + 2 {
            return Err(error(&trees[j..j + 2], "expected the return type"));
        }
        output = Some(&trees[j + 2..stop]);
        j = stop;
    }
    let mut where_preds = Vec::new();
    if j < end {
        // After a return type, the loop stopped at `where`.
        if output.is_none() && !is_ident(&trees[j], "where") {
            return Err(error(
                &trees[j..end],
                "expected `where` or the function's body",
            ));
        }
        where_preds = split(&trees[j + 1..end], ',').unwrap_or_default();
    }
    Ok((output, where_preds))
}

/// The name of a lifetime parameter (`'a: 'b`).
pub fn lifetime_name(param: &[TokenTree]) -> Option<&Ident> {
    match param {
        [q, TokenTree::Ident(name), ..] if is_punct(q, '\'') => Some(name),
        _ => None,
    }
}

impl DepsPred<'_> {
    /// `bounded: bounds` with the deps type (`deps`, or the `impl` one) written as `target`.
    pub fn push(&self, out: &mut Vec<TokenTree>, deps: Option<&str>, target: &[TokenTree]) {
        let own = |tokens: &[TokenTree]| match deps {
            Some(d) => replace(tokens, d, target),
            None => tokens.to_vec(),
        };
        match &self.bounded {
            Some(bounded) => out.extend(own(bounded)),
            None => out.extend_from_slice(target),
        }
        out.push(punct(':'));
        out.extend(own(&self.bounds));
    }

    /// `D: bounds` with bounds that do not name `D`: mergeable with other such lists.
    pub fn plain(&self, deps: Option<&str>) -> bool {
        self.bounded.is_none() && !deps.is_some_and(|d| mentions(&self.bounds, d))
    }
}

impl<'a> Generic<'a> {
    pub fn read(tokens: &'a [TokenTree]) -> syn::Result<Self> {
        let (lifetime, name_at, name) = match tokens {
            [q, TokenTree::Ident(name), ..] if is_punct(q, '\'') => (true, 1, name),
            [c, TokenTree::Ident(name), ..] if is_ident(c, "const") => (false, 1, name),
            [TokenTree::Ident(name), ..] => (false, 0, name),
            _ => return Err(error(tokens, "expected a generic parameter")),
        };
        let eq = top_level(tokens, '=').and_then(|e| e.first().copied());
        let decl = &tokens[..eq.unwrap_or(tokens.len())];
        let bounds = match &decl[name_at + 1..] {
            [colon, bounds @ ..] if is_punct(colon, ':') && !lifetime && name_at == 0 => bounds,
            _ => &[],
        };
        Ok(Generic {
            tokens,
            decl,
            ident: &tokens[name_at],
            name: name.to_string(),
            lifetime,
            is_const: !lifetime && name_at == 1,
            bounds,
        })
    }
}

/// Does `tokens` use one of `generics` (groups included)?
fn uses(tokens: &[TokenTree], generics: &[&Generic]) -> bool {
    tokens.iter().enumerate().any(|(i, tt)| match tt {
        TokenTree::Ident(id) => {
            let (text, lifetime) = (id.to_string(), i > 0 && is_punct(&tokens[i - 1], '\''));
            generics
                .iter()
                .any(|g| g.lifetime == lifetime && g.name == text)
        }
        TokenTree::Group(g) => uses(&trees_of(g.stream()), generics),
        _ => false,
    })
}

/// Which of `T` and `deps` occur in `tokens` (groups included).
fn scan(tokens: &[TokenTree], deps: Option<&str>, found: &mut [bool; 2]) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                found[0] |= text == "T";
                found[1] |= deps == Some(&text);
            }
            TokenTree::Group(g) => scan(&trees_of(g.stream()), deps, found),
            _ => {}
        }
    }
}

/// `bounded: bounds`, split bound by bound: those using `others` (the function's generics that
/// cannot go on the impl) go to `method`, the rest are returned for the impl.
fn split_bounds<'b>(
    others: &[&Generic],
    bounded: Option<Vec<TokenTree>>,
    bounds: &'b [TokenTree],
    method: &mut Vec<DepsPred<'b>>,
) -> Option<DepsPred<'b>> {
    if others.is_empty() {
        return (!bounds.is_empty()).then_some(DepsPred {
            bounded,
            bounds: Cow::Borrowed(bounds),
        });
    }
    let pred = |bounded: Option<Vec<TokenTree>>, bounds: &[&[TokenTree]]| DepsPred {
        bounded,
        bounds: Cow::Owned(bounds.join(&punct('+'))),
    };
    // A bounded type that uses them takes all its bounds to the method.
    let all_to_method = bounded.as_deref().is_some_and(|b| uses(b, others));
    let all = split(bounds, '+').unwrap_or_else(|| vec![bounds]);
    let (to_method, own): (Vec<&[TokenTree]>, Vec<&[TokenTree]>) = all
        .into_iter()
        .partition(|b| all_to_method || uses(b, others));
    if all_to_method || !to_method.is_empty() {
        method.push(pred(bounded.clone(), &to_method));
    }
    (!own.is_empty()).then(|| pred(bounded, &own))
}

/// For a type predicate whose bounded type mentions `deps` (`D: A`, `for<'x> &'x D: B`), the
/// index of its colon, and whether the bounded type is `deps` itself.
fn bounds_deps(pred: &[TokenTree], deps: &str) -> Option<(usize, bool)> {
    if pred.first().map_or(true, |t| is_punct(t, '\'')) {
        return None;
    }
    let colon = *top_level(pred, ':')?.first()?;
    match &pred[..colon] {
        [TokenTree::Ident(bounded)] => ident_is(bounded, deps).then_some((colon, true)),
        bounded => mentions(bounded, deps).then_some((colon, false)),
    }
}

/// `(impl A + B)` and invisible groups around a type, looked through.
fn strip_parens(tokens: &[TokenTree]) -> Cow<'_, [TokenTree]> {
    if let [TokenTree::Group(g)] = tokens {
        if matches!(g.delimiter(), Delimiter::Parenthesis | Delimiter::None) {
            let inner = trees_of(g.stream());
            if !inner.is_empty() && top_level(&inner, ',').is_some_and(|c| c.is_empty()) {
                return Cow::Owned(strip_parens(&inner).into_owned());
            }
        }
    }
    Cow::Borrowed(tokens)
}

/// One parameter as written: `#[attrs] pattern: Type`, or a receiver. Also read for the
/// methods of a trait (`MethodSig`).
struct RawParam<'p> {
    attrs: &'p [TokenTree],
    /// The pattern (the whole parameter when it has no `:`).
    pat: &'p [TokenTree],
    ty: Option<&'p [TokenTree]>,
    /// `self`, `&'a mut self`, `self: Box<Self>`…
    receiver: bool,
    /// `ref? mut? name`: the name, to be reused in the trait.
    binding: Option<(&'p Ident, String)>,
}

impl<'p> RawParam<'p> {
    fn typed(&self) -> syn::Result<&'p [TokenTree]> {
        self.ty
            .ok_or_else(|| error(self.pat, "expected `pattern: Type`"))
    }

    /// The span of a C-variadic `...`.
    fn variadic(&self) -> Option<Span> {
        match self.ty.unwrap_or(self.pat) {
            [a, b, c] if is_punct(a, '.') && is_punct(b, '.') && is_punct(c, '.') => Some(a.span()),
            _ => None,
        }
    }
}

/// The parameters, split at the top-level commas, each at its first top-level lone `:`.
fn raw_params(trees: &[TokenTree]) -> Vec<RawParam<'_>> {
    let mut params = Vec::with_capacity(4);
    // One pass for the commas and colons: `tokens::split` and `top_level` per parameter cost more.
    let (mut start, mut depth, mut first_colon) = (0, 0isize, None);
    for k in 0..trees.len() + 1 {
        // Only punctuation needs a closer look.
        let punct = match trees.get(k) {
            Some(TokenTree::Punct(p)) => p.as_char(),
            Some(_) => continue,
            None => ',',
        };
        if punct != ',' || depth != 0 && k < trees.len() {
            depth += angle(trees, k);
            if depth == 0 && first_colon.is_none() && is_lone_colon(trees, k) {
                first_colon = Some(k - start);
            }
            continue;
        }
        let (param, colon) = (&trees[start..k], first_colon.take());
        start = k + 1;
        let mut a = 0;
        outer_attrs(param, &mut a);
        if a == param.len() {
            continue;
        }
        let colon = colon.filter(|&c| c > a);
        let pat = &param[a..colon.unwrap_or(param.len())];
        let ty = colon.map(|c| &param[c + 1..]).filter(|t| !t.is_empty());
        let (receiver, binding) = match pat.split_last() {
            Some((TokenTree::Ident(last), prefix)) => {
                let name = last.to_string();
                // `self` ends no pattern but a receiver's: `self`, `&'a mut self`…
                let receiver = name == "self";
                let modifier = |t: &TokenTree| is_ident(t, "ref") || is_ident(t, "mut");
                let plain = prefix.len() <= 2 && prefix.iter().all(modifier);
                let binding = (plain && !receiver && name != "_").then_some((last, name));
                (receiver, binding)
            }
            _ => (false, None),
        };
        params.push(RawParam {
            attrs: &param[..a],
            pat,
            ty,
            receiver,
            binding,
        });
    }
    params
}

/// The trait method's name for a parameter: the binding itself when it is a plain identifier,
/// otherwise (`(a, b): (i32, i32)`, `_`, a name that would shadow the function) `argN`.
/// A leading underscore is dropped, because the generated impl uses every parameter.
pub fn param_ident(
    binding: Option<(&Ident, String)>,
    span: Span,
    mut position: usize,
    taken: &mut Vec<String>,
) -> Ident {
    if let Some((ident, name)) = binding {
        let trimmed = name.trim_start_matches('_');
        if trimmed == name && !taken.iter().take(2).any(|t| *t == name) {
            return ident.clone();
        }
        if !trimmed.is_empty()
            && !taken.iter().any(|t| t == trimmed)
            && syn::parse_str::<proc_macro2::Ident>(trimmed).is_ok()
        {
            taken.push(trimmed.to_string());
            return Ident::new(trimmed, ident.span());
        }
    }
    loop {
        let candidate = format!("arg{position}");
        if !taken.contains(&candidate) {
            taken.push(candidate.clone());
            return Ident::new(&candidate, span);
        }
        position += 100;
    }
}

// ---- trait methods -----------------------------------------------------------------------

/// A method of a trait: read here, re-emitted and delegated by `expand/trait_.rs`.
#[derive(Clone)]
pub struct TraitItemFn {
    /// Every attribute as written.
    pub attrs: Vec<Vec<TokenTree>>,
    /// `#[cfg]` and doc attributes, mirrored onto generated declarations.
    pub mirrored: Vec<Vec<TokenTree>>,
    pub cfgs: Vec<Vec<TokenTree>>,
    pub sig: MethodSig,
    /// The default body `{ … }` or the `;`.
    pub end: TokenTree,
}

/// `const async unsafe extern "C" fn name<G>(args) -> R where …`, as slices of tokens.
#[derive(Clone)]
pub struct MethodSig {
    /// Everything up to `fn`, included.
    pub quals: Vec<TokenTree>,
    pub is_async: bool,
    pub is_unsafe: bool,
    pub ident: proc_macro2::Ident,
    /// `<…>` as written, brackets included (empty without generics).
    pub generics: Vec<TokenTree>,
    /// The span of the parentheses.
    pub paren: Span,
    pub inputs: Vec<FnArg>,
    /// `-> Type`, the arrow included.
    pub output: Option<Vec<TokenTree>>,
    pub where_preds: Vec<Vec<TokenTree>>,
}

#[derive(Clone)]
pub enum FnArg {
    Receiver(Receiver),
    Typed(PatType),
    /// Written by entrait.
    Written(Vec<TokenTree>),
}

/// `self`, `mut self`, `&self`, `&'a mut self`, or a typed `self: Box<Self>`, as written.
#[derive(Clone)]
pub struct Receiver {
    pub tokens: Vec<TokenTree>,
    /// `&` or `&'a`: `Some` of the lifetime's tokens (empty when elided).
    pub reference: Option<Vec<TokenTree>>,
    /// The `mut` of `&mut self`, or the binding's of `mut self`.
    pub mutability: bool,
    pub typed: bool,
}

/// A parameter as tokens: entrait prints it back as it is, with a generated name at most.
#[derive(Clone)]
pub struct PatType {
    pub attrs: Vec<TokenTree>,
    pub pat: Vec<TokenTree>,
    /// `ref? mut? name`: the name, which entrait can reuse.
    pub binding: Option<Ident>,
    pub ty: Vec<TokenTree>,
    /// The pattern's first token's.
    pub span: Span,
}

impl TraitItemFn {
    /// `tokens` is the method, attributes to its body or `;` (cut by `tokens::item_end`).
    pub fn read(trees: &[TokenTree]) -> syn::Result<Self> {
        let mut i = 0;
        let attr_trees = outer_attrs(trees, &mut i);
        let attrs: Vec<_> = attr_trees.iter().map(|a| a.to_vec()).collect();
        let [mirrored, cfgs] = mirrored(&attr_trees, &attrs);
        let last = trees.len() - 1;
        let end = &trees[last];
        if last < i || !(is_punct(end, ';') || is_group(end, Delimiter::Brace)) {
            return Err(error(&trees[last..], "expected `;` or the method's body"));
        }
        let (kind, at) = item_kind(trees, i);
        if kind != crate::tokens::ItemKind::Fn {
            return Err(error(&trees[i.min(last)..=at.min(last)], "expected `fn`"));
        }
        // The signature: its qualifiers from `i`, the `fn` at `at`, up to the body or `;`.
        let sig = &trees[..last];
        let [is_async, is_unsafe] = async_unsafe(&sig[i..at]);
        let (ident, generics, args, j) = read_head(sig, at)?;
        let (output, where_preds) = read_tail(sig, j, last)?;
        let arg_trees = trees_of(args.stream());
        let inputs: syn::Result<_> = raw_params(&arg_trees).iter().map(fn_arg).collect();
        let sig = MethodSig {
            quals: sig[i..=at].to_vec(),
            is_async,
            is_unsafe,
            ident: ident_p2(ident),
            generics: generics.to_vec(),
            paren: args.span(),
            inputs: inputs?,
            output: output.map(|o| sig[j..j + 2 + o.len()].to_vec()),
            where_preds: where_preds.into_iter().map(<[TokenTree]>::to_vec).collect(),
        };
        Ok(TraitItemFn {
            attrs,
            mirrored,
            cfgs,
            sig,
            end: end.clone(),
        })
    }

    pub fn has_default(&self) -> bool {
        is_group(&self.end, Delimiter::Brace)
    }
}

impl MethodSig {
    pub fn receiver(&self) -> Option<&Receiver> {
        match self.inputs.first() {
            Some(FnArg::Receiver(r)) => Some(r),
            _ => None,
        }
    }

    /// The return type without the arrow.
    pub fn output_ty(&self) -> Option<&[TokenTree]> {
        self.output.as_deref().map(|o| &o[2..])
    }

    /// The generic parameters, each as written.
    pub fn params(&self) -> Vec<&[TokenTree]> {
        generic_params(&self.generics)
    }

    /// Does the signature name `name` (the generated impls' `T` must not shadow it)?
    pub fn mentions(&self, name: &str) -> bool {
        let inputs = self.inputs.iter().map(|arg| match arg {
            FnArg::Receiver(Receiver { tokens, .. }) | FnArg::Written(tokens) => &tokens[..],
            FnArg::Typed(p) => &p.ty,
        });
        let output = self.output.as_deref().unwrap_or_default();
        let all = [&self.generics[..], output].into_iter().chain(inputs);
        all.chain(self.where_preds.iter().map(|p| &p[..]))
            .any(|t| mentions(t, name))
    }

    /// `where preds`, or nothing.
    pub fn where_clause(&self) -> Vec<TokenTree> {
        let mut out = Vec::new();
        if !self.where_preds.is_empty() {
            out.push(crate::tokens::ident("where"));
            out.extend(self.where_preds.join(&punct(',')));
        }
        out
    }
}

/// A parameter read by `raw_params`: a receiver, or a pattern and a type, all kept as tokens.
fn fn_arg(param: &RawParam) -> syn::Result<FnArg> {
    if let Some(span) = param.variadic() {
        return Err(error_at(span, "variadic methods cannot be delegated"));
    }
    if param.receiver {
        let pat = param.pat;
        let mut tokens = [param.attrs, pat].concat();
        if let Some(ty) = param.ty {
            tokens.push(punct(':'));
            tokens.extend_from_slice(ty);
        }
        let reference = is_punct(&pat[0], '&').then(|| match pat {
            [_, q, _, ..] if is_punct(q, '\'') => pat[1..3].to_vec(),
            _ => Vec::new(),
        });
        return Ok(FnArg::Receiver(Receiver {
            tokens,
            reference,
            mutability: pat.iter().any(|t| is_ident(t, "mut")),
            typed: param.ty.is_some(),
        }));
    }
    Ok(FnArg::Typed(PatType {
        attrs: param.attrs.to_vec(),
        pat: param.pat.to_vec(),
        binding: param.binding.as_ref().map(|(ident, _)| (*ident).clone()),
        ty: param.typed()?.to_vec(),
        span: param.pat[0].span(),
    }))
}

impl ToTokens for TraitItemFn {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        for attr in &self.attrs {
            Q(attr).to_tokens(tokens);
        }
        self.sig.to_tokens(tokens);
        Q(std::slice::from_ref(&self.end)).to_tokens(tokens);
    }
}

impl ToTokens for MethodSig {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        let mut inputs = Vec::with_capacity(self.inputs.len() * 8);
        push_joined(&mut inputs, &self.inputs, ',', |out, arg| match arg {
            FnArg::Receiver(Receiver { tokens: t, .. }) | FnArg::Written(t) => {
                out.extend_from_slice(t)
            }
            FnArg::Typed(t) => {
                out.extend_from_slice(&t.attrs);
                out.extend_from_slice(&t.pat);
                out.push(punct(':'));
                out.extend_from_slice(&t.ty);
            }
        });
        let mut args = Group::new(Delimiter::Parenthesis, stream(inputs));
        args.set_span(self.paren);
        Q(&self.quals).to_tokens(tokens);
        self.ident.to_tokens(tokens);
        Q(&self.generics).to_tokens(tokens);
        Q(&[TokenTree::Group(args)]).to_tokens(tokens);
        Q(self.output.as_deref().unwrap_or_default()).to_tokens(tokens);
        Q(&self.where_clause()).to_tokens(tokens);
    }
}
