//! Every misuse of entrait, with the exact compiler output kept in `.stderr` files.
//! Regenerate after an intended change with `TRYBUILD=overwrite cargo test -p entrait-ui-tests`,
//! then read every changed `.stderr`: each must read as a helpful message.
//!
//! One folder per input kind; `args/` holds option-parsing errors and `item/` the item kinds
//! `#[entrait]` does not apply to; `user/` holds mistakes in the user's own code under a valid
//! attribute (the compiler's message, once, at the user's token). `docs/errors.md` maps every
//! message to its case.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    for folder in ["args", "item", "fn", "mod", "trait", "impl", "user"] {
        t.compile_fail(format!("{folder}/*.rs"));
    }
}
