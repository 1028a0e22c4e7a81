use entrait::entrait;

pub trait FetchName {
    fn fetch_name(&self, id: u32) -> String;
}

#[entrait(pub SayHello)]
fn say_hello(&self, id: u32) -> String {
    format!("Hello {id}")
}

fn main() {}
