//! A misspelled dependency trait is reported once, at the user's token.
use entrait::entrait;

pub trait Db {
    fn get(&self, id: u32) -> u32;
}

#[entrait(pub GetUser)]
fn get_user(deps: &impl Dbb, id: u32) -> u32 {
    deps.get(id)
}

#[entrait(pub Users)]
pub mod users {
    pub fn count<D>(deps: &D) -> u32
    where
        D: super::Counter,
    {
        deps.count()
    }
}

fn main() {}
