//! An application that selects no implementation of an inverted `delegate_by = DelegateRepo`
//! trait, passed where the trait is needed: the compiler says what to write.
use entrait::{entrait, Impl};

#[entrait(RepoImpl, delegate_by = DelegateRepo)]
pub trait Repo {
    fn fetch(&self, id: u32) -> u32;
}

pub struct Sqlite;

#[entrait]
impl RepoImpl for Sqlite {
    fn fetch<D>(_deps: &D, id: u32) -> u32 {
        id
    }
}

struct App;

fn load(repo: &impl Repo) -> u32 {
    repo.fetch(1)
}

fn main() {
    let _ = load(&Impl::new(App));
}
