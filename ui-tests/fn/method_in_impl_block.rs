use entrait::entrait;

pub struct Config {
    pub greeting: String,
}

impl Config {
    #[entrait(pub Greeting)]
    fn greeting(&self) -> String {
        self.greeting.clone()
    }
}

fn main() {}
