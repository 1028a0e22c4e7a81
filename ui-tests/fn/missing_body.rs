use entrait::entrait;

#[entrait(pub Now, no_deps)]
fn now() -> u64;

fn main() {}
