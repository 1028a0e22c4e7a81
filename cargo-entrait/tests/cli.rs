//! Runs the `cargo-entrait` binary on fixture workspaces copied to a temporary directory and
//! compares what it prints with the files in `tests/snapshots/`.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test -p cargo-entrait` rewrites the snapshots (and the generated
//! graph in `examples/README.md` and `docs/loans-graph.svg`); review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn update() -> bool {
    std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0")
}

/// A scratch directory for one test, removed when the test ends (passed or failed).
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp(name: &str) -> TempDir {
    let dir =
        std::env::temp_dir().join(format!("cargo-entrait-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).expect("copy");
        }
    }
}

/// A fixture of `tests/fixtures/`, copied.
fn fixture(name: &str) -> TempDir {
    let dir = temp(name);
    copy_dir(&here().join("tests/fixtures").join(name), &dir);
    dir
}

/// Members of this repository, copied under their own paths into a new workspace whose
/// root provides the `workspace = true` keys they inherit. `entrait` is a registry
/// dependency there: nothing is built, and `cargo metadata --no-deps` needs no registry.
fn workspace(name: &str, members: &[&str]) -> TempDir {
    let dir = temp(name);
    let list: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[workspace.package]\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\nrust-version = \"1.75\"\nrepository = \"https://example.invalid\"\n\n[workspace.dependencies]\nentrait = \"0.7\"\n\n[workspace.lints.rust]\nunsafe_code = \"deny\"\n",
            list.join(", ")
        ),
    )
    .expect("write");
    for m in members {
        copy_dir(&repo().join(m), &dir.join(m));
    }
    dir
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `dir` as cargo runs a subcommand: `cargo-entrait entrait ARGS`.
fn run(dir: &Path, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_cargo-entrait"))
        .arg("entrait")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run cargo-entrait");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8"),
        stderr: String::from_utf8(out.stderr).expect("utf-8"),
    }
}

/// Compares `actual` with `tests/snapshots/NAME` (or writes it under `UPDATE_SNAPSHOTS=1`).
fn snapshot(name: &str, actual: &str) {
    let path = here().join("tests/snapshots").join(name);
    if update() {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

fn problem_fixture(name: &str, problems: usize) {
    let dir = fixture(name);
    let out = run(&dir, &["check"]);
    assert_eq!(out.code, 1, "{name}: {}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr.matches("\nerror: ").count() + usize::from(out.stderr.starts_with("error: ")),
        problems + 1,
        "{name}: one diagnostic per problem and a last line\n{}",
        out.stderr
    );
    assert!(out.stderr.contains("= help: write") || out.stderr.contains("= help: "));
    snapshot(&format!("{name}.check.stderr"), &out.stderr);
}

#[test]
fn cycle_is_reported_as_the_full_ring() {
    problem_fixture("cycle", 1);
}

#[test]
fn missing_selector_names_the_candidates() {
    problem_fixture("missing-selector", 1);
}

#[test]
fn missing_as_ref_for_dyn_companion_and_inverted_ref() {
    problem_fixture("missing-asref", 2);
}

#[test]
fn missing_hand_impls() {
    problem_fixture("missing-hand-impl", 2);
}

#[test]
fn leaf_on_another_type() {
    problem_fixture("leaf-type", 1);
}

#[test]
fn bad_input_is_skipped_with_warnings_and_the_rest_is_drawn() {
    let dir = fixture("bad-input");
    let out = run(&dir, &["graph"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"));
    snapshot("bad-input.graph.mmd", &out.stdout);
    snapshot("bad-input.graph.stderr", &out.stderr);
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, out.stderr, "the same warnings");
}

#[test]
fn every_attribute_form_and_module_layout() {
    let dir = fixture("aliases");
    let out = run(&dir, &["graph", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    snapshot("aliases.graph.json", &out.stdout);
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    snapshot("aliases.check.stdout", &check.stdout);
}

const LAYERED: [&str; 3] = [
    "tests/layered/core",
    "tests/layered/infra",
    "tests/layered/app",
];
const LOANS: [&str; 3] = [
    "examples/loans-core",
    "examples/loans-infra",
    "examples/loans-app",
];

#[test]
fn layered_is_sound_drawn_and_explained() {
    let dir = workspace("layered", &LAYERED);
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "");
    snapshot("layered.check.stdout", &check.stdout);
    let graph = run(&dir, &["graph"]);
    assert_eq!(graph.code, 0);
    snapshot("layered.graph.mmd", &graph.stdout);
    let json = run(&dir, &["graph", "--format", "json"]);
    snapshot("layered.graph.json", &json.stdout);
    let explain = run(&dir, &["explain", "Describe"]);
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    snapshot("layered.explain-describe.stdout", &explain.stdout);
}

#[test]
fn layered_without_its_selector_fails() {
    let dir = workspace("layered-no-selector", &LAYERED);
    let lib = dir.join("tests/layered/app/src/lib.rs");
    let text = std::fs::read_to_string(&lib).expect("read");
    let selector = "impl DelegateRepo<Self> for App {\n    type Target = ComputedRepo;\n}\n";
    assert!(
        text.contains(selector),
        "tests/layered/app changed: update this test"
    );
    std::fs::write(&lib, text.replace(selector, "")).expect("write");
    let out = run(&dir, &["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out
        .stderr
        .contains("error: `App` selects no implementation of `Repo`"));
    assert!(out.stderr.contains(
        "= help: write `impl DelegateRepo<Self> for App { type Target = ComputedRepo; }`"
    ));
    snapshot("layered-no-selector.check.stderr", &out.stderr);
}

#[test]
fn loans_is_sound_and_drawn_in_every_format() {
    let dir = workspace("loans", &LOANS);
    let check = run(&dir, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "");
    snapshot("loans.check.stdout", &check.stdout);
    for (format, ext) in [("mermaid", "mmd"), ("dot", "dot"), ("json", "json")] {
        let out = run(&dir, &["graph", "-p", "loans-app", "--format", format]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        snapshot(&format!("loans.graph.{ext}"), &out.stdout);
    }
    // Test code (loans-infra's `TestApp`) only with --tests.
    let plain = run(&dir, &["graph", "-p", "loans-app"]);
    assert!(!plain.stdout.contains("TestApp"));
    let tests = run(&dir, &["graph", "-p", "loans-app", "--tests"]);
    assert!(tests
        .stdout
        .contains(r#"loans_core__Repo ==>|"DelegateRepo: SqliteRepo"| loans_infra__ty_TestApp"#));
    let explain = run(&dir, &["explain", "Repo", "--app", "App"]);
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    snapshot("loans.explain-repo.stdout", &explain.stdout);
}

#[test]
fn loans_svg_has_one_group_per_node() {
    let dir = workspace("loans-svg", &LOANS);
    let svg_path = dir.join("graph.svg");
    let out = run(
        &dir,
        &[
            "graph",
            "-p",
            "loans-app",
            "--format",
            "svg",
            "-o",
            "graph.svg",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "", "-o writes the file, not standard output");
    let svg = std::fs::read_to_string(&svg_path).expect("svg written");
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is XML");
    let json = run(&dir, &["graph", "-p", "loans-app", "--format", "json"]);
    let graph: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let nodes = graph["nodes"].as_array().expect("nodes");
    let trait_ids: Vec<&str> = nodes
        .iter()
        .filter(|n| n["kind"] == "trait")
        .map(|n| n["id"].as_str().expect("id"))
        .collect();
    assert_eq!(trait_ids.len(), 8);
    let groups: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|w| w == "trait"))
        })
        .collect();
    let mut svg_ids: Vec<&str> = groups.iter().filter_map(|g| g.attribute("id")).collect();
    let mut expected = trait_ids.clone();
    svg_ids.sort_unstable();
    expected.sort_unstable();
    assert_eq!(svg_ids, expected, "one <g class=\"node trait\"> per trait");
    let all_nodes = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("g")
                && n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|w| w == "node"))
        })
        .count();
    assert_eq!(all_nodes, nodes.len());
    // Every trait's name is written in the picture.
    let text: String = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    for n in nodes.iter().filter(|n| n["kind"] == "trait") {
        assert!(text.contains(n["name"].as_str().expect("name")));
    }
}

#[test]
fn loans_with_a_cycle_fails() {
    let dir = workspace("loans-cycle", &LOANS);
    let file = dir.join("examples/loans-core/src/use_cases.rs");
    let text = std::fs::read_to_string(&file).expect("read");
    let from = "pub fn check_can_borrow(deps: &impl Repo,";
    assert!(text.contains(from), "loans-core changed: update this test");
    let text = text
        .replace(
            from,
            "pub fn check_can_borrow(deps: &(impl Repo + Lending),",
        )
        .replace(
            "use crate::{Book, Loan, LoanDetails, LoanError, Member, Repo};",
            "use crate::{Book, Lending, Loan, LoanDetails, LoanError, Member, Repo};",
        );
    std::fs::write(&file, text).expect("write");
    let out = run(&dir, &["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains(
        "error: cycle in the entrait graph: `CheckCanBorrow` → `Lending` → `CheckCanBorrow`"
    ));
    snapshot("loans-cycle.check.stderr", &out.stderr);
}

/// The graph in `examples/README.md` is the tool's output for the example as it is now.
#[test]
fn examples_readme_graph_is_current() {
    let dir = workspace("loans-readme", &LOANS);
    let out = run(&dir, &["graph", "-p", "loans-app"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let readme_path = repo().join("examples/README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("examples/README.md");
    let begin = "```mermaid\n";
    let start = readme.find(begin).expect("a mermaid block") + begin.len();
    let end = start + readme[start..].find("```\n").expect("its end");
    if update() {
        let new = format!("{}{}{}", &readme[..start], out.stdout, &readme[end..]);
        std::fs::write(&readme_path, new).expect("write README");
        let svg = run(&dir, &["graph", "-p", "loans-app", "--format", "svg"]);
        std::fs::write(repo().join("docs/loans-graph.svg"), svg.stdout).expect("write svg");
        return;
    }
    assert!(
        readme[start..end] == out.stdout,
        "examples/README.md shows an old graph: run `cargo entrait graph -p loans-app` (or UPDATE_SNAPSHOTS=1 cargo test -p cargo-entrait) and paste it\n--- now\n{}",
        out.stdout
    );
}

#[test]
fn usage_errors() {
    let dir = fixture("cycle");
    let out = run(&dir, &["graph", "-p", "nope"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: package `nope` is not a member of the workspace (members: cycle)\n"
    );
    let out = run(&dir, &["explain", "Nope"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: no entrait trait named `Nope` (known: F, G, Start)\n"
    );
    // Run directly (not through cargo), with --manifest-path, from elsewhere.
    let out = Command::new(env!("CARGO_BIN_EXE_cargo-entrait"))
        .args(["graph", "--format", "dot", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("digraph entrait {"));
}

/// Calls count for the application they are made on: `Impl::new(Config …).scaled()` next to
/// `app.hello()`, and integration tests that each have their own `App`.
#[test]
fn applications_are_told_apart() {
    let dir = fixture("scoping");
    let out = run(&dir, &["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    snapshot("scoping.check.stdout", &out.stdout);
    // The second test's `App` stops implementing `Greet`: only it is reported.
    let b = dir.join("tests/b.rs");
    let text = std::fs::read_to_string(&b).expect("read");
    std::fs::write(
        &b,
        text.replace("impl Greet for App", "impl Greet for Other"),
    )
    .expect("write");
    let out = run(&dir, &["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    snapshot("scoping-broken.check.stderr", &out.stderr);
}

/// The examples of output in `docs/graph.md` are the snapshots above, verbatim.
#[test]
fn guide_shows_current_output() {
    let guide = std::fs::read_to_string(repo().join("docs/graph.md")).expect("docs/graph.md");
    for name in ["missing-selector.check.stderr", "loans.explain-repo.stdout"] {
        let text =
            std::fs::read_to_string(here().join("tests/snapshots").join(name)).expect("snapshot");
        assert!(
            guide.contains(text.trim_end()),
            "docs/graph.md does not show the current {name}:\n{text}"
        );
    }
}
