use entrait::entrait;

#[entrait(pub Config)]
pub struct Config {
    pub greeting: String,
}

fn main() {}
