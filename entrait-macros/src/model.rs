//! The one reader of entrait functions (free, in a module, in an impl block) and their model.
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

use proc_macro2::{Delimiter, Ident, Span, TokenTree};

use crate::tokens::{
    attr_name, closing_angle, error, find_top, is_group, is_ident, is_punct, mentions, outer_attrs,
    push_joined, push_punct, replace, split, top_level, trees, visibility, word,
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
    pub method_deps: Vec<DepsPred>,
    /// `'a` of `deps: &'a D`, which the receiver keeps.
    pub deps_lifetime: Option<Vec<TokenTree>>,
    pub deps: Deps,
    pub params: Vec<Param>,
    pub output: Option<&'a [TokenTree]>,
    /// The first token of the parameter list, for errors about the dependencies.
    pub params_span: Span,
}

pub struct Param {
    pub ident: Ident,
    pub ty: Vec<TokenTree>,
}

/// What the first parameter of an entrait function is.
pub enum Deps {
    /// `&impl A`, `&D` with `D: A` or unbounded, or the by-value forms `impl A` / `D`.
    Generic {
        /// `D`, or `None` for `impl A`.
        name: Option<String>,
        /// `deps: impl A` or `deps: D` (the method passes `&Self`).
        by_value: bool,
        preds: Vec<DepsPred>,
    },
    /// `&Config`: a leaf, implemented for the concrete type.
    Concrete(Vec<TokenTree>),
    /// `no_deps`: every parameter becomes a method parameter.
    Absent,
}

/// `bounded: bounds` on the deps type, `bounded` being the deps type itself when `None`
/// (else tokens naming it, like `for<'x> &'x D`). Types in the model are written as in the
/// function, naming the deps type parameter; emitters substitute it (`Self`, `Impl<T>`).
pub struct DepsPred {
    pub bounded: Option<Vec<TokenTree>>,
    pub bounds: Vec<TokenTree>,
}

/// A generic parameter of the function, as written.
struct Generic<'a> {
    tokens: &'a [TokenTree],
    name: String,
    lifetime: bool,
    is_const: bool,
    /// A type parameter's inline bounds.
    bounds: &'a [TokenTree],
}

impl<'a> FnModel<'a> {
    /// `trees` is the whole function item, attributes to body. `in_impl`: a function of an
    /// `#[entrait] impl` block, whose deps receive the `&Impl<T>`.
    pub fn read(trees: &'a [TokenTree], no_deps: bool, in_impl: bool) -> syn::Result<Self> {
        let mut i = 0;
        let mut mirrored = Vec::new();
        let mut cfgs = Vec::new();
        for attr in outer_attrs(trees, &mut i) {
            match attr_name(attr).as_deref() {
                Some("cfg") => {
                    mirrored.push(attr);
                    cfgs.push(attr);
                }
                Some("doc") => mirrored.push(attr),
                _ => {}
            }
        }
        visibility(trees, &mut i);
        let sig_start = i;
        let (mut is_async, mut is_unsafe) = (false, false);
        loop {
            match word(trees, i).as_deref() {
                Some("fn") => break,
                Some("async") => is_async = true,
                Some("unsafe") => is_unsafe = true,
                Some("const" | "default") => {}
                Some("extern") => {
                    i += usize::from(matches!(trees.get(i + 1), Some(TokenTree::Literal(_))))
                }
                _ => {
                    return Err(error(
                        &trees[i.min(trees.len().saturating_sub(1))..],
                        "expected a function",
                    ))
                }
            }
            i += 1;
        }
        let Some(TokenTree::Ident(ident)) = trees.get(i + 1) else {
            return Err(error(&trees[i..=i], "expected the function's name"));
        };
        i += 2;

        let mut generics = Vec::new();
        if trees.get(i).is_some_and(|t| is_punct(t, '<')) {
            let close = closing_angle(trees, i)
                .ok_or_else(|| error(&trees[i..=i], "expected `>` closing the generics"))?;
            for tokens in split(&trees[i + 1..close], ',').unwrap_or_default() {
                generics.push(Generic::read(tokens)?);
            }
            i = close + 1;
        }
        let Some(TokenTree::Group(args)) = trees.get(i) else {
            return Err(error(
                &trees[i.min(trees.len() - 1)..],
                "expected the parameter list",
            ));
        };
        if args.delimiter() != Delimiter::Parenthesis {
            return Err(error(&trees[i..=i], "expected the parameter list"));
        }
        let body = find_top(trees, i + 1, |t| {
            is_punct(t, ';') || is_group(t, Delimiter::Brace)
        });
        let body = match body {
            Some(b) if is_group(&trees[b], Delimiter::Brace) && b + 1 == trees.len() => b,
            _ => {
                let end = body.unwrap_or(trees.len());
                return Err(error(
                    &trees[sig_start..end.max(sig_start + 1).min(trees.len())],
                    "`#[entrait]` needs the function's body `{ … }`; for the methods of a trait, \
                     put `#[entrait]` on the trait itself",
                ));
            }
        };
        let mut j = i + 1;
        let mut output = None;
        if j + 1 < body && is_punct(&trees[j], '-') && is_punct(&trees[j + 1], '>') {
            let end = (j + 2..body)
                .find(|&k| is_ident(&trees[k], "where"))
                .unwrap_or(body);
            if end == j + 2 {
                return Err(error(&trees[j..j + 2], "expected the return type"));
            }
            output = Some(&trees[j + 2..end]);
            j = end;
        }
        let where_clause = if j < body {
            if !is_ident(&trees[j], "where") {
                return Err(error(
                    &trees[j..body],
                    "expected `where` or the function's body",
                ));
            }
            &trees[j + 1..body]
        } else {
            &[]
        };
        let where_preds = split(where_clause, ',')
            .ok_or_else(|| error(where_clause, "unbalanced `<` `>` in the where clause"))?;

        let arg_trees = crate::tokens::trees(args.stream());
        let pieces = split(&arg_trees, ',')
            .ok_or_else(|| error(&trees[i..=i], "unbalanced `<` `>` in the parameters"))?;
        let mut raw = Vec::with_capacity(pieces.len());
        for piece in &pieces {
            let mut k = 0;
            outer_attrs(piece, &mut k);
            let piece = &piece[k..];
            if let Some(dots) = variadic(piece) {
                return Err(syn::Error::new(
                    dots,
                    "entrait functions cannot be variadic",
                ));
            }
            raw.push(piece);
        }
        if let Some(receiver) = raw.first().and_then(|p| receiver(p)) {
            if in_impl {
                return Err(error(
                    receiver,
                    "functions in an `#[entrait]` impl block take their dependencies as the first parameter, not `self`: \
                     write `fn name(deps: &impl Trait, …)`",
                ));
            }
            return Err(syn::Error::new(
                receiver[0].span(),
                "entrait functions take their dependencies as an ordinary first parameter, not `self`: \
                 write `fn name(deps: &impl Trait, …)`; for a method in an impl block, put `#[entrait]` on the impl block",
            ));
        }
        let params_span = arg_trees.first().map_or(args.span(), TokenTree::span);
        let mut model = FnModel {
            mirrored,
            cfgs,
            is_async,
            is_unsafe,
            ident,
            generics: Vec::new(),
            where_preds: Vec::new(),
            method_deps: Vec::new(),
            deps_lifetime: None,
            deps: Deps::Absent,
            params: Vec::new(),
            output: None,
            params_span,
        };
        let mut rest = &raw[..];
        if !no_deps {
            let Some((deps, others)) = raw.split_first() else {
                if in_impl {
                    return Err(syn::Error::new(
                        ident.span(),
                        format!(
                            "`{ident}` has no dependencies parameter: functions in an `#[entrait]` impl block take one \
                             first (`deps: &impl Trait`, or `_deps: &D` if unused), which receives the `&Impl<T>`"
                        ),
                    ));
                }
                return Err(syn::Error::new(
                    args.span(),
                    format!(
                        "`{ident}` has no dependencies parameter: add one as the first parameter \
                         (`deps: &impl Trait`), or write `no_deps` in the attribute if it takes none"
                    ),
                ));
            };
            rest = others;
            let (_, ty) = pattern(deps)?;
            model.read_deps(ty, &generics, where_preds.as_slice())?;
            if let (Deps::Concrete(concrete), true) = (&model.deps, in_impl) {
                return Err(error(
                    ty,
                    format!(
                        "functions in an `#[entrait]` impl block get the application as `&Impl<T>`, so their dependencies \
                         are generic: write `deps: &impl Trait` instead of `&{}`",
                        crate::tokens::stream(concrete.clone())
                    ),
                ));
            }
        }
        let deps_name = model.deps_name().map(str::to_string);

        let mut typed = Vec::with_capacity(rest.len());
        for piece in rest {
            if let Some(receiver) = receiver(piece) {
                return Err(error(
                    receiver,
                    "`self` can only be the first parameter, of a method; entrait functions take their \
                     dependencies first instead: `fn name(deps: &impl Trait, …)`",
                ));
            }
            typed.push(pattern(piece)?);
        }
        let bindings: Vec<_> = typed.iter().map(|(pat, _)| pat_ident(pat)).collect();
        let mut taken: Vec<String> = vec![ident.to_string(), "self".into()];
        taken.extend(bindings.iter().flatten().map(|(_, name)| name.clone()));
        for (index, ((pat, ty), binding)) in typed.iter().zip(bindings).enumerate() {
            model.params.push(Param {
                ident: param_ident(binding, pat[0].span(), index + 1, &mut taken),
                ty: ty.to_vec(),
            });
        }

        model.generics = generics
            .iter()
            .filter(|g| Some(&g.name) != deps_name.as_ref() || g.lifetime)
            .map(|g| g.tokens)
            .collect();
        model.where_preds = where_preds
            .into_iter()
            .filter(|p| !p.is_empty())
            .filter(|p| {
                !deps_name
                    .as_ref()
                    .is_some_and(|d| bounds_deps(p, d).is_some())
            })
            .collect();
        model.output = output;
        Ok(model)
    }

    /// The name of the deps type parameter (`D` of `deps: &D`).
    pub fn deps_name(&self) -> Option<&str> {
        match &self.deps {
            Deps::Generic { name, .. } => name.as_deref(),
            _ => None,
        }
    }

    /// `tokens` with the deps type parameter written as `to`.
    pub fn own<'t>(&self, tokens: &'t [TokenTree], to: &[TokenTree]) -> Cow<'t, [TokenTree]> {
        match self.deps_name() {
            Some(d) if mentions(tokens, d) => Cow::Owned(replace(tokens, d, to)),
            _ => Cow::Borrowed(tokens),
        }
    }

    /// Does the signature use the name `name` (then the impls' parameter cannot be `name`)?
    pub fn uses(&self, name: &str) -> bool {
        self.ident == name
            || self
                .params
                .iter()
                .any(|p| p.ident == name || mentions(&p.ty, name))
            || self.output.is_some_and(|o| mentions(o, name))
            || self.generics.iter().any(|g| mentions(g, name))
            || self.where_preds.iter().any(|p| mentions(p, name))
            || self.method_deps.iter().any(|p| {
                p.bounded.as_ref().is_some_and(|b| mentions(b, name)) || mentions(&p.bounds, name)
            })
    }

    /// The dependencies' type `ty`: its kind, and its bounds split between the impl and (when
    /// they use the function's other generics) the method.
    fn read_deps(
        &mut self,
        ty: &[TokenTree],
        generics: &[Generic],
        where_preds: &[&[TokenTree]],
    ) -> syn::Result<()> {
        let (inner, by_value) = match ty {
            [amp, rest @ ..] if is_punct(amp, '&') => {
                let mut rest = rest;
                if let [q, _, after @ ..] = rest {
                    if is_punct(q, '\'') {
                        self.deps_lifetime = Some(rest[..2].to_vec());
                        rest = after;
                    }
                }
                if let Some(m) = rest.first().filter(|t| is_ident(t, "mut")) {
                    return Err(syn::Error::new(
                        m.span(),
                        "dependencies are shared: take them as `&`, not `&mut`",
                    ));
                }
                (strip_parens(rest), false)
            }
            _ => (strip_parens(ty), true),
        };
        let others = FnGenerics::new(generics, &inner);
        let method = &mut self.method_deps;
        let mut split_bounds = |bounded: Option<Vec<TokenTree>>, bounds: &[TokenTree]| {
            others.split(bounded, bounds, by_value, method)
        };
        let mut preds = Vec::new();
        if let Some((_, bounds)) = inner.split_first().filter(|(f, _)| is_ident(f, "impl")) {
            preds.extend(split_bounds(None, bounds));
            self.deps = Deps::Generic {
                name: None,
                by_value,
                preds,
            };
            return Ok(());
        }
        if let [TokenTree::Ident(d)] = inner.as_slice() {
            if let Some(param) = generics.iter().find(|g| !g.lifetime && d == &g.name) {
                if !param.bounds.is_empty() {
                    preds.extend(split_bounds(None, param.bounds));
                }
                for pred in where_preds {
                    let Some(colon) = bounds_deps(pred, &param.name) else {
                        continue;
                    };
                    let bounded = match &pred[..colon] {
                        [TokenTree::Ident(b)] if b == &param.name => None,
                        bounded => Some(bounded.to_vec()),
                    };
                    preds.extend(split_bounds(bounded, &pred[colon + 1..]));
                }
                self.deps = Deps::Generic {
                    name: Some(param.name.clone()),
                    by_value,
                    preds,
                };
                return Ok(());
            }
        }
        if by_value {
            return Err(syn::Error::new(
                ty[0].span(),
                format!(
                    "concrete dependencies are borrowed: write `&{}`, or use `impl Trait` for generic dependencies",
                    crate::tokens::stream(ty.to_vec())
                ),
            ));
        }
        if let Some(param) = generics
            .iter()
            .find(|g| !g.lifetime && !g.is_const && mentions(&inner, &g.name))
        {
            return Err(syn::Error::new(
                inner[0].span(),
                format!(
                    "the dependency type uses the type parameter `{0}`: either make the dependency \
                     fully generic (`deps: &{0}` with trait bounds) or fully concrete",
                    param.name
                ),
            ));
        }
        if inner.is_empty() {
            return Err(error(ty, "expected the dependencies' type"));
        }
        self.deps = Deps::Concrete(inner);
        Ok(())
    }
}

impl DepsPred {
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
        push_punct(out, ':');
        out.extend(own(&self.bounds));
    }

    /// `D: bounds` with bounds that do not name `D`: mergeable with other such lists.
    pub fn plain(&self, deps: Option<&str>) -> bool {
        self.bounded.is_none() && !deps.is_some_and(|d| mentions(&self.bounds, d))
    }
}

impl<'a> Generic<'a> {
    fn read(tokens: &'a [TokenTree]) -> syn::Result<Self> {
        let (lifetime, name_at) = match tokens {
            [q, TokenTree::Ident(_), ..] if is_punct(q, '\'') => (true, 1),
            [c, TokenTree::Ident(_), ..] if is_ident(c, "const") => (false, 1),
            [TokenTree::Ident(_), ..] => (false, 0),
            _ => return Err(error(tokens, "expected a generic parameter")),
        };
        let name = word(tokens, name_at).unwrap_or_default();
        let after = &tokens[name_at + 1..];
        let bounds = match after.split_first() {
            Some((colon, bounds)) if is_punct(colon, ':') && !lifetime && name_at == 0 => {
                let end = top_level(bounds, '=')
                    .and_then(|e| e.first().copied())
                    .unwrap_or(bounds.len());
                &bounds[..end]
            }
            _ => &[],
        };
        Ok(Generic {
            tokens,
            name,
            lifetime,
            is_const: !lifetime && name_at == 1,
            bounds,
        })
    }
}

/// The function's generic parameters other than the deps type: bounds that use them cannot
/// go on the impl.
struct FnGenerics {
    params: Vec<String>,
    lifetimes: Vec<String>,
}

impl FnGenerics {
    fn new(generics: &[Generic], deps_ty: &[TokenTree]) -> Self {
        let deps = match deps_ty {
            [TokenTree::Ident(d)] => Some(d.to_string()),
            _ => None,
        };
        let (lifetimes, params) = generics
            .iter()
            .filter(|g| g.lifetime || Some(&g.name) != deps.as_ref())
            .partition::<Vec<&Generic>, _>(|g| g.lifetime);
        FnGenerics {
            params: params.iter().map(|g| g.name.clone()).collect(),
            lifetimes: lifetimes.iter().map(|g| g.name.clone()).collect(),
        }
    }

    fn used_by(&self, tokens: &[TokenTree]) -> bool {
        tokens.iter().enumerate().any(|(i, tt)| match tt {
            TokenTree::Ident(id) => {
                let text = id.to_string();
                if i > 0 && is_punct(&tokens[i - 1], '\'') {
                    self.lifetimes.contains(&text)
                } else {
                    self.params.contains(&text)
                }
            }
            TokenTree::Group(g) => self.used_by(&trees(g.stream())),
            _ => false,
        })
    }

    /// `bounded: bounds`, split bound by bound: those using the function's generics go to
    /// `method`, the rest are returned for the impl. By-value deps are `&Self` in the method:
    /// all their bounds go to the impl.
    fn split(
        &self,
        bounded: Option<Vec<TokenTree>>,
        bounds: &[TokenTree],
        by_value: bool,
        method: &mut Vec<DepsPred>,
    ) -> Option<DepsPred> {
        let pred = |bounded: Option<Vec<TokenTree>>, bounds: &[&[TokenTree]]| {
            let mut joined = Vec::new();
            push_joined(&mut joined, bounds, '+', |out, b| out.extend_from_slice(b));
            DepsPred {
                bounded,
                bounds: joined,
            }
        };
        let all = split(bounds, '+').unwrap_or_else(|| vec![bounds]);
        let none = by_value || self.params.is_empty() && self.lifetimes.is_empty();
        let uses = |tokens: &[TokenTree]| !none && self.used_by(tokens);
        if bounded.as_deref().is_some_and(uses) {
            method.push(pred(bounded, &all));
            return None;
        }
        let (to_method, own): (Vec<&[TokenTree]>, Vec<&[TokenTree]>) =
            all.into_iter().partition(|b| uses(b));
        if !to_method.is_empty() {
            method.push(pred(bounded.clone(), &to_method));
        }
        (!own.is_empty()).then(|| pred(bounded, &own))
    }
}

/// For a type predicate whose bounded type mentions `deps` (`D: A`, `for<'x> &'x D: B`), the
/// index of its colon.
fn bounds_deps(pred: &[TokenTree], deps: &str) -> Option<usize> {
    if pred.first().map_or(true, |t| is_punct(t, '\'')) {
        return None;
    }
    let colon = *top_level(pred, ':')?.first()?;
    mentions(&pred[..colon], deps).then_some(colon)
}

/// `(impl A + B)` and invisible groups around a type, looked through.
fn strip_parens(tokens: &[TokenTree]) -> Vec<TokenTree> {
    if let [TokenTree::Group(g)] = tokens {
        if matches!(g.delimiter(), Delimiter::Parenthesis | Delimiter::None) {
            let inner = trees(g.stream());
            if !inner.is_empty() && top_level(&inner, ',').is_some_and(|c| c.is_empty()) {
                return strip_parens(&inner);
            }
        }
    }
    tokens.to_vec()
}

/// A parameter's pattern and type, split at its first top-level lone `:`.
fn pattern(piece: &[TokenTree]) -> syn::Result<(&[TokenTree], &[TokenTree])> {
    match top_level(piece, ':').as_ref().and_then(|c| c.first()) {
        Some(&colon) if colon > 0 && colon + 1 < piece.len() => {
            Ok((&piece[..colon], &piece[colon + 1..]))
        }
        _ if piece.is_empty() => Err(syn::Error::new(Span::call_site(), "expected a parameter")),
        _ => Err(error(piece, "expected `pattern: Type`")),
    }
}

/// `ref? mut? name`: the binding and its text.
fn pat_ident(pat: &[TokenTree]) -> Option<(&Ident, String)> {
    let skip = pat
        .iter()
        .take_while(|t| is_ident(t, "ref") || is_ident(t, "mut"))
        .count()
        .min(2);
    match &pat[skip..] {
        [TokenTree::Ident(ident)] => {
            let name = ident.to_string();
            (name != "_" && name != "self").then_some((ident, name))
        }
        _ => None,
    }
}

/// `self`, `mut self`, `&self`, `&'a mut self`, `self: Box<Self>`: the receiver's tokens.
fn receiver(piece: &[TokenTree]) -> Option<&[TokenTree]> {
    let mut k = 0;
    if piece.first().is_some_and(|t| is_punct(t, '&')) {
        k += 1;
        if piece.get(k).is_some_and(|t| is_punct(t, '\'')) {
            k += 2;
        }
    }
    if piece.get(k).is_some_and(|t| is_ident(t, "mut")) {
        k += 1;
    }
    let is_self = piece.get(k).is_some_and(|t| is_ident(t, "self"))
        && !piece.get(k + 1).is_some_and(|t| {
            is_punct(t, ':')
                && matches!(t, TokenTree::Punct(p) if p.spacing() == proc_macro2::Spacing::Joint)
        });
    is_self.then(|| &piece[..=k])
}

/// The span of a C-variadic `...` (alone or as `name: ...`).
fn variadic(piece: &[TokenTree]) -> Option<Span> {
    let ty = match top_level(piece, ':').as_ref().and_then(|c| c.first()) {
        Some(&colon) => &piece[colon + 1..],
        None => piece,
    };
    match ty {
        [a, b, c] if [a, b, c].iter().all(|t| is_punct(t, '.')) => Some(a.span()),
        _ => None,
    }
}

/// The trait method's name for a parameter: the binding itself when it is a plain identifier,
/// otherwise (`(a, b): (i32, i32)`, `_`, a name that would shadow the function) `argN`.
/// A leading underscore is dropped, because the generated impl uses every parameter.
pub fn param_ident(
    binding: Option<(&Ident, String)>,
    span: Span,
    position: usize,
    taken: &mut Vec<String>,
) -> Ident {
    if let Some((ident, name)) = binding {
        let trimmed = name.trim_start_matches('_');
        if trimmed == name && !taken.iter().take(2).any(|t| *t == name) {
            return ident.clone();
        }
        if !trimmed.is_empty()
            && !taken.iter().any(|t| t == trimmed)
            && syn::parse_str::<Ident>(trimmed).is_ok()
        {
            taken.push(trimmed.to_string());
            return Ident::new(trimmed, ident.span());
        }
    }
    let mut n = position;
    loop {
        let candidate = format!("arg{n}");
        if !taken.contains(&candidate) {
            taken.push(candidate.clone());
            return Ident::new(&candidate, span);
        }
        n += 100;
    }
}

/// `param_ident` for a pattern read by syn (trait methods, `ast.rs`).
pub fn pat_param_ident(pat: &crate::ast::Pat, position: usize, taken: &mut Vec<String>) -> Ident {
    use syn::spanned::Spanned;
    let binding = match pat {
        crate::ast::Pat::Ident { ident, .. } => Some((ident, ident.to_string())),
        crate::ast::Pat::Other(_) => None,
    };
    param_ident(binding, pat.span(), position, taken)
}
