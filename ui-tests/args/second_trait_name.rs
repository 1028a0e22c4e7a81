use entrait::entrait;

#[entrait(pub Now, Clock, no_deps)]
fn now() -> u64 {
    42
}

fn main() {}
