//! Infrastructure: implements the core's inverted traits with `#[entrait] impl`, and keeps
//! the entrait pattern going below them (`format_id` is itself an entrait function).

use entrait::entrait;
use layered_core::{NotesImpl, Prefix, RepoImpl};

/// Formats an id with the application's prefix.
#[entrait(pub FormatId)]
pub fn format_id(deps: &impl Prefix, id: u32) -> String {
    format!("{}-{id}", deps.prefix())
}

/// A repository computing names from ids.
pub struct ComputedRepo;

#[entrait]
impl RepoImpl for ComputedRepo {
    fn name(deps: &impl FormatId, id: u32) -> String {
        deps.format_id(id)
    }
    async fn name_async(deps: &impl FormatId, id: u32) -> String {
        deps.format_id(id).to_uppercase()
    }
}

/// A notes store holding one fixed note.
pub struct FixedNotes(pub String);

#[entrait(ref)]
impl NotesImpl for FixedNotes {
    fn note(deps: &impl FormatId, id: u32) -> String {
        format!("note for {}", deps.format_id(id))
    }
    async fn note_async(deps: &impl Prefix, id: u32) -> String {
        format!("async note {id} by {}", deps.prefix())
    }
}
