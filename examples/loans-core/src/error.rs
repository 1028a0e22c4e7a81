//! Everything that can go wrong, as values.

use core::fmt;

use crate::{BookId, MemberId};

/// The store failed (I/O, corrupt file, …). Carries the store's own message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageError(pub String);

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "database error: {}", self.0)
    }
}

impl std::error::Error for StorageError {}

/// Why a use case did not happen. Every message fits on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoanError {
    /// No book has this id.
    UnknownBook(BookId),
    /// No member has this id.
    UnknownMember(MemberId),
    /// A text field does not satisfy the rules (empty, too long, control characters).
    Invalid {
        /// Which field.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The book is lent to someone already.
    AlreadyOnLoan {
        /// The book asked for.
        book: BookId,
        /// Its title.
        title: String,
        /// Who has it.
        holder: MemberId,
    },
    /// The book to be returned is not on loan.
    NotOnLoan {
        /// The book.
        book: BookId,
        /// Its title.
        title: String,
    },
    /// The member has as many books as the rules allow.
    LimitReached {
        /// The member.
        member: MemberId,
        /// Their name.
        name: String,
        /// The limit.
        limit: usize,
    },
    /// The store failed: nothing of the use case was kept.
    Storage(StorageError),
}

impl LoanError {
    /// Whether the library refused the request (as opposed to the store failing).
    #[must_use]
    pub fn is_refusal(&self) -> bool {
        !matches!(self, Self::Storage(_))
    }
}

impl fmt::Display for LoanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownBook(id) => write!(f, "there is no {id}"),
            Self::UnknownMember(id) => write!(f, "there is no {id}"),
            Self::Invalid { field, reason } => write!(f, "invalid {field}: {reason}"),
            Self::AlreadyOnLoan {
                book,
                title,
                holder,
            } => write!(f, "{book} \"{title}\" is already on loan (to {holder})"),
            Self::NotOnLoan { book, title } => write!(f, "{book} \"{title}\" is not on loan"),
            Self::LimitReached {
                member,
                name,
                limit,
            } => write!(
                f,
                "{member} {name} already has {limit} books on loan, the most allowed"
            ),
            Self::Storage(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LoanError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Storage(e) => Some(e),
            _ => None,
        }
    }
}

impl From<StorageError> for LoanError {
    fn from(e: StorageError) -> Self {
        Self::Storage(e)
    }
}
