//! The use cases: the catalogue (books and members) and lending (borrowing, returning,
//! listing), with the lending rules in between.

use entrait::entrait;

use crate::{Book, Loan, LoanDetails, LoanError, Member, Repo};

/// How many days a book may be kept.
pub const LOAN_DAYS: i32 = 14;

/// How many books one member may have at the same time.
pub const MAX_LOANS_PER_MEMBER: usize = 3;

/// The lending rules: the book must be on the shelf and the member under their limit.
///
/// # Errors
/// [`LoanError::AlreadyOnLoan`], [`LoanError::LimitReached`], [`LoanError::Storage`].
#[entrait(pub CheckCanBorrow)]
pub fn check_can_borrow(deps: &impl Repo, member: &Member, book: &Book) -> Result<(), LoanError> {
    if let Some(loan) = deps.open_loan_of_book(book.id)? {
        return Err(LoanError::AlreadyOnLoan {
            book: book.id,
            title: book.title.clone(),
            holder: loan.member,
        });
    }
    if deps.open_loans_of_member(member.id)?.len() >= MAX_LOANS_PER_MEMBER {
        return Err(LoanError::LimitReached {
            member: member.id,
            name: member.name.clone(),
            limit: MAX_LOANS_PER_MEMBER,
        });
    }
    Ok(())
}

/// A loan with its book and member looked up.
///
/// # Errors
/// [`LoanError::UnknownBook`] / [`LoanError::UnknownMember`] if the store is inconsistent;
/// [`LoanError::Storage`].
#[entrait(pub DescribeLoan)]
pub fn describe_loan(deps: &impl Catalogue, loan: Loan) -> Result<LoanDetails, LoanError> {
    Ok(LoanDetails {
        loan,
        book: deps.book(loan.book)?,
        member: deps.member(loan.member)?,
    })
}

/// The lending use cases: `deps.borrow(book, member)`, `deps.return_book(book)`, …
#[entrait(pub Lending, mock_api = mock)]
pub mod lending {
    use crate::{
        BookId, Catalogue, CheckCanBorrow, Clock, Date, DescribeLoan, Loan, LoanDetails, LoanError,
        MemberId, Overdue, Receipt, Repo, LOAN_DAYS,
    };

    /// Lends `book` to `member` for [`LOAN_DAYS`] days from today.
    ///
    /// # Errors
    /// [`LoanError::UnknownMember`], [`LoanError::UnknownBook`], the rules of
    /// [`check_can_borrow`](crate::check_can_borrow), [`LoanError::Storage`].
    pub fn borrow(
        deps: &(impl Catalogue + CheckCanBorrow + Clock + Repo),
        book: BookId,
        member: MemberId,
    ) -> Result<LoanDetails, LoanError> {
        let member = deps.member(member)?;
        let book = deps.book(book)?;
        deps.check_can_borrow(&member, &book)?;
        let today = deps.today();
        let loan = Loan {
            book: book.id,
            member: member.id,
            borrowed_on: today,
            due_on: today.plus_days(LOAN_DAYS),
        };
        deps.insert_loan(loan)?;
        Ok(LoanDetails { loan, book, member })
    }

    /// Takes `book` back today.
    ///
    /// # Errors
    /// [`LoanError::UnknownBook`], [`LoanError::NotOnLoan`], [`LoanError::Storage`].
    pub fn return_book(
        deps: &(impl Catalogue + DescribeLoan + Clock + Repo),
        book: BookId,
    ) -> Result<Receipt, LoanError> {
        let found = deps.book(book)?;
        let Some(loan) = deps.open_loan_of_book(book)? else {
            return Err(LoanError::NotOnLoan {
                book,
                title: found.title,
            });
        };
        let today = deps.today();
        let details = deps.describe_loan(loan)?;
        deps.close_loan(book, today)?;
        Ok(Receipt {
            details,
            returned_on: today,
            days_late: days_late(loan, today),
        })
    }

    /// Every open loan, by due date.
    ///
    /// # Errors
    /// [`LoanError::Storage`].
    pub fn current_loans(deps: &(impl DescribeLoan + Repo)) -> Result<Vec<LoanDetails>, LoanError> {
        deps.open_loans()?
            .into_iter()
            .map(|loan| deps.describe_loan(loan))
            .collect()
    }

    /// The open loans that are late on `as_of` (today when `None`), most overdue first.
    ///
    /// # Errors
    /// [`LoanError::Storage`].
    pub fn overdue(
        deps: &(impl DescribeLoan + Clock + Repo),
        as_of: Option<Date>,
    ) -> Result<Vec<Overdue>, LoanError> {
        let day = as_of.unwrap_or_else(|| deps.today());
        let mut late = Vec::new();
        for loan in deps.open_loans()? {
            let days_late = days_late(loan, day);
            if days_late > 0 {
                late.push(Overdue {
                    details: deps.describe_loan(loan)?,
                    days_late,
                });
            }
        }
        late.sort_by_key(|o| (core::cmp::Reverse(o.days_late), o.details.book.id));
        Ok(late)
    }

    fn days_late(loan: Loan, day: Date) -> u32 {
        u32::try_from(loan.due_on.days_until(day)).unwrap_or(0)
    }
}

/// The catalogue use cases, one trait method per function: `deps.add_book(…)`,
/// `deps.member(id)`, …
#[entrait(pub Catalogue, mock_api = mock)]
pub mod catalogue {
    use crate::{validate, Book, BookId, Ids, LoanError, Member, MemberId, Repo};

    /// Adds a book to the catalogue under a fresh id.
    ///
    /// # Errors
    /// [`LoanError::Invalid`] for a blank, overlong or garbled title or author;
    /// [`LoanError::Storage`].
    pub fn add_book(
        deps: &(impl Repo + Ids),
        title: &str,
        author: &str,
    ) -> Result<Book, LoanError> {
        let title = validate::text("title", title)?;
        let author = validate::text("author", author)?;
        let book = Book {
            id: deps.next_book_id()?,
            title,
            author,
        };
        deps.insert_book(book.clone())?;
        Ok(book)
    }

    /// Registers a member under a fresh id.
    ///
    /// # Errors
    /// [`LoanError::Invalid`] for a blank, overlong or garbled name; [`LoanError::Storage`].
    pub fn add_member(deps: &(impl Repo + Ids), name: &str) -> Result<Member, LoanError> {
        let name = validate::text("name", name)?;
        let member = Member {
            id: deps.next_member_id()?,
            name,
        };
        deps.insert_member(member.clone())?;
        Ok(member)
    }

    /// The book with this id.
    ///
    /// # Errors
    /// [`LoanError::UnknownBook`]; [`LoanError::Storage`].
    pub fn book(deps: &impl Repo, id: BookId) -> Result<Book, LoanError> {
        deps.get_book(id)?.ok_or(LoanError::UnknownBook(id))
    }

    /// The member with this id.
    ///
    /// # Errors
    /// [`LoanError::UnknownMember`]; [`LoanError::Storage`].
    pub fn member(deps: &impl Repo, id: MemberId) -> Result<Member, LoanError> {
        deps.get_member(id)?.ok_or(LoanError::UnknownMember(id))
    }

    /// Every book, by id.
    ///
    /// # Errors
    /// [`LoanError::Storage`].
    pub fn books(deps: &impl Repo) -> Result<Vec<Book>, LoanError> {
        Ok(deps.list_books()?)
    }

    /// Every member, by id.
    ///
    /// # Errors
    /// [`LoanError::Storage`].
    pub fn members(deps: &impl Repo) -> Result<Vec<Member>, LoanError> {
        Ok(deps.list_members()?)
    }
}
