//! Reading and writing token trees: the few utilities the reader and the emitters share.
//!
//! The reader works on slices of the user's tokens (`&[TokenTree]`) and the emitters push into
//! `Vec<TokenTree>`s that become a handful of `TokenStream`s: every call into the compiler costs,
//! in the unoptimized build cargo makes of proc macros, so tokens are compared and copied, not
//! printed and re-parsed.

// The compiler's token types inside the macro, without `proc_macro2`'s wrapping of every token
// (15 % of a function's cost); `proc_macro2`'s in unit tests, which run outside a compiler.
// `syn` and `quote!` (traits and impl blocks) take streams through `p2` and give them back
// through `trees`: free for streams, one call into the compiler for trees.
#[cfg(not(test))]
pub use proc_macro::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
#[cfg(test)]
pub use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

// ---- reading ---------------------------------------------------------------------------------

pub fn is_punct(tt: &TokenTree, c: char) -> bool {
    matches!(tt, TokenTree::Punct(p) if p.as_char() == c)
}

pub fn is_ident(tt: &TokenTree, text: &str) -> bool {
    matches!(tt, TokenTree::Ident(i) if ident_is(i, text))
}

/// Is `ident`'s text `text`? Compared as it is printed, without the `String` that `==` makes.
pub fn ident_is(ident: &Ident, text: &str) -> bool {
    struct Rest<'t>(&'t str);
    impl std::fmt::Write for Rest<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 = self.0.strip_prefix(s).ok_or(std::fmt::Error)?;
            Ok(())
        }
    }
    let mut rest = Rest(text);
    std::fmt::Write::write_fmt(&mut rest, format_args!("{ident}")).is_ok() && rest.0.is_empty()
}

pub fn is_group(tt: &TokenTree, delimiter: Delimiter) -> bool {
    matches!(tt, TokenTree::Group(g) if g.delimiter() == delimiter)
}

/// The text of the ident at `i`, if there is one.
pub fn word(trees: &[TokenTree], i: usize) -> Option<String> {
    match trees.get(i) {
        Some(TokenTree::Ident(ident)) => Some(ident.to_string()),
        _ => None,
    }
}

pub fn trees(stream: impl Into<TokenStream>) -> Vec<TokenTree> {
    stream.into().into_iter().collect()
}

/// A stream or span between the reader's types and `proc_macro2`'s, which `syn` and `quote!`
/// take: free (no call into the compiler); the same types in unit tests.
pub fn conv<T>(from: impl Into<T>) -> T {
    from.into()
}

/// `conv` to `proc_macro2`'s stream.
pub fn p2(stream: impl Into<proc_macro2::TokenStream>) -> proc_macro2::TokenStream {
    stream.into()
}

/// The reader's tokens in `quote!` (`#(Q(tokens))`): converted tree by tree, without a call into
/// the compiler (but for literals).
pub struct Q<'t>(pub &'t [TokenTree]);

impl quote::ToTokens for Q<'_> {
    fn to_tokens(&self, out: &mut proc_macro2::TokenStream) {
        out.extend(self.0.iter().map(to_p2));
    }
}

/// `ident` for `syn` and `quote!`.
pub fn ident_p2(ident: &Ident) -> proc_macro2::Ident {
    let (text, span) = (ident.to_string(), conv(ident.span()));
    match text.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, span),
        None => proc_macro2::Ident::new(&text, span),
    }
}

fn to_p2(tree: &TokenTree) -> proc_macro2::TokenTree {
    use proc_macro2 as p;
    let span = conv(tree.span());
    let mut out: p::TokenTree = match tree {
        TokenTree::Group(g) => {
            let delimiter = match g.delimiter() {
                Delimiter::Parenthesis => p::Delimiter::Parenthesis,
                Delimiter::Brace => p::Delimiter::Brace,
                Delimiter::Bracket => p::Delimiter::Bracket,
                Delimiter::None => p::Delimiter::None,
            };
            p::Group::new(delimiter, p2(g.stream())).into()
        }
        TokenTree::Ident(i) => ident_p2(i).into(),
        TokenTree::Punct(c) => match c.spacing() {
            Spacing::Joint => p::Punct::new(c.as_char(), p::Spacing::Joint).into(),
            Spacing::Alone => p::Punct::new(c.as_char(), p::Spacing::Alone).into(),
        },
        // Through a one-tree stream, which always gives the tree back.
        TokenTree::Literal(_) => p2(TokenStream::from(tree.clone()))
            .into_iter()
            .next()
            .unwrap_or_else(|| p::Punct::new('_', p::Spacing::Alone).into()),
    };
    out.set_span(span);
    out
}

fn is_joint(tt: &TokenTree, c: char) -> bool {
    matches!(tt, TokenTree::Punct(p) if p.as_char() == c && p.spacing() == Spacing::Joint)
}

/// `1` for a `<`, `-1` for a `>` (not the one of `->` or `=>`), else `0`.
pub fn angle(tokens: &[TokenTree], i: usize) -> isize {
    let TokenTree::Punct(p) = &tokens[i] else {
        return 0;
    };
    match p.as_char() {
        '<' => 1,
        '>' if !(i > 0 && (is_joint(&tokens[i - 1], '-') || is_joint(&tokens[i - 1], '='))) => -1,
        _ => 0,
    }
}

/// Is `tokens[i]` a lone `:` (not half of a `::`)?
pub fn is_lone_colon(tokens: &[TokenTree], i: usize) -> bool {
    is_punct(&tokens[i], ':')
        && !is_joint(&tokens[i], ':')
        && !(i > 0 && is_joint(&tokens[i - 1], ':'))
}

/// The indices of `sep` outside `<…>` (`:` only where lone); `None` when the angles do not
/// balance. Groups are single trees, so separators inside them are never seen.
pub fn top_level(tokens: &[TokenTree], sep: char) -> Option<Vec<usize>> {
    let mut depth = 0usize;
    let mut found = Vec::new();
    for i in 0..tokens.len() {
        depth = depth.checked_add_signed(angle(tokens, i))?;
        if depth == 0 && is_punct(&tokens[i], sep) && (sep != ':' || is_lone_colon(tokens, i)) {
            found.push(i);
        }
    }
    (depth == 0).then_some(found)
}

/// The index of the `>` closing the `<` at `open`.
pub fn closing_angle(tokens: &[TokenTree], open: usize) -> Option<usize> {
    let mut depth = 0isize;
    for i in open..tokens.len() {
        depth += angle(tokens, i);
        if depth <= 0 {
            return (depth == 0).then_some(i);
        }
    }
    None
}

/// Splits at `sep` outside `<…>` (`top_level`), dropping one trailing empty piece (`a, b,`).
pub fn split(tokens: &[TokenTree], sep: char) -> Option<Vec<&[TokenTree]>> {
    let mut start = 0;
    let mut pieces = Vec::new();
    for at in top_level(tokens, sep)? {
        pieces.push(&tokens[start..at]);
        start = at + 1;
    }
    if start < tokens.len() {
        pieces.push(&tokens[start..]);
    }
    Some(pieces)
}

/// Does an ident named `name` occur in `tokens` (groups included)?
pub fn mentions(tokens: &[TokenTree], name: &str) -> bool {
    tokens.iter().any(|tt| match tt {
        TokenTree::Ident(i) => ident_is(i, name),
        TokenTree::Group(g) => mentions(&trees(g.stream()), name),
        _ => false,
    })
}

/// `tokens` with every ident named `from` replaced by `to`.
pub fn replace(tokens: &[TokenTree], from: &str, to: &[TokenTree]) -> Vec<TokenTree> {
    let mut out = Vec::with_capacity(tokens.len());
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) if ident_is(i, from) => out.extend_from_slice(to),
            TokenTree::Group(g) => {
                let inner = trees(g.stream());
                if mentions(&inner, from) {
                    let mut group = Group::new(g.delimiter(), stream(replace(&inner, from, to)));
                    group.set_span(g.span());
                    out.push(TokenTree::Group(group));
                } else {
                    out.push(tt.clone());
                }
            }
            _ => out.push(tt.clone()),
        }
    }
    out
}

/// The same tokens (punctuation by character and spacing, groups by content)?
pub fn same(a: &[TokenTree], b: &[TokenTree]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (TokenTree::Punct(p), TokenTree::Punct(q)) => {
                p.as_char() == q.as_char() && p.spacing() == q.spacing()
            }
            (TokenTree::Ident(i), TokenTree::Ident(j)) => ident_is(i, &j.to_string()),
            (TokenTree::Literal(l), TokenTree::Literal(m)) => l.to_string() == m.to_string(),
            (TokenTree::Group(g), TokenTree::Group(h)) => {
                g.delimiter() == h.delimiter() && same(&trees(g.stream()), &trees(h.stream()))
            }
            _ => false,
        })
}

/// An error at `span`, one of the reader's or of `syn`'s.
pub fn error_at(span: impl Into<proc_macro2::Span>, message: impl std::fmt::Display) -> syn::Error {
    syn::Error::new(span.into(), message)
}

/// An error spanning `tokens` (the whole range on nightly, its ends on stable).
pub fn error(tokens: &[TokenTree], message: impl std::fmt::Display) -> syn::Error {
    syn::Error::new_spanned(p2(stream(tokens.to_vec())), message)
}

/// Outer attributes `#[…]` from `*i` on, each as its two trees; stops at anything else.
pub fn outer_attrs<'a>(trees: &'a [TokenTree], i: &mut usize) -> Vec<&'a [TokenTree]> {
    let mut attrs = Vec::new();
    while *i + 1 < trees.len()
        && is_punct(&trees[*i], '#')
        && is_group(&trees[*i + 1], Delimiter::Bracket)
    {
        attrs.push(&trees[*i..*i + 2]);
        *i += 2;
    }
    attrs
}

/// The name of an attribute `#[name …]` (or of the inner `#![name …]`).
pub fn attr_name(attr: &[TokenTree]) -> Option<String> {
    let TokenTree::Group(g) = attr.last()? else {
        return None;
    };
    word(&[g.stream().into_iter().next()?], 0)
}

/// `pub` or `pub(…)` at `*i`: skipped, and returned.
pub fn visibility<'a>(trees: &'a [TokenTree], i: &mut usize) -> &'a [TokenTree] {
    let start = *i;
    // A `$vis` from a `macro_rules!` arrives as an invisible group.
    if let Some(TokenTree::Group(g)) = trees.get(*i) {
        let inner = g.stream().into_iter().next();
        if g.delimiter() == Delimiter::None && inner.map_or(true, |t| is_ident(&t, "pub")) {
            *i += 1;
        }
    } else if trees.get(*i).is_some_and(|t| is_ident(t, "pub")) {
        let restricted = trees
            .get(*i + 1)
            .is_some_and(|t| is_group(t, Delimiter::Parenthesis));
        *i += 1 + usize::from(restricted);
    }
    &trees[start..*i]
}

/// The kinds of item entrait tells apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ItemKind {
    Fn,
    Mod,
    Trait,
    Impl,
    /// `extern "abi" { … }`
    ExternBlock,
    /// Anything else, by its keyword (`struct`, `use`, …) or a macro invocation.
    Other,
}

/// After attributes and visibility: the item's kind, and the index of its keyword (or of the
/// token that makes it `Other`). Qualifiers (`const`, `async`, `unsafe`, `extern "C"`,
/// `default`, `auto`) are looked past.
pub fn item_kind(trees: &[TokenTree], mut i: usize) -> (ItemKind, usize) {
    while let Some(TokenTree::Ident(ident)) = trees.get(i) {
        let kind = match ident.to_string().as_str() {
            "fn" => ItemKind::Fn,
            "mod" => ItemKind::Mod,
            "trait" => ItemKind::Trait,
            "impl" => ItemKind::Impl,
            // `const X: T` or `const _: T`; `const fn`, `const unsafe fn`… go on.
            "const"
                if !matches!(
                    word(trees, i + 1).as_deref(),
                    None | Some("fn" | "unsafe" | "async" | "extern")
                ) =>
            {
                ItemKind::Other
            }
            "const" | "async" | "unsafe" | "default" | "auto" => {
                i += 1;
                continue;
            }
            "extern" if !trees.get(i + 1).is_some_and(|t| is_ident(t, "crate")) => {
                let abi = usize::from(matches!(trees.get(i + 1), Some(TokenTree::Literal(_))));
                if trees
                    .get(i + 1 + abi)
                    .is_some_and(|t| is_group(t, Delimiter::Brace))
                {
                    return (ItemKind::ExternBlock, i);
                }
                i += 1 + abi;
                continue;
            }
            _ => ItemKind::Other,
        };
        return (kind, i);
    }
    (ItemKind::Other, i)
}

/// The end (exclusive) of the item starting at `start`: after its first `{ … }` outside `<…>`
/// for the items that end with one, else after its `;` (`const X: T = T { a: 1 };` keeps its
/// braces inside).
pub fn item_end(trees: &[TokenTree], start: usize) -> usize {
    let mut i = start;
    outer_attrs(trees, &mut i);
    visibility(trees, &mut i);
    let semi_only = match word(trees, i).as_deref() {
        Some("use" | "static" | "type") => true,
        Some("const") => item_kind(trees, i).0 == ItemKind::Other,
        Some("extern") => trees.get(i + 1).is_some_and(|t| is_ident(t, "crate")),
        _ => false,
    };
    end_at(trees, i, semi_only)
}

/// The end (exclusive) of an item whose keywords start at `i`: after its first `;`, or its
/// first `{ … }` outside `<…>` unless `semi_only`. Angles are counted only for the braces: no
/// `;` stands inside them, and in a value (`const A: bool = 1 < 2;`) a `<` is a comparison.
pub fn end_at(trees: &[TokenTree], i: usize, semi_only: bool) -> usize {
    let mut depth = 0usize;
    for (k, t) in trees.iter().enumerate().skip(i) {
        if depth == 0 && (is_punct(t, ';') || !semi_only && is_group(t, Delimiter::Brace)) {
            return k + 1;
        }
        if !semi_only {
            match depth.checked_add_signed(angle(trees, k)) {
                Some(d) => depth = d,
                None => break,
            }
        }
    }
    trees.len()
}

// ---- writing ---------------------------------------------------------------------------------
// Spacing and spans as `quote!` makes them.

pub fn ident(text: &str) -> TokenTree {
    TokenTree::Ident(Ident::new(text, Span::call_site()))
}

pub fn punct(c: char) -> TokenTree {
    TokenTree::Punct(Punct::new(c, Spacing::Alone))
}

/// `::`, `->`, `'a` and other two-character tokens.
pub fn push_joint(out: &mut Vec<TokenTree>, first: char, second: char) {
    out.push(TokenTree::Punct(Punct::new(first, Spacing::Joint)));
    out.push(punct(second));
}

/// Each of `pieces` (attributes, `cfg`s) in turn.
pub fn push_all(out: &mut Vec<TokenTree>, pieces: &[&[TokenTree]]) {
    for piece in pieces {
        out.extend_from_slice(piece);
    }
}

/// `::a::b::c`
pub fn push_path(out: &mut Vec<TokenTree>, segments: &[&str]) {
    for segment in segments {
        push_joint(out, ':', ':');
        out.push(ident(segment));
    }
}

pub fn push_group(out: &mut Vec<TokenTree>, delimiter: Delimiter, inner: Vec<TokenTree>) {
    out.push(TokenTree::Group(Group::new(delimiter, stream(inner))));
}

/// `'name`
pub fn push_lifetime(out: &mut Vec<TokenTree>, name: &str) {
    out.push(TokenTree::Punct(Punct::new('\'', Spacing::Joint)));
    out.push(ident(name));
}

/// Items joined by `sep`.
pub fn push_joined<T>(
    out: &mut Vec<TokenTree>,
    items: impl IntoIterator<Item = T>,
    sep: char,
    mut push: impl FnMut(&mut Vec<TokenTree>, T),
) {
    for (n, item) in items.into_iter().enumerate() {
        if n > 0 {
            out.push(punct(sep));
        }
        push(out, item);
    }
}

/// `<a, b>`, or nothing for no items.
pub fn push_angled<'i, T>(
    out: &mut Vec<TokenTree>,
    items: &'i [T],
    push: impl FnMut(&mut Vec<TokenTree>, &'i T),
) {
    if !items.is_empty() {
        out.push(punct('<'));
        push_joined(out, items, ',', push);
        out.push(punct('>'));
    }
}

/// `-> impl ::core::future::Future<Output = R> + ::core::marker::Send` (no `Send` with
/// `?Send`): how an `async fn` is declared in every generated trait and impl.
pub fn push_future(out: &mut Vec<TokenTree>, output: Option<&[TokenTree]>, send: bool) {
    push_joint(out, '-', '>');
    out.push(ident("impl"));
    push_path(out, &["core", "future", "Future"]);
    out.extend([punct('<'), ident("Output"), punct('=')]);
    match output {
        Some(output) => out.extend_from_slice(output),
        None => push_group(out, Delimiter::Parenthesis, Vec::new()),
    }
    out.push(punct('>'));
    if send {
        out.push(punct('+'));
        push_path(out, &["core", "marker", "Send"]);
    }
}

pub fn stream(trees: Vec<TokenTree>) -> TokenStream {
    trees.into_iter().collect()
}
