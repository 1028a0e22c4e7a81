use entrait::entrait;

pub trait FetchName {
    fn fetch_name(&self, id: u32) -> String;
}

pub trait FetchTitle {
    fn fetch_title(&self, id: u32) -> String;
}

#[entrait(pub SayHello, mockall)]
fn say_hello(deps: &(impl FetchName + FetchTitle), id: u32) -> String {
    format!("Hello {} {}", deps.fetch_title(id), deps.fetch_name(id))
}

fn main() {}
