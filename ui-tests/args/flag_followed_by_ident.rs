use entrait::entrait;

#[entrait(pub Now, no_deps export)]
fn now() -> u64 {
    42
}

fn main() {}
