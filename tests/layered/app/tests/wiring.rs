//! Runs the core's use cases through implementations selected across three crates.

use layered_core::{Describe, DescribeAsync};

#[test]
fn static_and_dyn_inverted_dependencies_across_crates() {
    assert_eq!(layered_app::app().describe(7), "rec-7 (note for rec-7)");
}

#[tokio::test(flavor = "multi_thread")]
async fn async_through_both_inverted_forms_on_spawned_tasks() {
    let app = std::sync::Arc::new(layered_app::app());
    let out = tokio::spawn(async move { app.describe_async(2).await })
        .await
        .unwrap();
    assert_eq!(out, "REC-2 (async note 2 by rec)");
}
