//! The test command runs the workspace twice, with the `unimock` feature and without. Cargo
//! unifies features across a build, so one dev-dependency that turns `entrait/unimock` on would
//! silently make the second pass a second feature-on pass; this test catches that.

#[test]
fn entrait_has_the_unimock_feature_exactly_when_this_crate_does() {
    assert_eq!(
        entrait::__private::UNIMOCK,
        cfg!(feature = "unimock"),
        "entrait's unimock feature is switched on by another package in this build: \
         leave that package out of the feature-off pass (cargo test --workspace --exclude …)"
    );
}
