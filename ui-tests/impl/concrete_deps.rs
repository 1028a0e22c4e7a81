use entrait::entrait;

pub trait GreeterImpl<T> {
    fn greet(_impl: &entrait::Impl<T>, name: &str) -> String;
}

pub struct Config {
    pub greeting: String,
}

pub struct English;

#[entrait]
impl GreeterImpl for English {
    fn greet(config: &Config, name: &str) -> String {
        format!("{} {name}", config.greeting)
    }
}

fn main() {}
