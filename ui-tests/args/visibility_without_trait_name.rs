use entrait::entrait;

#[entrait(pub, no_deps)]
fn now() -> u64 {
    42
}

fn main() {}
