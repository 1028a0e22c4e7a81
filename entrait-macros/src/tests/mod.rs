//! Tests of the macro as a function of tokens: no panics, append-only, expansion snapshots.

mod fuzz;
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
