//! The demo: a short story told through the use cases, continued on every run from what the
//! database holds.

use std::fmt::Display;
use std::path::Path;

use entrait::Impl;
use loans_core::{
    BookId, Catalogue, Clock, Lending, LoanDetails, LoanError, Member, MemberId, Receipt,
    LOAN_DAYS, MAX_LOANS_PER_MEMBER,
};
use loans_infra::db::{self, Opened};

use crate::app::App;
use crate::days;

const BOOKS: [(&str, &str); 5] = [
    (
        "The Rust Programming Language",
        "Steve Klabnik & Carol Nichols",
    ),
    ("Dune", "Frank Herbert"),
    ("Hyperion", "Dan Simmons"),
    ("The Left Hand of Darkness", "Ursula K. Le Guin"),
    ("Gödel, Escher, Bach", "Douglas Hofstadter"),
];

const MEMBERS: [&str; 3] = ["Ada Lovelace", "Alan Turing", "Grace Hopper"];

/// Runs one step of the demo. Refusals by the library are part of the story and are printed;
/// a storage failure stops the demo.
///
/// # Errors
/// The database failed.
pub fn run(app: &Impl<App>, path: &Path, opened: Opened) -> Result<(), LoanError> {
    let books = app.books()?;
    let members = app.members()?;
    let loans = app.current_loans()?;
    let state = match opened {
        Opened::Created => "new, schema created".to_string(),
        Opened::Existing => format!(
            "existing: {} books, {} members, {} on loan",
            books.len(),
            members.len(),
            loans.len()
        ),
    };
    println!("Library database: {} ({state})", path.display());
    println!("Today is {}.", app.today());
    if books.is_empty() || members.is_empty() {
        first_run(app)?;
    } else {
        later_run(app, &members)?;
    }
    println!();
    show_loans(app, "Books on loan now")?;
    println!();
    println!(
        "All of this is stored in {}: run the demo again to continue from there.",
        path.display()
    );
    Ok(())
}

fn first_run(app: &Impl<App>) -> Result<(), LoanError> {
    println!();
    println!("First run: stocking the library.");
    let mut books = Vec::new();
    for (title, author) in BOOKS {
        let added = step(app, &format!("add book \"{title}\""), || {
            app.add_book(title, author).map(Added)
        })?;
        books.extend(added.map(|b| b.0.id));
    }
    let mut members = Vec::new();
    for name in MEMBERS.into_iter().chain(["   "]) {
        let added = step(app, &format!("add member \"{name}\""), || {
            app.add_member(name).map(Added)
        })?;
        members.extend(added.map(|m| m.0.id));
    }
    let (&[b1, b2, b3, b4, b5], &[ada, alan, grace]) = (&books[..], &members[..]) else {
        unreachable!("the five books and three members were added")
    };

    println!();
    println!("Lending ({LOAN_DAYS} days a loan, at most {MAX_LOANS_PER_MEMBER} books per member):");
    for (book, member) in [
        (b2, ada),
        (b1, ada),
        (b3, ada),
        (b4, ada),
        (b2, alan),
        (b4, alan),
    ] {
        borrow(app, book, member)?;
    }
    return_book(app, b5, grace)?;
    borrow(app, BookId(99), grace)?;
    Ok(())
}

fn later_run(app: &Impl<App>, members: &[Member]) -> Result<(), LoanError> {
    println!();
    show_loans(app, "Welcome back. On loan since the last run")?;
    let in_three_weeks = app.today().plus_days(21);
    let late = app.overdue(Some(in_three_weeks))?;
    println!();
    println!("Overdue by {in_three_weeks} if nothing comes back:");
    if late.is_empty() {
        println!("  nothing");
    }
    for o in late {
        let d = &o.details;
        println!(
            "  {} \"{}\" (with {}): {} late",
            d.book.id,
            d.book.title,
            d.member.name,
            days(o.days_late)
        );
    }

    println!();
    println!("Passing every loaned book on to the next member:");
    for loan in app.current_loans()? {
        if return_book(app, loan.book.id, loan.member.id)?.is_none() {
            continue;
        }
        // The next members after the one who had it, around the table.
        let start = members
            .iter()
            .position(|m| m.id == loan.member.id)
            .map_or(0, |i| i + 1);
        for next in members.iter().cycle().skip(start).take(members.len() - 1) {
            if borrow(app, loan.book.id, next.id)?.is_some() {
                break;
            }
        }
    }
    return_book(app, BookId(99), MemberId(1))?;
    Ok(())
}

fn borrow(
    app: &Impl<App>,
    book: BookId,
    member: MemberId,
) -> Result<Option<LoanDetails>, LoanError> {
    step(app, &format!("{member} borrows {book}"), || {
        app.borrow(book, member)
    })
}

fn return_book(
    app: &Impl<App>,
    book: BookId,
    member: MemberId,
) -> Result<Option<Receipt>, LoanError> {
    step(app, &format!("{member} returns {book}"), || {
        app.return_book(book)
    })
}

/// Runs one use case in its own transaction and prints its outcome. `Ok(None)`: refused.
fn step<R: Display>(
    app: &Impl<App>,
    what: &str,
    use_case: impl FnOnce() -> Result<R, LoanError>,
) -> Result<Option<R>, LoanError> {
    match db::in_transaction(app, use_case) {
        Ok(done) => {
            println!("  {done}");
            Ok(Some(done))
        }
        Err(e) if e.is_refusal() => {
            println!("  refused ({what}): {e}");
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Shows a new book or member as "added …".
struct Added<T>(T);

impl<T: Display> Display for Added<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "added {}", self.0)
    }
}

fn show_loans(app: &Impl<App>, title: &str) -> Result<(), LoanError> {
    println!("{title}:");
    let loans = app.current_loans()?;
    if loans.is_empty() {
        println!("  none");
    }
    for loan in loans {
        println!("  {loan}");
    }
    Ok(())
}
