use entrait::entrait;

#[entrait(pub Now, no_deps = yes)]
fn now() -> u64 {
    42
}

fn main() {}
