use entrait::entrait;

#[entrait(pub FetchName, ?Sync)]
async fn fetch_name(deps: &impl core::fmt::Debug) -> String {
    format!("{deps:?}")
}

fn main() {}
