//! Sequential ids, kept in the database so that they survive restarts and are never reused.

use loans_core::StorageError;
use rusqlite::{params, Connection};

use crate::db::storage_error;

/// A sequence of ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sequence {
    /// Book ids.
    Books,
    /// Member ids.
    Members,
}

impl Sequence {
    fn name(self) -> &'static str {
        match self {
            Self::Books => "books",
            Self::Members => "members",
        }
    }
}

/// The next id of `sequence`: 1, 2, 3, … Part of the caller's transaction, so an id taken by
/// a unit of work that fails is given out again.
///
/// # Errors
/// The database failed, or the sequence is exhausted.
pub fn next(conn: &Connection, sequence: Sequence) -> Result<u32, StorageError> {
    let next: i64 = conn
        .query_row(
            "INSERT INTO sequences (name, last) VALUES (?1, 1)
             ON CONFLICT (name) DO UPDATE SET last = last + 1
             RETURNING last",
            params![sequence.name()],
            |row| row.get(0),
        )
        .map_err(storage_error)?;
    u32::try_from(next).map_err(|_| StorageError(format!("{} ids exhausted", sequence.name())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_are_independent_and_start_at_one() {
        let conn = crate::db::open_in_memory().unwrap();
        assert_eq!(next(&conn, Sequence::Books), Ok(1));
        assert_eq!(next(&conn, Sequence::Books), Ok(2));
        assert_eq!(next(&conn, Sequence::Members), Ok(1));
        assert_eq!(next(&conn, Sequence::Books), Ok(3));
    }
}
