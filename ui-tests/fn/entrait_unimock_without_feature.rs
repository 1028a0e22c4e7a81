use entrait::entrait_unimock as entrait;

pub trait FetchName {
    fn fetch_name(&self, id: u32) -> String;
}

#[entrait(pub SayHello, mock_api = SayHelloMock)]
fn say_hello(deps: &impl FetchName, id: u32) -> String {
    format!("Hello {}", deps.fetch_name(id))
}

fn main() {}
