//! # loans-infra: the outside world for `loans-core`
//!
//! - [`SqliteRepo`] implements the core's inverted `RepoImpl` with `#[entrait] impl`: its
//!   functions take their dependencies first, like every entrait function, and get the
//!   SQLite connection through one more trait, [`GetConnection`], that the application
//!   implements. Nothing here knows the application's type.
//! - [`db`] opens (and on first use creates) the database file and runs units of work in
//!   transactions.
//! - [`SystemClock`] / [`FixedClock`] implement the core's `Clock`; [`ids`] hands out
//!   sequential ids stored in the database.
//!
//! The crate dependency arrows point against the call graph: the core calls the repository
//! through a trait it owns, this crate depends on the core to implement it, and the binary
//! depends on both to choose.

use entrait::entrait;

mod clock;
pub mod db;
pub mod ids;
mod repo;

pub use clock::{FixedClock, SystemClock};
pub use repo::SqliteRepo;

/// The open SQLite connection. The application implements it for its own type; the
/// repository functions ask their dependencies for it.
#[entrait]
pub trait GetConnection {
    /// The connection to use.
    fn connection(&self) -> &rusqlite::Connection;
}
