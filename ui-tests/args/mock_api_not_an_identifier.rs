use entrait::entrait;

#[entrait(pub Now, no_deps, mock_api = "NowMock")]
fn now() -> u64 {
    42
}

fn main() {}
