use entrait::entrait;

#[entrait(pub Now, no_deps, export, export = false)]
fn now() -> u64 {
    42
}

fn main() {}
