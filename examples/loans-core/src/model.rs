//! The things the library keeps track of.

use core::fmt;
use core::str::FromStr;

use crate::Date;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($what, " #{}"), self.0)
            }
        }

        impl FromStr for $name {
            type Err = String;

            /// Accepts `7` and `#7`.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let digits = s.strip_prefix('#').unwrap_or(s);
                match digits.parse::<u32>() {
                    Ok(n) if n > 0 && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(Self(n)),
                    _ => Err(format!(
                        concat!("invalid ", $what, " id '{}': expected a positive number"),
                        s
                    )),
                }
            }
        }
    };
}

id_type!(
    /// Identifies a book of the catalogue.
    BookId,
    "book"
);
id_type!(
    /// Identifies a member of the library.
    MemberId,
    "member"
);

/// A book in the catalogue (one copy: two copies of a title are two books).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Book {
    /// Its id.
    pub id: BookId,
    /// Its title.
    pub title: String,
    /// Its author(s).
    pub author: String,
}

impl fmt::Display for Book {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} \"{}\" by {}", self.id, self.title, self.author)
    }
}

/// Someone who may borrow books.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// Their id.
    pub id: MemberId,
    /// Their name.
    pub name: String,
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.id, self.name)
    }
}

/// A book lent to a member. A loan is open until the book is returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loan {
    /// The book lent.
    pub book: BookId,
    /// Who has it.
    pub member: MemberId,
    /// When it was lent.
    pub borrowed_on: Date,
    /// When it must be back.
    pub due_on: Date,
}

/// A loan with the book and the member it refers to, ready to be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoanDetails {
    /// The loan.
    pub loan: Loan,
    /// The book lent.
    pub book: Book,
    /// Who has it.
    pub member: Member,
}

impl fmt::Display for LoanDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} \"{}\" lent to {} on {}, due {}",
            self.book.id, self.book.title, self.member, self.loan.borrowed_on, self.loan.due_on
        )
    }
}

/// What returning a book gives back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// The loan that was closed.
    pub details: LoanDetails,
    /// When the book came back.
    pub returned_on: Date,
    /// How many days after the due date it came back (0: on time).
    pub days_late: u32,
}

impl fmt::Display for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let book = &self.details.book;
        write!(
            f,
            "{} \"{}\" returned by {} on {}, ",
            book.id, book.title, self.details.member, self.returned_on
        )?;
        match self.days_late {
            0 => f.write_str("on time"),
            1 => f.write_str("1 day late"),
            n => write!(f, "{n} days late"),
        }
    }
}

/// An open loan whose due date has passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overdue {
    /// The loan.
    pub details: LoanDetails,
    /// Days past the due date (at least 1).
    pub days_late: u32,
}
