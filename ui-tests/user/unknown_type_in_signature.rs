//! A mistake in the user's own signature is reported once, at the user's token: the generated
//! trait and impls reuse the signature's tokens with their spans, so the compiler's reports for
//! them coincide with the function's and are merged.
use entrait::entrait;

pub trait Db {
    fn get(&self, id: u32) -> u32;
}

#[entrait(pub GetUser)]
fn get_user(deps: &impl Db, id: UserId) -> Usr {
    deps.get(id.0)
}

fn main() {}
