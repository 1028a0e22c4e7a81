//! Opening the database file, creating its schema on first use, and units of work.

use std::path::Path;
use std::time::Duration;

use loans_core::StorageError;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::GetConnection;

/// Marks a database file as ours (`PRAGMA application_id`, the bytes "LOAN").
pub const APPLICATION_ID: i32 = 0x4C4F_414E;

/// The schema version this crate reads and writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i32 = 1;

const SCHEMA: &str = "
CREATE TABLE books (
    id     INTEGER PRIMARY KEY,
    title  TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE TABLE members (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE loans (
    id          INTEGER PRIMARY KEY,
    book_id     INTEGER NOT NULL REFERENCES books (id),
    member_id   INTEGER NOT NULL REFERENCES members (id),
    borrowed_on TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    returned_on TEXT
);
-- The store itself refuses a second open loan of a book, whatever the code above it does.
CREATE UNIQUE INDEX loans_open_by_book ON loans (book_id) WHERE returned_on IS NULL;
CREATE INDEX loans_open_by_member ON loans (member_id) WHERE returned_on IS NULL;
CREATE TABLE sequences (
    name TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);
";

/// Whether [`open`] found the database or made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    /// The file did not exist or was empty: the schema was created.
    Created,
    /// A database of ours was there.
    Existing,
}

/// Converts a `rusqlite` error into the core's storage error.
#[must_use]
#[allow(clippy::needless_pass_by_value)] // used as `map_err(storage_error)`
pub fn storage_error(e: rusqlite::Error) -> StorageError {
    StorageError(e.to_string())
}

/// Opens the loans database at `path`, creating the file and its schema if there is none.
///
/// # Errors
/// The path is a directory or cannot be opened, the file is not an SQLite database, or it is
/// an SQLite database of something else or of an unknown schema version. The file is left as
/// it was in every case.
pub fn open(path: &Path) -> Result<(Connection, Opened), StorageError> {
    if path.is_dir() {
        return Err(StorageError("is a directory, not a database file".into()));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(StorageError(format!(
                "directory {} does not exist",
                dir.display()
            )));
        }
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(storage_error)?;
    let opened = prepare(&conn)?;
    Ok((conn, opened))
}

/// A fresh database in memory, with the schema: for tests.
///
/// # Errors
/// SQLite failed.
pub fn open_in_memory() -> Result<Connection, StorageError> {
    let conn = Connection::open_in_memory().map_err(storage_error)?;
    prepare(&conn)?;
    Ok(conn)
}

fn prepare(conn: &Connection) -> Result<Opened, StorageError> {
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(storage_error)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(storage_error)?;
    // Reading the header is where a file that is not a database is found out.
    let tx =
        Transaction::new_unchecked(conn, TransactionBehavior::Immediate).map_err(storage_error)?;
    let app_id: i32 = tx
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(storage_error)?;
    let version: i32 = tx
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(storage_error)?;
    let objects: i64 = tx
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(storage_error)?;
    if app_id == 0 && version == 0 && objects == 0 {
        tx.execute_batch(SCHEMA).map_err(storage_error)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(storage_error)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(storage_error)?;
        tx.commit().map_err(storage_error)?;
        return Ok(Opened::Created);
    }
    if app_id != APPLICATION_ID {
        return Err(StorageError(
            "an SQLite database, but not a loans database".into(),
        ));
    }
    if version != SCHEMA_VERSION {
        return Err(StorageError(format!(
            "loans database of schema version {version}, this program knows version {SCHEMA_VERSION}"
        )));
    }
    // Damage anywhere in the file is reported now rather than half-way through a command.
    let check: String = tx
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(storage_error)?;
    if check != "ok" {
        let check = check.split_whitespace().collect::<Vec<_>>().join(" ");
        return Err(StorageError(format!("the file is damaged ({check})")));
    }
    Ok(Opened::Existing)
}

/// Runs `work` as one unit: everything it wrote is committed if it returns `Ok`, and nothing
/// is if it returns `Err` (or panics).
///
/// # Errors
/// What `work` returns, or the store failing to begin or commit.
pub fn in_transaction<D, R, E>(deps: &D, work: impl FnOnce() -> Result<R, E>) -> Result<R, E>
where
    D: GetConnection + ?Sized,
    E: From<StorageError>,
{
    let tx = Transaction::new_unchecked(deps.connection(), TransactionBehavior::Immediate)
        .map_err(storage_error)?;
    let out = work()?;
    tx.commit().map_err(storage_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_path(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("loans-infra-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn creates_then_reopens() {
        let dir = temp_path("reopen");
        let file = dir.join("l.db");
        assert_eq!(open(&file).unwrap().1, Opened::Created);
        assert_eq!(open(&file).unwrap().1, Opened::Existing);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn refuses_what_is_not_ours_and_leaves_it_alone() {
        let dir = temp_path("refuse");
        assert_eq!(
            open(&dir).unwrap_err().to_string(),
            "database error: is a directory, not a database file"
        );

        let garbage = dir.join("garbage.db");
        let bytes = b"this is not an SQLite database, just some text that is long enough";
        std::fs::write(&garbage, bytes.repeat(100)).unwrap();
        assert_eq!(
            open(&garbage).unwrap_err().to_string(),
            "database error: file is not a database"
        );
        assert_eq!(std::fs::read(&garbage).unwrap(), bytes.repeat(100));

        let foreign = dir.join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        assert!(open(&foreign)
            .unwrap_err()
            .to_string()
            .contains("not a loans database"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    struct Conn(Connection);
    impl GetConnection for Conn {
        fn connection(&self) -> &Connection {
            &self.0
        }
    }

    #[test]
    fn a_failed_unit_of_work_leaves_nothing() {
        let deps = Conn(open_in_memory().unwrap());
        let count = |c: &Conn| -> i64 {
            c.0.query_row("SELECT count(*) FROM members", [], |r| r.get(0))
                .unwrap()
        };
        let failed: Result<(), StorageError> = in_transaction(&deps, || {
            deps.0
                .execute("INSERT INTO members (id, name) VALUES (1, 'x')", [])
                .unwrap();
            Err(StorageError("later step failed".into()))
        });
        assert!(failed.is_err());
        assert_eq!(count(&deps), 0);
        in_transaction(&deps, || {
            deps.0
                .execute("INSERT INTO members (id, name) VALUES (1, 'x')", [])
                .map_err(storage_error)
        })
        .unwrap();
        assert_eq!(count(&deps), 1);
    }
}
