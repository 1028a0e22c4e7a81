use entrait::entrait;

#[entrait(pub Alloc)]
extern crate alloc;

fn main() {}
