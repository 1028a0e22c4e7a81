use entrait::entrait;

#[entrait("Now", no_deps)]
fn now() -> u64 {
    42
}

fn main() {}
