//! The binary crate's wiring: selects the implementations for `App`.

use layered_core::{DelegateRepo, NotesImpl, Prefix};
use layered_infra::{ComputedRepo, FixedNotes};

/// The application state.
pub struct App {
    /// The dyn notes implementation.
    pub notes: Box<dyn NotesImpl<App> + Send + Sync>,
}

impl Prefix for App {
    fn prefix(&self) -> String {
        "rec".to_string()
    }
}

impl DelegateRepo<Self> for App {
    type Target = ComputedRepo;
}

impl AsRef<dyn NotesImpl<Self>> for App {
    fn as_ref(&self) -> &dyn NotesImpl<Self> {
        &*self.notes
    }
}

/// The application as `Impl<App>`, ready to call every use case.
pub fn app() -> entrait::Impl<App> {
    entrait::Impl::new(App {
        notes: Box::new(FixedNotes(String::new())),
    })
}
