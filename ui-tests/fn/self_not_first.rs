use entrait::entrait;

pub trait FetchName {
    fn fetch_name(&self, id: u32) -> String;
}

#[entrait(pub SayHello)]
fn say_hello(deps: &impl FetchName, self) -> String {
    format!("Hello {}", deps.fetch_name(0))
}

fn main() {}
