use entrait::entrait;

pub trait GreeterImpl<T> {
    fn greet(_impl: &entrait::Impl<T>, name: &str) -> String;
}

macro_rules! greet_fn {
    () => {
        fn greet(_deps: &impl Sized, name: &str) -> String {
            format!("Hello {name}")
        }
    };
}

pub struct English;

#[entrait]
impl GreeterImpl for English {
    greet_fn!();
}

fn main() {}
