//! The composition root: the one place that knows every concrete type.

use std::path::Path;

use entrait::Impl;
use loans_core::{BookId, Clock, DelegateRepo, Ids, MemberId, StorageError};
use loans_infra::db::{self, Opened};
use loans_infra::ids::{self, Sequence};
use loans_infra::{GetConnection, SqliteRepo};
use rusqlite::Connection;

/// What the application is made of. `Impl<App>` gets every use case of `loans-core`:
/// the macro-generated impls need `Impl<App>: Repo + Clock + Ids`, and the impls below
/// provide them.
pub struct App {
    conn: Connection,
    clock: Box<dyn Clock>,
}

/// The inverted repository: the core's `Repo` is served by the infra crate's `SqliteRepo`.
impl DelegateRepo<Self> for App {
    type Target = SqliteRepo;
}

/// What `SqliteRepo`'s functions ask their dependencies for.
impl GetConnection for App {
    fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// `Clock` is delegated by reference: any clock will do, chosen at start-up.
impl AsRef<dyn Clock> for App {
    fn as_ref(&self) -> &dyn Clock {
        &*self.clock
    }
}

/// `Ids` is delegated to `App` itself: ids come from sequences in the same database, so they
/// are part of the same transaction as the rows that use them.
impl Ids for App {
    fn next_book_id(&self) -> Result<BookId, StorageError> {
        ids::next(&self.conn, Sequence::Books).map(BookId)
    }

    fn next_member_id(&self) -> Result<MemberId, StorageError> {
        ids::next(&self.conn, Sequence::Members).map(MemberId)
    }
}

impl App {
    /// Opens (or creates) the database at `path`.
    ///
    /// # Errors
    /// The file cannot be used as a loans database.
    pub fn open(path: &Path, clock: Box<dyn Clock>) -> Result<(Impl<Self>, Opened), StorageError> {
        let (conn, opened) = db::open(path)?;
        Ok((Impl::new(Self { conn, clock }), opened))
    }
}
