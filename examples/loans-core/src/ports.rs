//! What the business logic needs from the outside world, as traits. The core crate never
//! implements them: `loans-infra` does, and `loans-app` picks the implementations.

use entrait::entrait;

use crate::{Book, BookId, Date, Loan, Member, MemberId, StorageError};

/// Where books, members and loans are kept.
///
/// Declared with the *inverted* delegation mode: besides `Repo`, the macro emits
/// `RepoImpl<T>` (what a storage crate implements, with `#[entrait] impl RepoImpl for …`)
/// and `DelegateRepo<T>` (how the application picks that implementation:
/// `impl DelegateRepo<Self> for App { type Target = SqliteRepo; }`).
#[entrait(RepoImpl, delegate_by = DelegateRepo, mock_api = RepoMock)]
pub trait Repo {
    /// Stores a new book.
    fn insert_book(&self, book: Book) -> Result<(), StorageError>;
    /// The book with this id, if any.
    fn get_book(&self, id: BookId) -> Result<Option<Book>, StorageError>;
    /// Every book, by id.
    fn list_books(&self) -> Result<Vec<Book>, StorageError>;
    /// Stores a new member.
    fn insert_member(&self, member: Member) -> Result<(), StorageError>;
    /// The member with this id, if any.
    fn get_member(&self, id: MemberId) -> Result<Option<Member>, StorageError>;
    /// Every member, by id.
    fn list_members(&self) -> Result<Vec<Member>, StorageError>;
    /// Stores a new open loan.
    fn insert_loan(&self, loan: Loan) -> Result<(), StorageError>;
    /// The open loan of this book, if it is lent.
    fn open_loan_of_book(&self, book: BookId) -> Result<Option<Loan>, StorageError>;
    /// The open loans of this member.
    fn open_loans_of_member(&self, member: MemberId) -> Result<Vec<Loan>, StorageError>;
    /// Every open loan, by due date.
    fn open_loans(&self) -> Result<Vec<Loan>, StorageError>;
    /// Closes the open loan of this book (the loan history is kept).
    fn close_loan(&self, book: BookId, returned_on: Date) -> Result<(), StorageError>;
}

/// Today's date. `delegate_by = ref`: the application lends out any clock it holds with
/// `impl AsRef<dyn Clock> for App`. (`'static` makes `dyn Clock` mean `dyn Clock + 'static`
/// everywhere, so that `fn as_ref(&self) -> &dyn Clock` needs no explicit lifetime.)
#[entrait(delegate_by = ref, mock_api = ClockMock)]
pub trait Clock: 'static {
    /// Today.
    fn today(&self) -> Date;
}

/// Fresh ids for new books and members. The application implements it (`impl Ids for App`).
#[entrait(mock_api = IdsMock)]
pub trait Ids {
    /// An id no book has had yet.
    fn next_book_id(&self) -> Result<BookId, StorageError>;
    /// An id no member has had yet.
    fn next_member_id(&self) -> Result<MemberId, StorageError>;
}
