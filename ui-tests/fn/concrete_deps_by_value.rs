use entrait::entrait;

pub struct Config {
    pub greeting: String,
}

#[entrait(pub Greeting)]
fn greeting(config: Config) -> String {
    config.greeting
}

fn main() {}
