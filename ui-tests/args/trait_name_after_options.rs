use entrait::entrait;

#[entrait(no_deps, pub Now)]
fn now() -> u64 {
    42
}

fn main() {}
