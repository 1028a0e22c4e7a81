//! `loans-app`: a lending library on the command line, over an SQLite file.
//!
//! With no arguments it runs a demo against `loans-demo.sqlite3` next to the executable
//! (`target/debug/` under `cargo run`), or against `$LOANS_DB`. Exit status: 0 done,
//! 1 refused by the library (unknown id, invalid data, a lending rule), 2 bad command line,
//! 3 database problem. Errors are one line on stderr; a failed command changes nothing.

mod app;
mod demo;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use entrait::Impl;
use loans_core::{BookId, Catalogue, Clock, Date, Lending, LoanError, MemberId};
use loans_infra::db::{self, Opened};
use loans_infra::{FixedClock, SystemClock};

use crate::app::App;

/// A lending library on the command line: books, members and loans kept in an SQLite file.
///
/// With no command, runs a demo. Members borrow books for 14 days, at most 3 at a time.
#[derive(Parser)]
#[command(name = "loans-app", version)]
struct Cli {
    /// The database file, created on first use [default: $LOANS_DB, else loans-demo.sqlite3
    /// next to this program]
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,

    /// Pretend today is DATE (YYYY-MM-DD) instead of reading the system clock
    #[arg(long, global = true, value_name = "DATE")]
    today: Option<Date>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the demo (the default): the first run stocks the library, later runs continue from
    /// what the database holds
    Demo,
    /// Add a book to the catalogue
    AddBook {
        /// Its title
        title: String,
        /// Its author(s)
        author: String,
    },
    /// Register a member
    AddMember {
        /// Their name
        name: String,
    },
    /// Lend a book to a member
    Borrow {
        /// The book's id
        book: BookId,
        /// The member's id
        member: MemberId,
    },
    /// Take a book back
    Return {
        /// The book's id
        book: BookId,
    },
    /// List the books, and who has them
    Books,
    /// List the members, and how many books they have
    Members,
    /// List the books on loan
    Loans,
    /// List the loans past their due date
    Overdue {
        /// Check on DATE (YYYY-MM-DD) instead of today
        #[arg(long, value_name = "DATE")]
        on: Option<Date>,
    },
}

/// Why the program stops. Every variant prints as one line.
enum Failure {
    Open(PathBuf, loans_core::StorageError),
    Loan(LoanError),
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Self::Loan(e) if e.is_refusal() => 1,
            Self::Open(..) | Self::Loan(_) => 3,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Open(path, e) => write!(f, "cannot open database {}: {}", path.display(), e.0),
            Self::Loan(e) => e.fmt(f),
        }
    }
}

impl From<loans_core::StorageError> for Failure {
    fn from(e: loans_core::StorageError) -> Self {
        Self::Loan(LoanError::Storage(e))
    }
}

impl From<LoanError> for Failure {
    fn from(e: LoanError) -> Self {
        Self::Loan(e)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help, --version
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{}", one_line(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}

/// clap's multi-paragraph usage errors, as one line: the message and its tips, without the
/// usage block (`--help` has that).
fn one_line(message: &str) -> String {
    let parts: Vec<String> = message
        .split("\n\n")
        .filter(|p| {
            let p = p.trim_start();
            !p.is_empty() && !p.starts_with("Usage:") && !p.starts_with("For more information")
        })
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    format!("{} (see --help)", parts.join("; "))
}

fn default_db() -> PathBuf {
    if let Some(path) = std::env::var_os("LOANS_DB") {
        return path.into();
    }
    let dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    dir.join("loans-demo.sqlite3")
}

fn run(cli: Cli) -> Result<(), Failure> {
    let path = cli.db.unwrap_or_else(default_db);
    let clock: Box<dyn Clock> = match cli.today {
        Some(day) => Box::new(FixedClock(day)),
        None => Box::new(SystemClock),
    };
    let (app, opened) = App::open(&path, clock).map_err(|e| Failure::Open(path.clone(), e))?;
    let command = match cli.command {
        None | Some(Command::Demo) => return Ok(demo::run(&app, &path, opened)?),
        Some(command) => command,
    };
    // One command, one transaction: if it fails, nothing it wrote is kept. Its output is
    // printed only once it is committed.
    for line in db::in_transaction(&app, || execute(&app, command))? {
        println!("{line}");
    }
    if opened == Opened::Created {
        eprintln!("note: created a new library database at {}", path.display());
    }
    Ok(())
}

/// Runs one use case; returns what to print once it is committed.
fn execute(app: &Impl<App>, command: Command) -> Result<Vec<String>, Failure> {
    let lines = match command {
        Command::Demo => unreachable!("handled by run"),
        Command::AddBook { title, author } => {
            vec![format!("added {}", app.add_book(&title, &author)?)]
        }
        Command::AddMember { name } => vec![format!("added {}", app.add_member(&name)?)],
        Command::Borrow { book, member } => vec![app.borrow(book, member)?.to_string()],
        Command::Return { book } => vec![app.return_book(book)?.to_string()],
        Command::Books => {
            let lent: HashMap<BookId, _> = app
                .current_loans()?
                .into_iter()
                .map(|l| (l.book.id, l))
                .collect();
            let books = app.books()?;
            if books.is_empty() {
                return Ok(vec![
                    "no books yet: add one with `add-book TITLE AUTHOR`".into()
                ]);
            }
            books
                .into_iter()
                .map(|book| match lent.get(&book.id) {
                    Some(l) => format!("{book}: on loan to {}, due {}", l.member, l.loan.due_on),
                    None => format!("{book}: available"),
                })
                .collect()
        }
        Command::Members => {
            let loans = app.current_loans()?;
            let members = app.members()?;
            if members.is_empty() {
                return Ok(vec!["no members yet: add one with `add-member NAME`".into()]);
            }
            members
                .into_iter()
                .map(|member| {
                    let n = loans.iter().filter(|l| l.member.id == member.id).count();
                    format!("{member}: {n} book(s) on loan")
                })
                .collect()
        }
        Command::Loans => {
            let loans = app.current_loans()?;
            if loans.is_empty() {
                return Ok(vec!["no books on loan".into()]);
            }
            loans.iter().map(ToString::to_string).collect()
        }
        Command::Overdue { on } => {
            let late = app.overdue(on)?;
            if late.is_empty() {
                return Ok(vec!["no loans overdue".into()]);
            }
            late.iter()
                .map(|o| format!("{}: {} late", o.details, days(o.days_late)))
                .collect()
        }
    };
    Ok(lines)
}

/// "1 day", "7 days".
fn days(n: u32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}
