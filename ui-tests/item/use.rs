use entrait::entrait;

#[entrait(pub Names)]
pub use std::vec::Vec;

fn main() {}
