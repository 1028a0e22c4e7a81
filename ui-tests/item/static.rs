use entrait::entrait;

#[entrait(pub Greeting)]
pub static GREETING: &str = "Hello";

fn main() {}
