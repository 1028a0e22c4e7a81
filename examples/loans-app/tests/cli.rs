//! Runs the built `loans-app` binary against real SQLite files in a temporary directory:
//! the use cases end to end, the demo's first and second run, and every kind of bad input
//! (unknown ids, invalid data, lending rules, unusable database files), each with its exit
//! code and its one-line message — and a check that nothing was lost.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_loans-app");

/// A fresh directory under the system temp dir, removed at the end of the test.
struct Sandbox {
    dir: PathBuf,
}

/// The outcome of one run of the binary.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Sandbox {
    fn new(name: &str) -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "loans-app-cli-{}-{}-{name}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Self { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.join("library.sqlite3")
    }

    /// Runs `loans-app --db <sandbox db> --today 2024-03-01 <args>`.
    fn run(&self, args: &[&str]) -> Run {
        self.run_on("2024-03-01", args)
    }

    fn run_on(&self, today: &str, args: &[&str]) -> Run {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().unwrap(), "--today", today];
        all.extend_from_slice(args);
        run(Command::new(BIN).args(all))
    }

    /// A database with two books and two members, the first book lent to the first member.
    fn stocked(name: &str) -> Self {
        let sb = Self::new(name);
        sb.run(&["add-book", "Dune", "Frank Herbert"]).ok();
        sb.run(&["add-book", "Hyperion", "Dan Simmons"]).ok();
        sb.run(&["add-member", "Ada"]).ok();
        sb.run(&["add-member", "Alan"]).ok();
        sb.run(&["borrow", "1", "1"]).ok();
        sb
    }

    /// What the database holds, as the app lists it.
    fn state(&self) -> String {
        ["books", "members", "loans"]
            .map(|c| self.run(&[c]).ok())
            .concat()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

impl Run {
    /// Succeeded; returns stdout.
    #[track_caller]
    fn ok(self) -> String {
        assert_eq!(self.code, 0, "{self:?}");
        assert!(
            self.stderr.is_empty() || self.stderr.starts_with("note: created"),
            "{self:?}"
        );
        self.stdout
    }

    /// Failed with `code` and exactly the one line `error: <message>`, printing nothing else.
    #[track_caller]
    fn fails(self, code: i32, message: &str) {
        assert_eq!(self.code, code, "{self:?}");
        assert_eq!(self.stderr, format!("error: {message}\n"), "{self:?}");
        assert_eq!(self.stdout, "", "{self:?}");
    }

    /// Failed with `code` and one line `error: <start>…`, printing nothing else.
    #[track_caller]
    fn fails_with_prefix(self, code: i32, start: &str) {
        assert_eq!(self.code, code, "{self:?}");
        assert!(
            self.stderr.starts_with(&format!("error: {start}")),
            "{self:?}"
        );
        assert_eq!(self.stderr.lines().count(), 1, "{self:?}");
        assert_eq!(self.stdout, "", "{self:?}");
    }
}

#[test]
fn use_cases_end_to_end() {
    let sb = Sandbox::new("happy");
    assert!(!sb.db().exists());
    let first = sb.run(&["add-book", "Dune", "Frank Herbert"]);
    assert_eq!(first.stdout, "added book #1 \"Dune\" by Frank Herbert\n");
    assert_eq!(
        first.stderr,
        format!(
            "note: created a new library database at {}\n",
            sb.db().display()
        )
    );
    assert!(sb.db().is_file());

    assert_eq!(
        sb.run(&["add-book", "  Hyperion ", "Dan Simmons"]).ok(),
        "added book #2 \"Hyperion\" by Dan Simmons\n"
    );
    assert_eq!(
        sb.run(&["add-member", "Ada Lovelace"]).ok(),
        "added member #1 Ada Lovelace\n"
    );
    assert_eq!(
        sb.run(&["add-member", "Alan Turing"]).ok(),
        "added member #2 Alan Turing\n"
    );
    assert_eq!(
        sb.run(&["borrow", "1", "2"]).ok(),
        "book #1 \"Dune\" lent to member #2 Alan Turing on 2024-03-01, due 2024-03-15\n"
    );
    assert_eq!(
        sb.run_on("2024-03-05", &["borrow", "#2", "#1"]).ok(),
        "book #2 \"Hyperion\" lent to member #1 Ada Lovelace on 2024-03-05, due 2024-03-19\n"
    );
    assert_eq!(
        sb.run(&["books"]).ok(),
        "book #1 \"Dune\" by Frank Herbert: on loan to member #2 Alan Turing, due 2024-03-15\n\
         book #2 \"Hyperion\" by Dan Simmons: on loan to member #1 Ada Lovelace, due 2024-03-19\n"
    );
    assert_eq!(
        sb.run(&["members"]).ok(),
        "member #1 Ada Lovelace: 1 book(s) on loan\nmember #2 Alan Turing: 1 book(s) on loan\n"
    );
    assert_eq!(
        sb.run(&["loans"]).ok(),
        "book #1 \"Dune\" lent to member #2 Alan Turing on 2024-03-01, due 2024-03-15\n\
         book #2 \"Hyperion\" lent to member #1 Ada Lovelace on 2024-03-05, due 2024-03-19\n"
    );
    assert_eq!(sb.run(&["overdue"]).ok(), "no loans overdue\n");
    assert_eq!(
        sb.run(&["overdue", "--on", "2024-03-20"]).ok(),
        "book #1 \"Dune\" lent to member #2 Alan Turing on 2024-03-01, due 2024-03-15: 5 days late\n\
         book #2 \"Hyperion\" lent to member #1 Ada Lovelace on 2024-03-05, due 2024-03-19: 1 day late\n"
    );
    assert_eq!(
        sb.run_on("2024-03-18", &["return", "1"]).ok(),
        "book #1 \"Dune\" returned by member #2 Alan Turing on 2024-03-18, 3 days late\n"
    );
    assert_eq!(
        sb.run_on("2024-03-18", &["return", "2"]).ok(),
        "book #2 \"Hyperion\" returned by member #1 Ada Lovelace on 2024-03-18, on time\n"
    );
    assert_eq!(sb.run(&["loans"]).ok(), "no books on loan\n");
    // A returned book can be lent again; ids keep counting across runs.
    sb.run(&["borrow", "1", "1"]).ok();
    assert_eq!(
        sb.run(&["add-book", "Dune", "Frank Herbert"]).ok(),
        "added book #3 \"Dune\" by Frank Herbert\n"
    );
}

#[test]
fn listings_of_an_empty_library_say_so() {
    let sb = Sandbox::new("empty");
    assert_eq!(
        sb.run(&["books"]).ok(),
        "no books yet: add one with `add-book TITLE AUTHOR`\n"
    );
    assert_eq!(
        sb.run(&["members"]).ok(),
        "no members yet: add one with `add-member NAME`\n"
    );
    assert_eq!(sb.run(&["loans"]).ok(), "no books on loan\n");
}

#[test]
fn no_arguments_runs_the_demo_and_the_second_run_continues() {
    let sb = Sandbox::new("demo");
    let demo = || {
        let out = run(Command::new(BIN).env("LOANS_DB", sb.db()));
        assert_eq!(out.stderr, "", "{out:?}");
        out.ok()
    };

    let first = demo();
    assert!(first.starts_with(&format!(
        "Library database: {} (new, schema created)\n",
        sb.db().display()
    )));
    for expected in [
        "First run: stocking the library.",
        "added book #5 \"Gödel, Escher, Bach\" by Douglas Hofstadter",
        "added member #3 Grace Hopper",
        "refused (add member \"   \"): invalid name: must not be empty",
        "refused (member #1 borrows book #4): member #1 Ada Lovelace already has 3 books on loan",
        "refused (member #2 borrows book #2): book #2 \"Dune\" is already on loan (to member #1)",
        "refused (member #3 returns book #5): book #5 \"Gödel, Escher, Bach\" is not on loan",
        "refused (member #3 borrows book #99): there is no book #99",
        "run the demo again to continue from there.",
    ] {
        assert!(first.contains(expected), "{expected}\n---\n{first}");
    }

    let second = demo();
    for expected in [
        "(existing: 5 books, 3 members, 4 on loan)",
        "Welcome back. On loan since the last run:",
        "book #4 \"The Left Hand of Darkness\" lent to member #2 Alan Turing",
        "Passing every loaned book on to the next member:",
        "book #1 \"The Rust Programming Language\" returned by member #1 Ada Lovelace",
        "book #1 \"The Rust Programming Language\" lent to member #2 Alan Turing",
        "refused (member #2 borrows book #3): member #2 Alan Turing already has 3 books on loan",
    ] {
        assert!(second.contains(expected), "{expected}\n---\n{second}");
    }
    assert!(!second.contains("First run"));

    // The subcommands see what the demo stored; `demo` is also a subcommand.
    assert_eq!(sb.run(&["loans"]).ok().lines().count(), 4);
    assert!(sb
        .run(&["demo"])
        .ok()
        .contains("(existing: 5 books, 3 members, 4 on loan)"));
}

#[test]
fn unknown_ids_are_refused() {
    let sb = Sandbox::stocked("unknown");
    let before = sb.state();
    sb.run(&["borrow", "9", "2"])
        .fails(1, "there is no book #9");
    sb.run(&["borrow", "2", "7"])
        .fails(1, "there is no member #7");
    sb.run(&["return", "42"]).fails(1, "there is no book #42");
    assert_eq!(sb.state(), before);
}

#[test]
fn invalid_data_is_refused() {
    let sb = Sandbox::stocked("invalid");
    let before = sb.state();
    sb.run(&["add-book", "", "Frank Herbert"])
        .fails(1, "invalid title: must not be empty");
    sb.run(&["add-book", "Dune", "   "])
        .fails(1, "invalid author: must not be empty");
    sb.run(&["add-book", &"x".repeat(201), "Anon"])
        .fails(1, "invalid title: must be at most 200 characters");
    sb.run(&["add-member", "Ada\u{7}"])
        .fails(1, "invalid name: must not contain control characters");
    assert_eq!(sb.state(), before);
    // A refused addition does not use up an id.
    assert_eq!(
        sb.run(&["add-member", "Grace"]).ok(),
        "added member #3 Grace\n"
    );
}

#[test]
fn malformed_command_lines_are_usage_errors() {
    let sb = Sandbox::stocked("usage");
    let before = sb.state();
    sb.run(&["borrow", "one", "2"]).fails(
        2,
        "invalid value 'one' for '<BOOK>': invalid book id 'one': expected a positive number (see --help)",
    );
    sb.run(&["return", "0"]).fails(
        2,
        "invalid value '0' for '<BOOK>': invalid book id '0': expected a positive number (see --help)",
    );
    sb.run(&["borrow", "1"]).fails(
        2,
        "the following required arguments were not provided: <MEMBER> (see --help)",
    );
    sb.run(&["overdue", "--on", "2024-02-30"]).fails(
        2,
        "invalid value '2024-02-30' for '--on <DATE>': invalid date '2024-02-30': expected a day as YYYY-MM-DD (see --help)",
    );
    sb.run(&["borow", "1", "2"]).fails(
        2,
        "unrecognized subcommand 'borow'; tip: some similar subcommands exist: 'books', 'borrow' (see --help)",
    );
    assert_eq!(sb.state(), before);

    let help = run(Command::new(BIN).arg("--help"));
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("With no command, runs a demo."));
}

#[test]
fn lending_rules_are_enforced() {
    let sb = Sandbox::stocked("rules");
    sb.run(&["borrow", "1", "2"])
        .fails(1, "book #1 \"Dune\" is already on loan (to member #1)");
    sb.run(&["return", "2"])
        .fails(1, "book #2 \"Hyperion\" is not on loan");

    // Ada has book 1; two more reach the limit of three, a fourth is refused.
    sb.run(&["add-book", "C", "c"]).ok();
    sb.run(&["add-book", "D", "d"]).ok();
    sb.run(&["borrow", "2", "1"]).ok();
    sb.run(&["borrow", "3", "1"]).ok();
    let before = sb.state();
    sb.run(&["borrow", "4", "1"]).fails(
        1,
        "member #1 Ada already has 3 books on loan, the most allowed",
    );
    assert_eq!(sb.state(), before);
    // After a return there is room again.
    sb.run(&["return", "2"]).ok();
    sb.run(&["borrow", "4", "1"]).ok();
}

#[test]
fn refused_commands_leave_the_file_byte_for_byte_unchanged() {
    let sb = Sandbox::stocked("untouched");
    let bytes = fs::read(sb.db()).unwrap();
    sb.run(&["borrow", "1", "2"])
        .fails(1, "book #1 \"Dune\" is already on loan (to member #1)");
    sb.run(&["add-book", "", "x"])
        .fails(1, "invalid title: must not be empty");
    sb.run(&["return", "5"]).fails(1, "there is no book #5");
    assert!(fs::read(sb.db()).unwrap() == bytes);
}

/// `--db <path>` with everything else at its default.
fn open_fails(path: &Path) -> Run {
    run(Command::new(BIN).args(["--db", path.to_str().unwrap(), "loans"]))
}

#[test]
fn a_directory_is_not_a_database() {
    let sb = Sandbox::new("dir");
    open_fails(&sb.dir).fails(
        3,
        &format!(
            "cannot open database {}: is a directory, not a database file",
            sb.dir.display()
        ),
    );
    let missing = sb.dir.join("no/such/dir/library.sqlite3");
    open_fails(&missing).fails(
        3,
        &format!(
            "cannot open database {}: directory {} does not exist",
            missing.display(),
            missing.parent().unwrap().display()
        ),
    );
    assert_eq!(fs::read_dir(&sb.dir).unwrap().count(), 0);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let sb = Sandbox::new("garbage");
    let file = sb.dir.join("notes.txt");
    let text = "Shopping list: milk, eggs, bread.\n".repeat(200);
    fs::write(&file, &text).unwrap();
    open_fails(&file).fails(
        3,
        &format!(
            "cannot open database {}: file is not a database",
            file.display()
        ),
    );
    // Not even the demo touches it.
    let demo = run(Command::new(BIN).args(["--db", file.to_str().unwrap()]));
    assert_eq!(demo.code, 3);
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn another_programs_sqlite_database_is_refused() {
    let sb = Sandbox::new("foreign");
    let file = sb.dir.join("other.sqlite3");
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute_batch("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER);")
        .unwrap();
    let bytes = fs::read(&file).unwrap();
    open_fails(&file).fails(
        3,
        &format!(
            "cannot open database {}: an SQLite database, but not a loans database",
            file.display()
        ),
    );
    assert!(fs::read(&file).unwrap() == bytes);
}

#[test]
fn a_damaged_database_is_refused_and_left_alone() {
    let sb = Sandbox::stocked("damaged");
    let mut bytes = fs::read(sb.db()).unwrap();
    assert!(bytes.len() > 8192, "several pages");
    // Keep the header page, overwrite every other page with noise.
    for b in &mut bytes[4096..] {
        *b = 0x5A;
    }
    fs::write(sb.db(), &bytes).unwrap();
    open_fails(&sb.db()).fails_with_prefix(
        3,
        &format!(
            "cannot open database {}: the file is damaged (",
            sb.db().display()
        ),
    );
    assert!(fs::read(sb.db()).unwrap() == bytes);

    // Cut short: SQLite finds out while reading the schema.
    fs::write(sb.db(), &bytes[..5000]).unwrap();
    open_fails(&sb.db()).fails(
        3,
        &format!(
            "cannot open database {}: database disk image is malformed",
            sb.db().display()
        ),
    );
    assert_eq!(fs::read(sb.db()).unwrap().len(), 5000);
}
