//! Every misuse of entrait, with the exact compiler output kept in `.stderr` files.
//! Regenerate after an intended change with `TRYBUILD=overwrite cargo test -p entrait-ui-tests`,
//! then read every changed `.stderr`: each must read as a helpful message.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    for folder in ["args", "fn", "mod", "trait", "impl"] {
        t.compile_fail(format!("{folder}/*.rs"));
    }
}
