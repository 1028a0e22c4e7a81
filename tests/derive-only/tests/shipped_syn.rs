//! syn is built here with exactly the features entrait-macros declares: nothing else in this
//! graph adds any (in particular not `full`, unless entrait-macros itself asks for it).

use std::collections::BTreeSet;
use std::process::Command;

const MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
const MACROS_MANIFEST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../entrait-macros/Cargo.toml"
);

/// The features of entrait-macros' `syn = { … }` line under `[dependencies]`.
fn declared() -> (BTreeSet<String>, bool) {
    let toml = std::fs::read_to_string(MACROS_MANIFEST).unwrap();
    let deps = toml
        .split("\n[dependencies]")
        .nth(1)
        .expect("[dependencies]");
    let deps = deps.split("\n[").next().unwrap();
    let line = deps
        .lines()
        .find(|l| l.trim_start().starts_with("syn ") || l.trim_start().starts_with("syn="))
        .expect("a one-line `syn = { … }` dependency in entrait-macros/Cargo.toml");
    let defaults = !line.replace(' ', "").contains("default-features=false");
    // The only brackets on the line are the feature list's.
    let feats = match (line.find('['), line.find(']')) {
        (Some(a), Some(b)) => line[a + 1..b]
            .split(',')
            .map(|s| s.trim().trim_matches('"').to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        _ => BTreeSet::new(),
    };
    (feats, defaults)
}

/// The features syn is built with in this workspace, from `cargo tree -e features -i syn`.
fn built() -> BTreeSet<String> {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "-e",
            "features",
            "-i",
            "syn",
            "--manifest-path",
            MANIFEST,
        ])
        .output()
        .expect("cargo tree");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    text.lines()
        .filter_map(|l| l.split("syn feature \"").nth(1))
        .map(|f| f.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn syn_has_only_the_features_entrait_macros_declares() {
    let (declared, defaults) = declared();
    let built = built();
    assert!(!built.is_empty(), "syn is not in this graph?");
    let extra: Vec<_> = built
        .iter()
        .filter(|f| !declared.contains(*f) && (!defaults || *f != "default"))
        .collect();
    // With syn's defaults on, `default` turns on its own list; everything else must be declared.
    if !defaults {
        assert!(
            extra.is_empty(),
            "syn features nobody declared: {extra:?} (built: {built:?})"
        );
    }
    assert_eq!(
        built.contains("full"),
        declared.contains("full"),
        "syn's `full` is {} here but entrait-macros {} it (built: {built:?})",
        if built.contains("full") { "on" } else { "off" },
        if declared.contains("full") {
            "asks for"
        } else {
            "does not ask for"
        },
    );
}

#[test]
fn the_declared_features_are_read() {
    let (declared, _) = declared();
    assert!(declared.contains("parsing"), "{declared:?}");
}
