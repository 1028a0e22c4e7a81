use entrait::entrait;

#[entrait(pub FetchName, no_deps, Send)]
async fn fetch_name() -> String {
    String::new()
}

fn main() {}
