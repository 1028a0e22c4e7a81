//! The SQLite implementation of the core's `Repo`.

use entrait::entrait;
use loans_core::{Book, BookId, Date, Loan, Member, MemberId, RepoImpl, StorageError};
use rusqlite::{params, OptionalExtension, Row};

use crate::db::storage_error;
use crate::GetConnection;

/// Keeps books, members and loans in SQLite. The application selects it with
/// `impl DelegateRepo<Self> for App { type Target = SqliteRepo; }` and implements
/// [`GetConnection`].
#[derive(Clone, Copy, Debug, Default)]
pub struct SqliteRepo;

const LOAN_COLUMNS: &str = "book_id, member_id, borrowed_on, due_on";

// Every function takes its dependencies first, like any entrait function: the macro keeps them
// as associated functions of `SqliteRepo` and implements `RepoImpl<T>` by passing `&Impl<T>`.
#[entrait]
impl RepoImpl for SqliteRepo {
    fn insert_book(deps: &impl GetConnection, book: Book) -> Result<(), StorageError> {
        deps.connection()
            .execute(
                "INSERT INTO books (id, title, author) VALUES (?1, ?2, ?3)",
                params![book.id.0, book.title, book.author],
            )
            .map(drop)
            .map_err(storage_error)
    }

    fn get_book(deps: &impl GetConnection, id: BookId) -> Result<Option<Book>, StorageError> {
        deps.connection()
            .query_row(
                "SELECT id, title, author FROM books WHERE id = ?1",
                params![id.0],
                book_row,
            )
            .optional()
            .map_err(storage_error)
    }

    fn list_books(deps: &impl GetConnection) -> Result<Vec<Book>, StorageError> {
        query(
            deps,
            "SELECT id, title, author FROM books ORDER BY id",
            [],
            book_row,
        )
    }

    fn insert_member(deps: &impl GetConnection, member: Member) -> Result<(), StorageError> {
        deps.connection()
            .execute(
                "INSERT INTO members (id, name) VALUES (?1, ?2)",
                params![member.id.0, member.name],
            )
            .map(drop)
            .map_err(storage_error)
    }

    fn get_member(deps: &impl GetConnection, id: MemberId) -> Result<Option<Member>, StorageError> {
        deps.connection()
            .query_row(
                "SELECT id, name FROM members WHERE id = ?1",
                params![id.0],
                member_row,
            )
            .optional()
            .map_err(storage_error)
    }

    fn list_members(deps: &impl GetConnection) -> Result<Vec<Member>, StorageError> {
        query(
            deps,
            "SELECT id, name FROM members ORDER BY id",
            [],
            member_row,
        )
    }

    fn insert_loan(deps: &impl GetConnection, loan: Loan) -> Result<(), StorageError> {
        deps.connection()
            .execute(
                "INSERT INTO loans (book_id, member_id, borrowed_on, due_on)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    loan.book.0,
                    loan.member.0,
                    loan.borrowed_on.to_string(),
                    loan.due_on.to_string()
                ],
            )
            .map(drop)
            .map_err(storage_error)
    }

    fn open_loan_of_book(
        deps: &impl GetConnection,
        book: BookId,
    ) -> Result<Option<Loan>, StorageError> {
        deps.connection()
            .query_row(
                &format!(
                    "SELECT {LOAN_COLUMNS} FROM loans WHERE book_id = ?1 AND returned_on IS NULL"
                ),
                params![book.0],
                loan_row,
            )
            .optional()
            .map_err(storage_error)
    }

    fn open_loans_of_member(
        deps: &impl GetConnection,
        member: MemberId,
    ) -> Result<Vec<Loan>, StorageError> {
        query(
            deps,
            &format!(
                "SELECT {LOAN_COLUMNS} FROM loans WHERE member_id = ?1 AND returned_on IS NULL
                 ORDER BY due_on, book_id"
            ),
            params![member.0],
            loan_row,
        )
    }

    fn open_loans(deps: &impl GetConnection) -> Result<Vec<Loan>, StorageError> {
        query(
            deps,
            &format!(
                "SELECT {LOAN_COLUMNS} FROM loans WHERE returned_on IS NULL ORDER BY due_on, book_id"
            ),
            [],
            loan_row,
        )
    }

    fn close_loan(
        deps: &impl GetConnection,
        book: BookId,
        returned_on: Date,
    ) -> Result<(), StorageError> {
        let changed = deps
            .connection()
            .execute(
                "UPDATE loans SET returned_on = ?2 WHERE book_id = ?1 AND returned_on IS NULL",
                params![book.0, returned_on.to_string()],
            )
            .map_err(storage_error)?;
        if changed == 1 {
            Ok(())
        } else {
            Err(StorageError(format!("{book} has no open loan to close")))
        }
    }
}

fn query<T>(
    deps: &impl GetConnection,
    sql: &str,
    params: impl rusqlite::Params,
    row: fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StorageError> {
    let mut stmt = deps.connection().prepare(sql).map_err(storage_error)?;
    let rows = stmt.query_map(params, row).map_err(storage_error)?;
    rows.collect::<Result<_, _>>().map_err(storage_error)
}

fn book_row(row: &Row<'_>) -> rusqlite::Result<Book> {
    Ok(Book {
        id: BookId(row.get(0)?),
        title: row.get(1)?,
        author: row.get(2)?,
    })
}

fn member_row(row: &Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        id: MemberId(row.get(0)?),
        name: row.get(1)?,
    })
}

fn loan_row(row: &Row<'_>) -> rusqlite::Result<Loan> {
    Ok(Loan {
        book: BookId(row.get(0)?),
        member: MemberId(row.get(1)?),
        borrowed_on: date_column(row, 2)?,
        due_on: date_column(row, 3)?,
    })
}

fn date_column(row: &Row<'_>, idx: usize) -> rusqlite::Result<Date> {
    let text: String = row.get(idx)?;
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use entrait::Impl;
    use loans_core::{DelegateRepo, Repo};
    use rusqlite::Connection;

    use super::*;

    /// The smallest application: a connection, and `SqliteRepo` chosen as the repository.
    struct TestApp(Connection);

    impl GetConnection for TestApp {
        fn connection(&self) -> &Connection {
            &self.0
        }
    }

    impl DelegateRepo<Self> for TestApp {
        type Target = SqliteRepo;
    }

    fn app() -> Impl<TestApp> {
        Impl::new(TestApp(crate::db::open_in_memory().unwrap()))
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn books_members_and_loans_round_trip() {
        let app = app();
        let dune = Book {
            id: BookId(1),
            title: "Dune".into(),
            author: "Frank Herbert".into(),
        };
        let ada = Member {
            id: MemberId(1),
            name: "Ada".into(),
        };
        app.insert_book(dune.clone()).unwrap();
        app.insert_member(ada.clone()).unwrap();
        assert_eq!(app.get_book(BookId(1)).unwrap(), Some(dune.clone()));
        assert_eq!(app.get_book(BookId(2)).unwrap(), None);
        assert_eq!(app.list_books().unwrap(), [dune]);
        assert_eq!(app.get_member(MemberId(1)).unwrap(), Some(ada.clone()));
        assert_eq!(app.list_members().unwrap(), [ada]);

        let loan = Loan {
            book: BookId(1),
            member: MemberId(1),
            borrowed_on: day("2024-03-01"),
            due_on: day("2024-03-15"),
        };
        app.insert_loan(loan).unwrap();
        assert_eq!(app.open_loan_of_book(BookId(1)).unwrap(), Some(loan));
        assert_eq!(app.open_loans_of_member(MemberId(1)).unwrap(), [loan]);
        assert_eq!(app.open_loans().unwrap(), [loan]);

        // The schema itself refuses a second open loan of the same book.
        assert!(app.insert_loan(loan).is_err());

        app.close_loan(BookId(1), day("2024-03-10")).unwrap();
        assert_eq!(app.open_loan_of_book(BookId(1)).unwrap(), None);
        assert_eq!(app.open_loans().unwrap(), []);
        assert_eq!(
            app.close_loan(BookId(1), day("2024-03-10"))
                .unwrap_err()
                .to_string(),
            "database error: book #1 has no open loan to close"
        );
        // Closed loans are kept as history, and the book can be lent again.
        app.insert_loan(loan).unwrap();
    }

    #[test]
    fn foreign_keys_are_enforced() {
        let app = app();
        let loan = Loan {
            book: BookId(9),
            member: MemberId(9),
            borrowed_on: day("2024-03-01"),
            due_on: day("2024-03-15"),
        };
        assert!(app
            .insert_loan(loan)
            .unwrap_err()
            .to_string()
            .contains("FOREIGN KEY"));
    }
}
