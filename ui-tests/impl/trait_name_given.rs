use entrait::entrait;

pub trait GreeterImpl<T> {
    fn greet(_impl: &entrait::Impl<T>, name: &str) -> String;
}

pub struct English;

#[entrait(GreeterImpl)]
impl GreeterImpl for English {
    fn greet(_deps: &impl Sized, name: &str) -> String {
        format!("Hello {name}")
    }
}

fn main() {}
