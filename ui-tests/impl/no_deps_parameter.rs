use entrait::entrait;

pub trait GreeterImpl<T> {
    fn greeting(_impl: &entrait::Impl<T>) -> String;
}

pub struct English;

#[entrait]
impl GreeterImpl for English {
    fn greeting() -> String {
        "Hello".to_string()
    }
}

fn main() {}
