use entrait::entrait;

pub trait GreeterImpl<T> {
    fn greet(_impl: &entrait::Impl<T>, name: &str) -> String;
}

pub struct English;

#[entrait]
impl GreeterImpl for English {
    fn greet(&self, name: &str) -> String {
        format!("Hello {name}")
    }
}

fn main() {}
