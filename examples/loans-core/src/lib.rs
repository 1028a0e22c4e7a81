//! # loans-core: the business logic of a lending library
//!
//! Members borrow books for [`LOAN_DAYS`] days, at most [`MAX_LOANS_PER_MEMBER`] at a time; a
//! book on loan cannot be borrowed again; only a book on loan can be returned.
//!
//! Every use case is a plain function whose first parameter is its dependencies, turned into a
//! trait by `#[entrait]`. The call graph:
//!
//! ```text
//! lending::{borrow, return_book, current_loans, overdue}       (trait Lending)
//!   ├─ check_can_borrow                                         (trait CheckCanBorrow)
//!   ├─ describe_loan ── catalogue::{book, member}               (traits DescribeLoan, Catalogue)
//!   └─ catalogue::{add_book, add_member, book, member, …}      (trait Catalogue)
//!        └─ ports: Repo, Clock, Ids                             (implemented elsewhere)
//! ```
//!
//! This crate depends on nothing but `entrait`: storage, time and id generation are the traits
//! of [`ports`], implemented by `loans-infra` and wired together by `loans-app`. The unit tests
//! below each module mock only those ports, with `unimock` partial mocks, so the real rules run.

mod date;
mod error;
mod model;
pub mod ports;
mod use_cases;
pub mod validate;

pub use date::{Date, ParseDateError};
pub use error::{LoanError, StorageError};
pub use model::{Book, BookId, Loan, LoanDetails, Member, MemberId, Overdue, Receipt};
pub use ports::{Clock, DelegateRepo, Ids, Repo, RepoImpl};
pub use use_cases::{
    catalogue, check_can_borrow, describe_loan, lending, Catalogue, CheckCanBorrow, DescribeLoan,
    Lending, LOAN_DAYS, MAX_LOANS_PER_MEMBER,
};

#[cfg(test)]
mod tests;
