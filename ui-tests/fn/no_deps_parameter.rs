use entrait::entrait;

#[entrait(pub Now)]
fn now() -> u64 {
    42
}

fn main() {}
