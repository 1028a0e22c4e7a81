//! Business logic: depends only on traits. The repository and the notes store are inverted
//! dependencies, implemented downstream in `layered-infra` and selected in `layered-app`.

use entrait::entrait;

/// Repository, statically delegated through the selector trait `DelegateRepo`.
#[entrait(RepoImpl, delegate_by = DelegateRepo)]
pub trait Repo {
    /// The name of a record.
    fn name(&self, id: u32) -> String;
    /// The same, asynchronously.
    async fn name_async(&self, id: u32) -> String;
}

/// Notes, dynamically delegated through `AsRef<dyn NotesImpl<App>>`.
#[entrait(NotesImpl, delegate_by = ref)]
pub trait Notes {
    /// The note attached to a record.
    fn note(&self, id: u32) -> String;
    /// The same, asynchronously, with no `#[async_trait]`.
    async fn note_async(&self, id: u32) -> String;
}

/// A leaf the application implements itself.
#[entrait]
pub trait Prefix {
    /// What every rendered name starts with.
    fn prefix(&self) -> String;
}

/// The use case: combines both inverted dependencies.
#[entrait(pub Describe)]
pub fn describe(deps: &(impl Repo + Notes), id: u32) -> String {
    format!("{} ({})", deps.name(id), deps.note(id))
}

/// The async use case.
#[entrait(pub DescribeAsync)]
pub async fn describe_async(deps: &(impl Repo + Notes), id: u32) -> String {
    format!(
        "{} ({})",
        deps.name_async(id).await,
        deps.note_async(id).await
    )
}
