//! Tests of the macro as a function of tokens: no panics, append-only, expansion snapshots.

mod fast;
mod fuzz;
mod snapshots;

thread_local! {
    /// What `debug` printed, in this thread.
    pub static DEBUG_OUTPUT: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[test]
fn debug_prints_exactly_the_generated_code() {
    use crate::args::MacroDefaults;
    use crate::expand::entrait;

    let item: proc_macro2::TokenStream =
        "fn greet(deps: &impl Names, id: u32) -> String { todo!() }"
            .parse()
            .unwrap_or_default();
    let plain = entrait(
        "Greet".parse().unwrap_or_default(),
        item.clone(),
        MacroDefaults::default(),
    );
    assert!(
        DEBUG_OUTPUT.with(|out| out.borrow().is_empty()),
        "printed without `debug`"
    );
    let debugged = entrait(
        "Greet, debug".parse().unwrap_or_default(),
        item,
        MacroDefaults::default(),
    );
    assert_eq!(
        plain.to_string(),
        debugged.to_string(),
        "`debug` changed the output"
    );
    let printed = DEBUG_OUTPUT.with(|out| out.borrow().clone());
    assert_eq!(printed, vec![debugged.to_string()]);
    assert!(printed[0].contains("trait Greet"));
}
