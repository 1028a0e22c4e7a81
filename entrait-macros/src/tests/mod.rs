//! Tests of the macro as a function of tokens: no panics, append-only, expansion snapshots.

mod fuzz;
// The snapshots pretty-print with syn's `full` and prettyplease, which the copy of these tests
// in tests/derive-only (built with the shipped syn, `cfg(entrait_shipped_syn)`) does not have.
#[cfg(not(entrait_shipped_syn))]
mod snapshots;

#[test]
fn debug_asks_to_print_exactly_the_generated_code() {
    use crate::args::MacroDefaults;
    use crate::expand::entrait;

    let item: proc_macro2::TokenStream =
        "fn greet(deps: &impl Names, id: u32) -> String { todo!() }"
            .parse()
            .unwrap_or_default();
    let (plain, print) = entrait(
        "Greet".parse().unwrap_or_default(),
        item.clone(),
        MacroDefaults::default(),
    );
    assert!(!print, "printed without `debug`");
    let (debugged, print) = entrait(
        "Greet, debug".parse().unwrap_or_default(),
        item,
        MacroDefaults::default(),
    );
    assert!(print, "`debug` does not print");
    assert_eq!(
        plain.to_string(),
        debugged.to_string(),
        "`debug` changed the output"
    );
    assert!(debugged.to_string().contains("trait Greet"));
}

/// Items written by a `macro_rules!` carry their `$vis` and `$ty` fragments in invisible groups.
#[test]
fn invisible_groups_from_macro_rules_are_looked_through() {
    use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

    let group = |tokens: &str| {
        let stream: TokenStream = tokens.parse().unwrap_or_default();
        TokenTree::Group(Group::new(Delimiter::None, stream))
    };
    let mut args: Vec<TokenTree> = "deps: &"
        .parse::<TokenStream>()
        .unwrap_or_default()
        .into_iter()
        .collect();
    args.push(group("impl Db"));
    args.extend(", id: ".parse::<TokenStream>().unwrap_or_default());
    args.push(group("u32"));
    let mut item: Vec<TokenTree> = vec![group("pub")];
    item.extend("fn get".parse::<TokenStream>().unwrap_or_default());
    item.push(TokenTree::Group(Group::new(
        Delimiter::Parenthesis,
        args.into_iter().collect(),
    )));
    item.extend("-> u32 { 0 }".parse::<TokenStream>().unwrap_or_default());
    let (output, _) = crate::expand::entrait(
        "Get".parse().unwrap_or_default(),
        item.into_iter().collect(),
        crate::args::MacroDefaults::default(),
    );
    let output = output.to_string();
    assert!(!output.contains("compile_error"), "{output}");
    assert!(output.contains("trait Get"), "{output}");
}
