use entrait::entrait;

#[entrait(pub FetchName, no_deps, ?)]
async fn fetch_name() -> String {
    String::new()
}

fn main() {}
