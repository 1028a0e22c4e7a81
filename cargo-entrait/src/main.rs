//! `cargo entrait graph | check | explain`: see the crate docs and `docs/graph.md`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use cargo_entrait::check::{self, Step};
use cargo_entrait::{diag, graph, read, render};
use clap::{Parser, Subcommand, ValueEnum};

/// The entrait dependency graph of a crate or workspace, read from source (never built).
#[derive(Parser)]
#[command(name = "cargo-entrait", bin_name = "cargo entrait", version)]
struct Cli {
    /// Path to Cargo.toml
    #[arg(long, global = true, value_name = "PATH")]
    manifest_path: Option<PathBuf>,

    /// The package to look at (with its workspace dependencies) [default: the one in the
    /// current directory, or the whole workspace at its root]
    #[arg(short = 'p', long = "package", global = true, value_name = "SPEC")]
    package: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Mermaid,
    Dot,
    Svg,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Draw the graph: traits grouped by crate; "needs", "implemented by", "selected by" and
    /// leaf edges
    Graph {
        /// Output format
        #[arg(long, value_enum, default_value = "mermaid")]
        format: Format,
        /// Write to FILE instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Also draw what is only in test code (`#[cfg(test)]`, integration tests)
        #[arg(long)]
        tests: bool,
    },
    /// Check the graph: cycles, and every trait an application type needs but does not
    /// provide. Exit status 1 when there is a problem
    Check,
    /// How `Impl<App>` gets a trait: the path through the graph, with places
    Explain {
        /// The trait
        #[arg(value_name = "TRAIT")]
        trait_name: String,
        /// The application type [default: each one that needs the trait]
        #[arg(long, value_name = "TYPE")]
        app: Option<String>,
    },
}

fn main() -> ExitCode {
    // `cargo entrait …` runs `cargo-entrait entrait …`.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "entrait") {
        args.remove(1);
    }
    let cli = Cli::parse_from(args);
    let target = read::Target {
        manifest_path: cli.manifest_path,
        package: cli.package,
    };
    let model = match read::read(&target) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let color = std::io::stderr().is_terminal();
    for w in &model.warnings {
        eprintln!("{}\n", diag::warning(&model, w, color));
    }
    match cli.command {
        Command::Graph {
            format,
            output,
            tests,
        } => {
            let g = graph::build(&model, tests);
            let text = match format {
                Format::Mermaid => render::mermaid(&model, &g),
                Format::Dot => render::dot(&model, &g),
                Format::Json => render::json(&model, &g),
                Format::Svg => render::svg(&model, &g),
            };
            match output {
                Some(path) => {
                    if let Err(e) = std::fs::write(&path, text) {
                        eprintln!("error: cannot write {}: {e}", path.display());
                        return ExitCode::from(2);
                    }
                }
                None => print!("{text}"),
            }
            ExitCode::SUCCESS
        }
        Command::Check => {
            let g = graph::build(&model, true);
            let apps = check::apps(&model);
            let mut problems = check::cycles(&model, &g);
            problems.extend(check::check_apps(&model, &apps));
            for d in &problems {
                eprintln!("{}\n", diag::error(&model, d, color));
            }
            let traits = g.nodes.iter().filter(|n| n.is_trait()).count();
            let crates = model.packages.len();
            if problems.is_empty() {
                println!(
                    "entrait: the graph is sound: {traits} traits in {crates} crate{}, {} application type{} checked",
                    plural(crates),
                    apps.len(),
                    plural(apps.len())
                );
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "error: the entrait graph has {} problem{} ({traits} traits in {crates} crate{}, {} application type{} checked)",
                    problems.len(),
                    plural(problems.len()),
                    plural(crates),
                    apps.len(),
                    plural(apps.len())
                );
                ExitCode::FAILURE
            }
        }
        Command::Explain { trait_name, app } => explain(&model, &trait_name, app.as_deref()),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn explain(model: &cargo_entrait::model::Model, name: &str, app: Option<&str>) -> ExitCode {
    let traits: Vec<usize> = (0..model.traits.len())
        .filter(|&t| model.traits[t].name == name)
        .collect();
    if traits.is_empty() {
        let mut known: Vec<&str> = model.traits.iter().map(|t| t.name.as_str()).collect();
        known.sort_unstable();
        known.dedup();
        eprintln!(
            "error: no entrait trait named `{name}` (known: {})",
            known.join(", ")
        );
        return ExitCode::FAILURE;
    }
    let apps = check::apps(model);
    let chosen: Vec<&check::App> = match app {
        Some(a) => {
            let v: Vec<_> = apps.iter().filter(|x| x.name == a).collect();
            if v.is_empty() {
                let names: Vec<&str> = apps.iter().map(|x| x.name.as_str()).collect();
                eprintln!(
                    "error: no application type `{a}` (found: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                );
                return ExitCode::FAILURE;
            }
            v
        }
        None => {
            let v: Vec<_> = apps
                .iter()
                .filter(|a| {
                    traits
                        .iter()
                        .any(|&t| check::reached(model, a).contains(&t))
                })
                .collect();
            if v.is_empty() {
                apps.iter().collect()
            } else {
                v
            }
        }
    };
    if chosen.is_empty() {
        eprintln!("error: no application type (`Impl<App>` / `Impl::new(App …)`) was found; use --app TYPE or -p for the package that builds it");
        return ExitCode::FAILURE;
    }
    let mut first = true;
    for a in chosen {
        let visible = model.visible(model.package_of(&a.first_use));
        for &t in &traits {
            if !visible.contains(&model.package_of(&model.traits[t].loc)) {
                continue;
            }
            if !first {
                println!();
            }
            first = false;
            println!(
                "How `Impl<{}>` (used at {}) gets `{name}`:",
                a.name,
                model.at(&a.first_use)
            );
            let (step, _) = check::explain(model, a, t);
            print_step(&step, 1);
        }
    }
    ExitCode::SUCCESS
}

fn print_step(step: &Step, depth: usize) {
    println!("{}{}", "  ".repeat(depth), step.text);
    for c in &step.children {
        print_step(c, depth + 1);
    }
}
