//! The fast path: `#[entrait(Vis? Trait)]` on a plain function, or on a module of them,
//! expanded straight from the tokens.
//!
//! Most entrait attributes are exactly that: a trait name and a function taking `&impl A`,
//! `&(impl A + B)`, `&D` (bounded inline or in a where clause) or `&Config`. The general path
//! parses them with syn, builds the `sig::EntraitFn` model and prints it with `quote!`; in the
//! unoptimized build cargo makes of proc macros (opt-level 0 unless the user overrides it) that
//! costs about 600 000 instructions per function, several times what type-checking the output
//! costs. This path reads the top-level tokens once, copies the user's type tokens, and builds
//! the output in a few `TokenStream`s: a handful of calls into the compiler instead of hundreds.
//!
//! It only accepts shapes it fully understands and returns `None` for anything else: options,
//! `cfg` attributes, generics other than lifetimes and the dependency parameter, patterns other
//! than plain names, and everything the general path would reject. Its output is the general
//! path's, token for token: `src/tests/fast.rs` checks that on the expansion-snapshot cases, on
//! the benchmark's shapes and on mutated inputs, and checks which shapes it accepts.
//! docs/performance.md has the measurements.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::args::MacroDefaults;
use crate::sig::{contains_word, same_tokens};

/// The output for `#[entrait(attr)] item`, or `None` when the general path must handle it.
pub fn expand(
    attr: &TokenStream,
    item: &TokenStream,
    defaults: MacroDefaults,
) -> Option<TokenStream> {
    if defaults.unimock && !cfg!(feature = "unimock") {
        return None;
    }
    let attr: Vec<TokenTree> = attr.clone().into_iter().collect();
    let attr = Attr::read(&attr, defaults)?;
    let trees: Vec<TokenTree> = item.clone().into_iter().collect();
    let mut i = 0;
    let docs = outer_attrs(&trees, &mut i)?;
    skip_vis(&trees, &mut i);
    if ident_at(&trees, i).as_deref() == Some("mod") {
        return module(&trees, docs, i, &attr);
    }
    let fns = [Fn::read(&trees[i..], docs)?];
    let mut out = Vec::with_capacity(128);
    let tr = Trait {
        attr: &attr,
        vis: attr.vis,
        docs: &fns[0].docs,
        fns: &fns,
        module: false,
    };
    tr.emit(&mut out);
    let mut tokens = item.clone();
    tokens.extend(std::iter::once(stream(out)));
    Some(tokens)
}

/// `mod name { items }`: the items as written, the trait and its impls appended inside, then
/// `use name::Trait;` after the module. Public functions become methods; other items are
/// skipped as the general path skips them; a module with macro invocations is left to it.
fn module(
    trees: &[TokenTree],
    docs: Vec<&[TokenTree]>,
    i: usize,
    attr: &Attr,
) -> Option<TokenStream> {
    let (vis, trait_ident) = (attr.vis, attr.ident);
    let (TokenTree::Ident(mod_ident), TokenTree::Group(body)) =
        (trees.get(i + 1)?, trees.get(i + 2)?)
    else {
        return None;
    };
    if body.delimiter() != Delimiter::Brace || trees.len() != i + 3 {
        return None;
    }
    // The trait is declared inside the module and re-exported: its visibility as seen from
    // inside.
    let inner_vis: Vec<TokenTree> = match vis {
        [] => {
            let mut v = vec![ident("pub")];
            push_group(&mut v, Delimiter::Parenthesis, vec![ident("super")]);
            v
        }
        [_] => vis.to_vec(),
        [_, TokenTree::Group(g)] if g.stream().to_string() == "crate" => vis.to_vec(),
        _ => return None,
    };

    let items: Vec<TokenTree> = body.stream().into_iter().collect();
    let mut fns = Vec::new();
    let mut j = 0;
    while j < items.len() {
        let start = j;
        while items.get(j).is_some_and(|t| is_punct(t, '#')) {
            match items.get(j + 1)? {
                TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => j += 2,
                _ => return None,
            }
        }
        let public = is_ident(items.get(j)?, "pub");
        skip_vis(&items, &mut j);
        let word = ident_at(&items, j)?;
        if is_fn_item(&items[j..]) {
            let end = j + fn_body(&items[j..])?;
            if public {
                let mut k = start;
                let docs = outer_attrs(&items[..=end], &mut k)?;
                fns.push(Fn::read(&items[j..=end], docs)?);
            }
            j = end + 1;
        } else {
            // Other items are skipped as the general path skips them (`ast::skip_item`): up
            // to a `;`, or up to the first `{ … }` for the items that end with one.
            let next = ident_at(&items, j + 1);
            let semi_only = match word.as_str() {
                "use" | "static" | "type" => true,
                "const" => next.is_some(),
                "extern" => next.as_deref() == Some("crate"),
                "struct" | "enum" | "union" | "trait" | "impl" | "mod" | "unsafe" => false,
                // Macro invocations and anything else: the general path decides.
                _ => return None,
            };
            let end = j + items[j..].iter().position(|t| {
                is_punct(t, ';')
                    || (!semi_only
                        && matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))
            })?;
            j = end + 1;
        }
    }
    let first = fns.first()?;
    for f in &fns[1..] {
        let agree = match (&first.deps, &f.deps) {
            (Deps::Concrete(a), Deps::Concrete(b)) => same_tokens(a, b),
            (Deps::Concrete(_), _) | (_, Deps::Concrete(_)) => false,
            _ => true,
        };
        if !agree {
            return None;
        }
    }

    let mut generated = Vec::with_capacity(64 * fns.len());
    let tr = Trait {
        attr,
        vis: &inner_vis,
        docs: &docs,
        fns: &fns,
        module: true,
    };
    tr.emit(&mut generated);
    let mut inner = body.stream();
    inner.extend(std::iter::once(stream(generated)));
    let mut new_body = Group::new(Delimiter::Brace, inner);
    new_body.set_span(body.span());

    let mut out = Vec::with_capacity(trees.len() + 8);
    out.extend_from_slice(&trees[..i + 2]);
    out.push(TokenTree::Group(new_body));
    push_punct(&mut out, '#');
    let mut allow = vec![ident("allow")];
    push_group(
        &mut allow,
        Delimiter::Parenthesis,
        vec![ident("unused_imports")],
    );
    push_group(&mut out, Delimiter::Bracket, allow);
    out.extend_from_slice(vis);
    push_ident(&mut out, "use");
    out.push(TokenTree::Ident(mod_ident.clone()));
    push_path_sep(&mut out);
    out.push(TokenTree::Ident(trait_ident.clone()));
    push_punct(&mut out, ';');
    Some(stream(out))
}

/// After attributes and visibility: a function, with any qualifiers (`ast::is_fn`)?
fn is_fn_item(tokens: &[TokenTree]) -> bool {
    let mut i = usize::from(tokens.first().is_some_and(|t| is_ident(t, "default")));
    loop {
        let qualifier = match tokens.get(i) {
            Some(TokenTree::Ident(word)) => match word.to_string().as_str() {
                "fn" => return true,
                "async" | "unsafe" => true,
                // `const fn`, not `const X: T` or `const _: T`.
                "const" => tokens.get(i + 1).is_some_and(|t| {
                    ["fn", "unsafe", "async", "extern"]
                        .iter()
                        .any(|kw| is_ident(t, kw))
                }),
                "extern" => !tokens.get(i + 1).is_some_and(|t| is_ident(t, "crate")),
                _ => false,
            },
            // The ABI of `extern "C" fn`.
            Some(TokenTree::Literal(abi)) => abi.to_string().starts_with('"'),
            _ => false,
        };
        if !qualifier {
            return false;
        }
        i += 1;
    }
}

/// The length of a function item up to its body: the first `{ … }` outside `<…>`.
fn fn_body(tokens: &[TokenTree]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, tt) in tokens.iter().enumerate() {
        depth = depth.checked_add_signed(angle(tokens, i))?;
        match tt {
            TokenTree::Punct(p) if p.as_char() == ';' => return None,
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                return (depth == 0).then_some(i);
            }
            _ => {}
        }
    }
    None
}

/// Outer attributes from `trees[*i]` on: the doc comments, which are mirrored onto the trait.
/// `None` for `cfg` (left to the general path) and for inner attributes.
fn outer_attrs<'a>(trees: &'a [TokenTree], i: &mut usize) -> Option<Vec<&'a [TokenTree]>> {
    let mut docs = Vec::new();
    while let Some(TokenTree::Punct(p)) = trees.get(*i) {
        let TokenTree::Group(g) = trees.get(*i + 1)? else {
            return None;
        };
        if p.as_char() != '#' || g.delimiter() != Delimiter::Bracket {
            return None;
        }
        match g.stream().into_iter().next() {
            Some(TokenTree::Ident(name)) => match name.to_string().as_str() {
                "doc" => docs.push(&trees[*i..*i + 2]),
                "cfg" => return None,
                _ => {}
            },
            _ => return None,
        }
        *i += 2;
    }
    Some(docs)
}

/// `pub` or `pub(…)`.
fn skip_vis(trees: &[TokenTree], i: &mut usize) {
    if trees.get(*i).is_some_and(|t| is_ident(t, "pub")) {
        *i += 1;
        if let Some(TokenTree::Group(g)) = trees.get(*i) {
            if g.delimiter() == Delimiter::Parenthesis {
                *i += 1;
            }
        }
    }
}

/// The attribute: `Vis? Trait` and at most the option `mock_api = Name`.
struct Attr<'a> {
    vis: &'a [TokenTree],
    ident: &'a Ident,
    mock_api: Option<&'a Ident>,
    /// Whether a unimock mock is generated (and the impls are for `Impl<T>` only).
    mocked: bool,
    export: bool,
}

impl<'a> Attr<'a> {
    fn read(attr: &'a [TokenTree], defaults: MacroDefaults) -> Option<Self> {
        let (name, option) = match attr.iter().position(|t| is_punct(t, ',')) {
            Some(comma) => (&attr[..comma], &attr[comma + 1..]),
            None => (attr, &attr[..0]),
        };
        let (vis, ident) = trait_name(name)?;
        let mock_api = match option {
            [] => None,
            [TokenTree::Ident(key), eq, TokenTree::Ident(value)]
                if is_punct(eq, '=') && key == "mock_api" =>
            {
                let text = value.to_string();
                if text.starts_with("r#") || KEYWORDS.contains(&text.as_str()) {
                    return None;
                }
                Some(value)
            }
            _ => return None,
        };
        Some(Attr {
            vis,
            ident,
            mock_api,
            // As `Args::unimock`: the feature turns `mock_api` into a mock.
            mocked: defaults.unimock || (cfg!(feature = "unimock") && mock_api.is_some()),
            export: defaults.export,
        })
    }
}

/// Words syn does not take as an identifier (a `mock_api` value).
const KEYWORDS: &[&str] = &[
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// `Trait`, `pub Trait` or `pub(crate|super|self) Trait`: the visibility's tokens and the name.
fn trait_name(attr: &[TokenTree]) -> Option<(&[TokenTree], &Ident)> {
    let (vis, name) = match attr {
        [TokenTree::Ident(name)] => (&attr[..0], name),
        [TokenTree::Ident(vis), TokenTree::Ident(name)] if vis == "pub" => (&attr[..1], name),
        [TokenTree::Ident(vis), TokenTree::Group(g), TokenTree::Ident(name)]
            if g.delimiter() == Delimiter::Parenthesis && vis == "pub" =>
        {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            match inner.as_slice() {
                [TokenTree::Ident(scope)]
                    if matches!(scope.to_string().as_str(), "crate" | "super" | "self") => {}
                _ => return None,
            }
            (&attr[..2], name)
        }
        _ => return None,
    };
    // A capitalised name is no keyword and no option (`Self` aside); others are rare enough to
    // leave to the general path.
    let text = name.to_string();
    if !text.starts_with(|c: char| c.is_ascii_uppercase()) || text == "Self" {
        return None;
    }
    Some((vis, name))
}

/// What the dependency parameter is.
enum Deps<'a> {
    /// `&impl Bounds` or `&(impl Bounds)`: the bounds' tokens.
    Impl(Vec<TokenTree>),
    /// `&D`, with `D`'s bounds collected from the generics and the where clause.
    Named(Vec<&'a [TokenTree]>),
    /// `&Config`: the type's tokens.
    Concrete(Vec<TokenTree>),
}

struct Param {
    ident: Ident,
    ty: Vec<TokenTree>,
}

/// The parts of an accepted function.
struct Fn<'a> {
    docs: Vec<&'a [TokenTree]>,
    is_async: bool,
    ident: &'a Ident,
    /// The lifetime parameters, each as written (`'a: 'b`).
    lifetimes: Vec<&'a [TokenTree]>,
    deps: Deps<'a>,
    params: Vec<Param>,
    output: Option<&'a [TokenTree]>,
    /// Does the signature use the name `T`? (Then the impls' parameter is `EntraitT`.)
    uses_t: bool,
}

impl<'a> Fn<'a> {
    /// `trees` from the qualifiers on (attributes and visibility read already).
    fn read(trees: &'a [TokenTree], docs: Vec<&'a [TokenTree]>) -> Option<Self> {
        let mut i = 0;
        let mut word = ident_at(trees, i);
        let is_async = word.as_deref() == Some("async");
        if is_async {
            i += 1;
            word = ident_at(trees, i);
        }
        if word.as_deref() != Some("fn") {
            return None;
        }
        let TokenTree::Ident(ident) = trees.get(i + 1)? else {
            return None;
        };
        let name = ident.to_string();
        if name.starts_with("r#") {
            return None;
        }
        i += 2;

        // Generics: lifetimes as written, and at most one type parameter (the deps type).
        let mut lifetimes = Vec::new();
        let mut lifetime_names = Vec::new();
        let mut type_param: Option<(String, &'a [TokenTree])> = None;
        if is_punct(trees.get(i)?, '<') {
            let end = i + 1 + closing_angle(&trees[i + 1..])?;
            for param in split_commas(&trees[i + 1..end])? {
                match param {
                    [] => return None,
                    [TokenTree::Punct(q), TokenTree::Ident(lt), rest @ ..]
                        if q.as_char() == '\'' =>
                    {
                        if rest
                            .last()
                            .is_some_and(|t| is_punct(t, '+') || is_punct(t, ':'))
                        {
                            return None;
                        }
                        lifetime_names.push(lt.to_string());
                        lifetimes.push(param);
                    }
                    [TokenTree::Ident(d), rest @ ..] if type_param.is_none() => {
                        let d = d.to_string();
                        if d == "const" || d.starts_with("r#") {
                            return None;
                        }
                        let bounds = match rest {
                            [] => rest,
                            [colon, bounds @ ..] if is_punct(colon, ':') => bounds,
                            _ => return None,
                        };
                        if bounds.iter().any(|t| is_punct(t, '=')) {
                            return None;
                        }
                        type_param = Some((d, bounds));
                    }
                    _ => return None,
                }
            }
            i = end + 1;
        }

        let TokenTree::Group(args) = trees.get(i)? else {
            return None;
        };
        if args.delimiter() != Delimiter::Parenthesis {
            return None;
        }
        i += 1;

        let body = trees.len().checked_sub(1)?;
        match trees.get(body) {
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace && i <= body => {}
            _ => return None,
        }
        let mut output = None;
        let mut where_clause: &[TokenTree] = &[];
        if i < body && is_punct(&trees[i], '-') {
            if !is_punct(trees.get(i + 1)?, '>') {
                return None;
            }
            let start = i + 2;
            let mut end = start;
            while end < body && ident_at(trees, end).as_deref() != Some("where") {
                end += 1;
            }
            if end == start {
                return None;
            }
            output = Some(&trees[start..end]);
            i = end;
        }
        if i < body {
            if ident_at(trees, i).as_deref() != Some("where") {
                return None;
            }
            where_clause = &trees[i + 1..body];
        }
        for tt in output.into_iter().flatten().chain(where_clause) {
            match tt {
                TokenTree::Group(g)
                    if g.delimiter() != Delimiter::Parenthesis
                        && g.delimiter() != Delimiter::Bracket =>
                {
                    return None
                }
                TokenTree::Punct(p) if p.as_char() == ';' => return None,
                _ => {}
            }
        }

        // Parameters: the deps first, then plain names.
        let arg_trees: Vec<TokenTree> = args.stream().into_iter().collect();
        let mut segments = split_commas(&arg_trees)?;
        if segments.last().is_some_and(|s| s.is_empty()) {
            segments.pop();
        }
        let (deps_segment, rest) = segments.split_first()?;
        let colon = top_level_colon(deps_segment)?;
        let (pattern, deps_ty) = (&deps_segment[..colon], &deps_segment[colon + 1..]);
        if pattern.is_empty()
            || pattern
                .iter()
                .any(|t| is_ident(t, "self") || is_punct(t, '#'))
        {
            return None;
        }
        let mut params = Vec::with_capacity(rest.len());
        for segment in rest {
            let (ident, ty) = match *segment {
                [TokenTree::Ident(ident), _, ty @ ..] if is_lone_colon(segment, 1) => (ident, ty),
                [TokenTree::Ident(m), TokenTree::Ident(ident), _, ty @ ..]
                    if is_lone_colon(segment, 2) && m == "mut" =>
                {
                    (ident, ty)
                }
                _ => return None,
            };
            let text = ident.to_string();
            if text.starts_with('_') || text == name || text == "self" || text.starts_with("r#") {
                return None;
            }
            // `x: ...` is a C-variadic, rejected by the general path.
            if ty.is_empty() || ty.iter().any(|t| is_punct(t, '.')) {
                return None;
            }
            params.push(Param {
                ident: ident.clone(),
                ty: ty.to_vec(),
            });
        }

        let deps = Deps::read(deps_ty, type_param.as_ref(), where_clause, &lifetime_names)?;

        // The signature may not name the deps type parameter (the general path would write it
        // as `Self`), and decides between `T` and `EntraitT` for the impl's parameter.
        let mut scan = Scan {
            deps: type_param.as_ref().map(|(d, _)| d.as_str()),
            t: name == "T",
            found_deps: false,
        };
        for param in &params {
            scan.ident(&param.ident);
            scan.trees(&param.ty);
        }
        scan.trees(output.unwrap_or_default());
        for lifetime in &lifetimes {
            scan.trees(lifetime);
        }
        if scan.found_deps {
            return None;
        }
        Some(Fn {
            docs,
            is_async,
            ident,
            lifetimes,
            deps,
            params,
            output,
            uses_t: scan.t,
        })
    }
}

impl<'a> Deps<'a> {
    fn read(
        ty: &[TokenTree],
        type_param: Option<&(String, &'a [TokenTree])>,
        where_clause: &'a [TokenTree],
        lifetimes: &[String],
    ) -> Option<Self> {
        let [amp, rest @ ..] = ty else {
            return None;
        };
        if !is_punct(amp, '&') || rest.is_empty() {
            return None;
        }
        let bounds = match rest {
            [TokenTree::Ident(kw), bounds @ ..] if kw == "impl" => {
                // `&impl A + B` is ambiguous, and rejected by the general path.
                if bounds.iter().any(|t| is_punct(t, '+')) {
                    return None;
                }
                bounds.to_vec()
            }
            [TokenTree::Group(g)] if g.delimiter() == Delimiter::Parenthesis => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                match inner.split_first() {
                    Some((kw, bounds)) if is_ident(kw, "impl") => bounds.to_vec(),
                    _ => return None,
                }
            }
            [TokenTree::Ident(d)] if type_param.is_some_and(|(name, _)| d == name.as_str()) => {
                let (name, inline) = type_param?;
                let mut preds = Vec::new();
                if !inline.is_empty() {
                    preds.push(*inline);
                }
                for pred in split_commas(where_clause)? {
                    match pred {
                        [] => {}
                        [TokenTree::Ident(bounded), colon, bounds @ ..]
                            if is_punct(colon, ':') && bounded == name.as_str() =>
                        {
                            if !bounds.is_empty() {
                                preds.push(bounds);
                            }
                        }
                        _ => return None,
                    }
                }
                for bounds in &preds {
                    let mut scan = Scan {
                        deps: Some(name),
                        t: false,
                        found_deps: false,
                    };
                    scan.trees(bounds);
                    if scan.found_deps || !valid_bounds(bounds) || uses_lifetimes(bounds, lifetimes)
                    {
                        return None;
                    }
                }
                return Some(Deps::Named(preds));
            }
            _ => {
                if type_param.is_some()
                    || !where_clause.is_empty()
                    || rest.iter().any(|t| {
                        is_punct(t, '\'')
                            || is_ident(t, "mut")
                            || matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::None)
                    })
                {
                    return None;
                }
                return Some(Deps::Concrete(rest.to_vec()));
            }
        };
        // `&impl …`: no type parameter or where clause for it, bounds printed back as written.
        if type_param.is_some()
            || !where_clause.is_empty()
            || !valid_bounds(&bounds)
            || uses_lifetimes(&bounds, lifetimes)
        {
            return None;
        }
        Some(Deps::Impl(bounds))
    }
}

/// Bounds the general path prints back exactly as written: non-empty, no stray `+`.
fn valid_bounds(bounds: &[TokenTree]) -> bool {
    match (bounds.first(), bounds.last()) {
        (Some(first), Some(last)) => {
            !is_punct(first, '+') && !is_punct(last, '+') && !is_punct(first, ':')
        }
        _ => false,
    }
}

/// Do the bounds use one of the function's lifetimes (then the general path keeps them on the
/// method)?
fn uses_lifetimes(tokens: &[TokenTree], lifetimes: &[String]) -> bool {
    if lifetimes.is_empty() {
        return false;
    }
    tokens.iter().enumerate().any(|(i, tt)| match tt {
        TokenTree::Ident(lt) if i > 0 && is_punct(&tokens[i - 1], '\'') => {
            lifetimes.contains(&lt.to_string())
        }
        TokenTree::Group(g) => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            uses_lifetimes(&inner, lifetimes)
        }
        _ => false,
    })
}

/// Looks through tokens (groups included) for the deps type parameter and for `T`.
struct Scan<'s> {
    deps: Option<&'s str>,
    t: bool,
    found_deps: bool,
}

impl Scan<'_> {
    fn ident(&mut self, ident: &Ident) {
        let text = ident.to_string();
        self.t |= text == "T";
        self.found_deps |= self.deps == Some(text.as_str());
    }

    fn trees(&mut self, trees: &[TokenTree]) {
        for tt in trees {
            match tt {
                TokenTree::Ident(ident) => self.ident(ident),
                TokenTree::Group(g) => {
                    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                    self.trees(&inner);
                }
                // The general path searches the printed signature for the word `T`.
                TokenTree::Literal(lit) => self.t |= contains_word(&lit.to_string(), "T"),
                TokenTree::Punct(_) => {}
            }
        }
    }
}

/// The generated trait and its impls, for one function or the public functions of a module.
struct Trait<'t, 'a> {
    attr: &'t Attr<'t>,
    /// The trait's visibility where it is declared (inside a module: as seen from there).
    vis: &'t [TokenTree],
    /// The trait's docs: the function's, or the module's.
    docs: &'t [&'a [TokenTree]],
    /// All with generic dependencies, or all with the same concrete type.
    fns: &'t [Fn<'a>],
    /// For a module, the mock API is a module (`api = mock`), not a list (`api = [FooMock]`).
    module: bool,
}

impl Trait<'_, '_> {
    fn emit(&self, out: &mut Vec<TokenTree>) {
        let sigs: Vec<Vec<TokenTree>> = self.fns.iter().map(Fn::sig).collect();
        let uses_t = self.fns.iter().any(|f| f.uses_t);
        let t = Ident::new(if uses_t { "EntraitT" } else { "T" }, Span::call_site());
        let mocked = self.attr.mocked;
        let trait_ident = self.attr.ident;

        for doc in self.docs {
            out.extend_from_slice(doc);
        }
        if mocked {
            self.unimock_attr(out);
        }
        out.extend_from_slice(self.vis);
        push_ident(out, "trait");
        out.push(TokenTree::Ident(trait_ident.clone()));
        let mut decls = Vec::with_capacity(40 * sigs.len());
        for (f, sig) in self.fns.iter().zip(&sigs) {
            for doc in &f.docs {
                decls.extend_from_slice(doc);
            }
            decls.extend_from_slice(sig);
            push_punct(&mut decls, ';');
        }
        push_group(out, Delimiter::Brace, decls);

        // The methods of one impl: `inline` on the concrete type's own impl, `qualified` for
        // the delegation from `Impl<T>` (`<T as Trait>::f(self, …)`).
        let methods = |out: &mut Vec<TokenTree>, inline: bool, qualified: bool| {
            let mut methods = Vec::with_capacity(48 * sigs.len());
            for (f, sig) in self.fns.iter().zip(&sigs) {
                let mut body = Vec::with_capacity(8);
                if qualified {
                    push_punct(&mut body, '<');
                    body.push(TokenTree::Ident(t.clone()));
                    push_ident(&mut body, "as");
                    body.push(TokenTree::Ident(trait_ident.clone()));
                    push_punct(&mut body, '>');
                    push_path_sep(&mut body);
                }
                body.push(TokenTree::Ident(f.ident.clone()));
                let mut args = Vec::with_capacity(1 + 2 * f.params.len());
                push_ident(&mut args, "self");
                for param in &f.params {
                    push_punct(&mut args, ',');
                    args.push(TokenTree::Ident(param.ident.clone()));
                }
                push_group(&mut body, Delimiter::Parenthesis, args);
                if inline {
                    push_punct(&mut methods, '#');
                    push_group(&mut methods, Delimiter::Bracket, vec![ident("inline")]);
                }
                methods.extend_from_slice(sig);
                push_group(&mut methods, Delimiter::Brace, body);
            }
            push_group(out, Delimiter::Brace, methods);
        };

        match &self.fns[0].deps {
            Deps::Impl(_) | Deps::Named(_) => {
                let mut target = Vec::with_capacity(8);
                if mocked {
                    push_entrait_impl(&mut target, &t);
                } else {
                    target.push(TokenTree::Ident(t.clone()));
                }
                push_ident(out, "impl");
                push_punct(out, '<');
                out.push(TokenTree::Ident(t.clone()));
                push_punct(out, '>');
                out.push(TokenTree::Ident(trait_ident.clone()));
                push_ident(out, "for");
                out.extend_from_slice(&target);
                let mut preds: Vec<&[TokenTree]> = Vec::new();
                for f in self.fns {
                    let bounds: &[&[TokenTree]] = match &f.deps {
                        Deps::Impl(bounds) => &[bounds.as_slice()],
                        Deps::Named(bounds) => bounds,
                        Deps::Concrete(_) => &[],
                    };
                    for bounds in bounds {
                        if !preds.iter().any(|seen| same_tokens(seen, bounds)) {
                            preds.push(bounds);
                        }
                    }
                }
                // One predicate with every function's bounds, `T: A + B + …`, and `Sync` for
                // async functions: among them on `T`, separate on `T` when they are on `Impl<T>`.
                let is_async = self.fns.iter().any(|f| f.is_async);
                let mut sync = Vec::new();
                if is_async {
                    push_path(&mut sync, &["core", "marker", "Sync"]);
                }
                if is_async && !mocked {
                    preds.push(&sync);
                }
                let sync_on_t = is_async && mocked;
                if !preds.is_empty() || sync_on_t {
                    push_ident(out, "where");
                }
                if !preds.is_empty() {
                    out.extend_from_slice(&target);
                    push_punct(out, ':');
                    for (n, bounds) in preds.iter().enumerate() {
                        if n > 0 {
                            push_punct(out, '+');
                        }
                        out.extend_from_slice(bounds);
                    }
                }
                if sync_on_t {
                    if !preds.is_empty() {
                        push_punct(out, ',');
                    }
                    out.push(TokenTree::Ident(t.clone()));
                    push_punct(out, ':');
                    out.extend(sync);
                }
                methods(out, false, false);
            }
            Deps::Concrete(ty) => {
                push_ident(out, "impl");
                out.push(TokenTree::Ident(trait_ident.clone()));
                push_ident(out, "for");
                out.extend_from_slice(ty);
                methods(out, true, false);
                push_ident(out, "impl");
                push_punct(out, '<');
                out.push(TokenTree::Ident(t.clone()));
                push_punct(out, ':');
                out.push(TokenTree::Ident(trait_ident.clone()));
                push_punct(out, '>');
                out.push(TokenTree::Ident(trait_ident.clone()));
                push_ident(out, "for");
                push_entrait_impl(out, &t);
                methods(out, false, true);
            }
        }
    }

    /// `#[cfg_attr(test, ::entrait::__private::unimock::unimock(prefix = …, api = …,
    /// unmock_with = [f]))]`
    fn unimock_attr(&self, out: &mut Vec<TokenTree>) {
        let mut unimock = Vec::with_capacity(24);
        push_path(
            &mut unimock,
            &["entrait", "__private", "unimock", "unimock"],
        );
        let mut args = Vec::with_capacity(16);
        push_ident(&mut args, "prefix");
        push_punct(&mut args, '=');
        push_path(&mut args, &["entrait", "__private", "unimock"]);
        if let Some(api) = self.attr.mock_api {
            push_punct(&mut args, ',');
            push_ident(&mut args, "api");
            push_punct(&mut args, '=');
            let api = TokenTree::Ident(api.clone());
            if self.module {
                args.push(api);
            } else {
                push_group(&mut args, Delimiter::Bracket, vec![api]);
            }
        }
        // Functions with concrete dependencies have nothing to unmock with.
        if !matches!(self.fns[0].deps, Deps::Concrete(_)) {
            push_punct(&mut args, ',');
            push_ident(&mut args, "unmock_with");
            push_punct(&mut args, '=');
            let mut fns = Vec::with_capacity(2 * self.fns.len());
            for (n, f) in self.fns.iter().enumerate() {
                if n > 0 {
                    push_punct(&mut fns, ',');
                }
                fns.push(TokenTree::Ident(f.ident.clone()));
            }
            push_group(&mut args, Delimiter::Bracket, fns);
        }
        push_group(&mut unimock, Delimiter::Parenthesis, args);
        let attr = if self.attr.export {
            unimock
        } else {
            let mut gated = Vec::with_capacity(4);
            push_ident(&mut gated, "cfg_attr");
            let mut inner = Vec::with_capacity(unimock.len() + 2);
            push_ident(&mut inner, "test");
            push_punct(&mut inner, ',');
            inner.extend(unimock);
            push_group(&mut gated, Delimiter::Parenthesis, inner);
            gated
        };
        push_punct(out, '#');
        push_group(out, Delimiter::Bracket, attr);
    }
}

impl Fn<'_> {
    /// `fn name<'a>(&self, x: X) -> R`, the output of an `async fn` as `impl Future + Send`.
    fn sig(&self) -> Vec<TokenTree> {
        let mut sig = Vec::with_capacity(32);
        push_ident(&mut sig, "fn");
        sig.push(TokenTree::Ident(self.ident.clone()));
        if !self.lifetimes.is_empty() {
            push_punct(&mut sig, '<');
            for (n, lifetime) in self.lifetimes.iter().enumerate() {
                if n > 0 {
                    push_punct(&mut sig, ',');
                }
                sig.extend_from_slice(lifetime);
            }
            push_punct(&mut sig, '>');
        }
        let mut params = Vec::with_capacity(2 + 4 * self.params.len());
        push_punct(&mut params, '&');
        push_ident(&mut params, "self");
        for param in &self.params {
            push_punct(&mut params, ',');
            params.push(TokenTree::Ident(param.ident.clone()));
            push_punct(&mut params, ':');
            params.extend_from_slice(&param.ty);
        }
        push_group(&mut sig, Delimiter::Parenthesis, params);
        if self.is_async {
            push_arrow(&mut sig);
            push_ident(&mut sig, "impl");
            push_path(&mut sig, &["core", "future", "Future"]);
            push_punct(&mut sig, '<');
            push_ident(&mut sig, "Output");
            push_punct(&mut sig, '=');
            match self.output {
                Some(output) => sig.extend_from_slice(output),
                None => push_group(&mut sig, Delimiter::Parenthesis, Vec::new()),
            }
            push_punct(&mut sig, '>');
            push_punct(&mut sig, '+');
            push_path(&mut sig, &["core", "marker", "Send"]);
        } else if let Some(output) = self.output {
            push_arrow(&mut sig);
            sig.extend_from_slice(output);
        }
        sig
    }
}

// ---- reading tokens --------------------------------------------------------------------------

fn ident_at(trees: &[TokenTree], i: usize) -> Option<String> {
    match trees.get(i) {
        Some(TokenTree::Ident(ident)) => Some(ident.to_string()),
        _ => None,
    }
}

fn is_punct(tt: &TokenTree, c: char) -> bool {
    matches!(tt, TokenTree::Punct(p) if p.as_char() == c)
}

fn is_ident(tt: &TokenTree, text: &str) -> bool {
    matches!(tt, TokenTree::Ident(i) if i == text)
}

fn is_joint(tt: &TokenTree, c: char) -> bool {
    matches!(tt, TokenTree::Punct(p) if p.as_char() == c && p.spacing() == Spacing::Joint)
}

/// Is `tokens[i]` a lone `:`, not half of a `::`?
fn is_lone_colon(tokens: &[TokenTree], i: usize) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| is_punct(t, ':') && !is_joint(t, ':'))
        && !(i > 0 && is_joint(&tokens[i - 1], ':'))
}

/// The index of the first lone `:` (a pattern's end).
fn top_level_colon(tokens: &[TokenTree]) -> Option<usize> {
    (0..tokens.len()).find(|&i| is_lone_colon(tokens, i))
}

/// The index of the `>` closing an already opened `<`.
fn closing_angle(tokens: &[TokenTree]) -> Option<usize> {
    let mut depth = 1usize;
    for (i, tt) in tokens.iter().enumerate() {
        if matches!(tt, TokenTree::Group(g) if g.delimiter() == Delimiter::None) {
            return None;
        }
        depth = depth.checked_add_signed(angle(tokens, i))?;
        if depth == 0 {
            return Some(i);
        }
    }
    None
}

/// `1` for a `<`, `-1` for a `>` (not the one of `->`), else `0`.
fn angle(tokens: &[TokenTree], i: usize) -> isize {
    match &tokens[i] {
        TokenTree::Punct(p) if p.as_char() == '<' => 1,
        TokenTree::Punct(p) if p.as_char() == '>' && !(i > 0 && is_joint(&tokens[i - 1], '-')) => {
            -1
        }
        _ => 0,
    }
}

/// Splits at the commas outside `<…>`; `None` on unbalanced angles or invisible groups (which
/// the general path looks through).
fn split_commas(tokens: &[TokenTree]) -> Option<Vec<&[TokenTree]>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, tt) in tokens.iter().enumerate() {
        depth = depth.checked_add_signed(angle(tokens, i))?;
        match tt {
            TokenTree::Punct(p) if p.as_char() == ',' && depth == 0 => {
                out.push(&tokens[start..i]);
                start = i + 1;
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => return None,
            _ => {}
        }
    }
    if depth != 0 {
        return None;
    }
    out.push(&tokens[start..]);
    Some(out)
}

// ---- writing tokens --------------------------------------------------------------------------
// Spacing and spans as `quote!` makes them, so that the output is the general path's.

fn ident(text: &str) -> TokenTree {
    TokenTree::Ident(Ident::new(text, Span::call_site()))
}

fn push_ident(out: &mut Vec<TokenTree>, text: &str) {
    out.push(ident(text));
}

fn push_punct(out: &mut Vec<TokenTree>, c: char) {
    out.push(TokenTree::Punct(Punct::new(c, Spacing::Alone)));
}

fn push_path_sep(out: &mut Vec<TokenTree>) {
    out.push(TokenTree::Punct(Punct::new(':', Spacing::Joint)));
    push_punct(out, ':');
}

fn push_arrow(out: &mut Vec<TokenTree>) {
    out.push(TokenTree::Punct(Punct::new('-', Spacing::Joint)));
    push_punct(out, '>');
}

/// `::a::b::c`
fn push_path(out: &mut Vec<TokenTree>, segments: &[&str]) {
    for segment in segments {
        push_path_sep(out);
        push_ident(out, segment);
    }
}

/// `::entrait::Impl<T>`
fn push_entrait_impl(out: &mut Vec<TokenTree>, t: &Ident) {
    push_path(out, &["entrait", "Impl"]);
    push_punct(out, '<');
    out.push(TokenTree::Ident(t.clone()));
    push_punct(out, '>');
}

fn push_group(out: &mut Vec<TokenTree>, delimiter: Delimiter, inner: Vec<TokenTree>) {
    out.push(TokenTree::Group(Group::new(delimiter, stream(inner))));
}

fn stream(trees: Vec<TokenTree>) -> TokenStream {
    trees.into_iter().collect()
}
