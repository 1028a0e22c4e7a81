use entrait::entrait;

#[entrait(pub Greeting)]
pub const GREETING: &str = "Hello";

fn main() {}
