use entrait::entrait;

#[entrait(pub Now, no_dep, export, export, mock_api, ?Sync)]
fn now() -> u64 {
    42
}

fn main() {}
