//! Unit tests of the use cases. Each one mocks only the ports (`Repo`, `Clock`, `Ids`) — or,
//! once, the catalogue layer — with a `Unimock::new_partial` mock: every call that is not
//! configured runs the real function with the mock as its dependencies, so the real rules run
//! on top of the mocked store. A port method that is called without being configured panics,
//! which is how the tests check that a refused request never reaches the store.

use unimock::{matching, MockFn, Unimock};

use crate::ports::{ClockMock, IdsMock, RepoMock};
use crate::{
    catalogue, Book, BookId, Catalogue, Date, Lending, Loan, LoanError, Member, MemberId,
    StorageError, LOAN_DAYS, MAX_LOANS_PER_MEMBER,
};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn dune() -> Book {
    Book {
        id: BookId(2),
        title: "Dune".into(),
        author: "Frank Herbert".into(),
    }
}

fn ada() -> Member {
    Member {
        id: MemberId(1),
        name: "Ada".into(),
    }
}

fn loan(book: u32, member: u32, borrowed_on: &str) -> Loan {
    let borrowed_on = day(borrowed_on);
    Loan {
        book: BookId(book),
        member: MemberId(member),
        borrowed_on,
        due_on: borrowed_on.plus_days(LOAN_DAYS),
    }
}

mod borrow {
    use super::*;

    #[test]
    fn lends_for_the_loan_period() {
        let deps = Unimock::new_partial((
            RepoMock::get_member
                .some_call(matching!(MemberId(1)))
                .returns(Ok(Some(ada()))),
            RepoMock::get_book
                .some_call(matching!(BookId(2)))
                .returns(Ok(Some(dune()))),
            RepoMock::open_loan_of_book
                .some_call(matching!(BookId(2)))
                .returns(Ok(None)),
            RepoMock::open_loans_of_member
                .some_call(matching!(MemberId(1)))
                .returns(Ok(vec![loan(5, 1, "2024-02-20")])),
            ClockMock::today
                .some_call(matching!())
                .returns(day("2024-03-01")),
            RepoMock::insert_loan
                .next_call(matching!(Loan {
                    book: BookId(2),
                    member: MemberId(1),
                    ..
                }))
                .returns(Ok(())),
        ));
        let details = deps.borrow(BookId(2), MemberId(1)).unwrap();
        assert_eq!(details.loan, loan(2, 1, "2024-03-01"));
        assert_eq!(details.loan.due_on, day("2024-03-15"));
        assert_eq!((details.book, details.member), (dune(), ada()));
    }

    #[test]
    fn a_book_on_loan_cannot_be_borrowed_again() {
        let deps = Unimock::new_partial((
            RepoMock::get_member
                .some_call(matching!(_))
                .returns(Ok(Some(ada()))),
            RepoMock::get_book
                .some_call(matching!(_))
                .returns(Ok(Some(dune()))),
            RepoMock::open_loan_of_book
                .some_call(matching!(BookId(2)))
                .returns(Ok(Some(loan(2, 9, "2024-03-01")))),
        ));
        let err = deps.borrow(BookId(2), MemberId(1)).unwrap_err();
        assert_eq!(
            err,
            LoanError::AlreadyOnLoan {
                book: BookId(2),
                title: "Dune".into(),
                holder: MemberId(9)
            }
        );
        assert_eq!(
            err.to_string(),
            "book #2 \"Dune\" is already on loan (to member #9)"
        );
    }

    #[test]
    fn a_member_at_the_limit_is_refused() {
        let three: Vec<Loan> = (10..)
            .take(MAX_LOANS_PER_MEMBER)
            .map(|b| loan(b, 1, "2024-03-01"))
            .collect();
        let deps = Unimock::new_partial((
            RepoMock::get_member
                .some_call(matching!(_))
                .returns(Ok(Some(ada()))),
            RepoMock::get_book
                .some_call(matching!(_))
                .returns(Ok(Some(dune()))),
            RepoMock::open_loan_of_book
                .some_call(matching!(_))
                .returns(Ok(None)),
            RepoMock::open_loans_of_member
                .some_call(matching!(MemberId(1)))
                .returns(Ok(three)),
        ));
        assert_eq!(
            deps.borrow(BookId(2), MemberId(1)).unwrap_err().to_string(),
            "member #1 Ada already has 3 books on loan, the most allowed"
        );
    }

    #[test]
    fn unknown_member_is_reported_before_anything_else() {
        let deps = Unimock::new_partial(
            RepoMock::get_member
                .some_call(matching!(MemberId(4)))
                .returns(Ok(None)),
        );
        assert_eq!(
            deps.borrow(BookId(2), MemberId(4)),
            Err(LoanError::UnknownMember(MemberId(4)))
        );
    }

    #[test]
    fn unknown_book() {
        let deps = Unimock::new_partial((
            RepoMock::get_member
                .some_call(matching!(_))
                .returns(Ok(Some(ada()))),
            RepoMock::get_book
                .some_call(matching!(BookId(3)))
                .returns(Ok(None)),
        ));
        assert_eq!(
            deps.borrow(BookId(3), MemberId(1)).unwrap_err().to_string(),
            "there is no book #3"
        );
    }

    #[test]
    fn a_storage_failure_is_passed_on() {
        let deps = Unimock::new_partial(
            RepoMock::get_member
                .some_call(matching!(_))
                .returns(Err(StorageError("disk I/O error".into()))),
        );
        let err = deps.borrow(BookId(2), MemberId(1)).unwrap_err();
        assert!(!err.is_refusal());
        assert_eq!(err.to_string(), "database error: disk I/O error");
    }
}

mod return_book {
    use super::*;

    #[test]
    fn closes_the_loan_and_counts_late_days() {
        let deps = Unimock::new_partial((
            RepoMock::get_book
                .each_call(matching!(BookId(2)))
                .returns(Ok(Some(dune()))),
            RepoMock::get_member
                .each_call(matching!(MemberId(1)))
                .returns(Ok(Some(ada()))),
            RepoMock::open_loan_of_book
                .some_call(matching!(BookId(2)))
                .returns(Ok(Some(loan(2, 1, "2024-03-01")))),
            ClockMock::today
                .some_call(matching!())
                .returns(day("2024-03-20")),
            RepoMock::close_loan
                .next_call(matching!((BookId(2), d) if *d == day("2024-03-20")))
                .returns(Ok(())),
        ));
        let receipt = deps.return_book(BookId(2)).unwrap();
        assert_eq!(receipt.days_late, 5);
        assert_eq!(receipt.returned_on, day("2024-03-20"));
        assert_eq!(receipt.details.member, ada());
    }

    #[test]
    fn on_time_is_zero_days_late() {
        let deps = Unimock::new_partial((
            RepoMock::get_book
                .each_call(matching!(_))
                .returns(Ok(Some(dune()))),
            RepoMock::get_member
                .each_call(matching!(_))
                .returns(Ok(Some(ada()))),
            RepoMock::open_loan_of_book
                .some_call(matching!(_))
                .returns(Ok(Some(loan(2, 1, "2024-03-01")))),
            ClockMock::today
                .some_call(matching!())
                .returns(day("2024-03-15")),
            RepoMock::close_loan
                .some_call(matching!(_, _))
                .returns(Ok(())),
        ));
        assert_eq!(deps.return_book(BookId(2)).unwrap().days_late, 0);
    }

    #[test]
    fn a_book_not_on_loan_cannot_be_returned() {
        let deps = Unimock::new_partial((
            RepoMock::get_book
                .some_call(matching!(BookId(2)))
                .returns(Ok(Some(dune()))),
            RepoMock::open_loan_of_book
                .some_call(matching!(BookId(2)))
                .returns(Ok(None)),
        ));
        assert_eq!(
            deps.return_book(BookId(2)).unwrap_err().to_string(),
            "book #2 \"Dune\" is not on loan"
        );
    }
}

mod listing {
    use super::*;

    /// Mocks the catalogue layer instead of the store: `describe_loan` runs for real and gets
    /// its books and members from the mocked `Catalogue`.
    #[test]
    fn overdue_sorts_the_latest_first_and_skips_loans_on_time() {
        let deps = Unimock::new_partial((
            RepoMock::open_loans.some_call(matching!()).returns(Ok(vec![
                loan(1, 1, "2024-03-10"),
                loan(2, 1, "2024-03-01"),
                loan(3, 1, "2024-03-20"),
            ])),
            catalogue::mock::book
                .each_call(matching!(_))
                .answers(&|_, id| {
                    Ok(Book {
                        id,
                        title: format!("T{}", id.0),
                        author: "A".into(),
                    })
                }),
            catalogue::mock::member
                .each_call(matching!(_))
                .returns(Ok(ada())),
        ));
        let late = deps.overdue(Some(day("2024-03-30"))).unwrap();
        let got: Vec<(u32, u32)> = late
            .iter()
            .map(|o| (o.details.book.id.0, o.days_late))
            .collect();
        assert_eq!(got, [(2, 15), (1, 6)]);
    }

    #[test]
    fn overdue_defaults_to_today() {
        let deps = Unimock::new_partial((
            RepoMock::open_loans
                .some_call(matching!())
                .returns(Ok(vec![loan(2, 1, "2024-03-01")])),
            ClockMock::today
                .some_call(matching!())
                .returns(day("2024-03-15")),
        ));
        assert_eq!(deps.overdue(None).unwrap(), []);
    }

    #[test]
    fn current_loans_are_described() {
        let deps = Unimock::new_partial((
            RepoMock::open_loans
                .some_call(matching!())
                .returns(Ok(vec![loan(2, 1, "2024-03-01")])),
            RepoMock::get_book
                .some_call(matching!(BookId(2)))
                .returns(Ok(Some(dune()))),
            RepoMock::get_member
                .some_call(matching!(MemberId(1)))
                .returns(Ok(Some(ada()))),
        ));
        let loans = deps.current_loans().unwrap();
        assert_eq!(
            loans[0].to_string(),
            "book #2 \"Dune\" lent to member #1 Ada on 2024-03-01, due 2024-03-15"
        );
    }
}

mod catalogue_rules {
    use super::*;

    #[test]
    fn add_book_stores_the_validated_book_under_a_fresh_id() {
        let deps = Unimock::new_partial((
            IdsMock::next_book_id
                .next_call(matching!())
                .returns(Ok(BookId(7))),
            RepoMock::insert_book
                .next_call(matching!((Book { id: BookId(7), title, author })
                    if title == "Dune" && author == "Frank Herbert"))
                .returns(Ok(())),
        ));
        let book = deps.add_book("  Dune ", "Frank Herbert").unwrap();
        assert_eq!(book.to_string(), "book #7 \"Dune\" by Frank Herbert");
    }

    #[test]
    fn invalid_data_never_reaches_the_store() {
        // No port is configured: any call to one would panic.
        let deps = Unimock::new_partial(());
        assert_eq!(
            deps.add_book("", "Frank Herbert").unwrap_err().to_string(),
            "invalid title: must not be empty"
        );
        assert_eq!(
            deps.add_book("Dune", "\u{1b}[31m").unwrap_err().to_string(),
            "invalid author: must not contain control characters"
        );
        assert!(matches!(
            deps.add_member(&"n".repeat(500)),
            Err(LoanError::Invalid { field: "name", .. })
        ));
    }

    #[test]
    fn add_member() {
        let deps = Unimock::new_partial((
            IdsMock::next_member_id
                .next_call(matching!())
                .returns(Ok(MemberId(3))),
            RepoMock::insert_member
                .next_call(matching!(Member {
                    id: MemberId(3),
                    ..
                }))
                .returns(Ok(())),
        ));
        assert_eq!(deps.add_member("Grace").unwrap().name, "Grace");
    }
}
