use entrait::entrait;

pub trait GreeterImpl<T> {
    fn greet(_impl: &entrait::Impl<T>, name: &str) -> String;
}

pub struct English;

#[entrait(no_deps, export, mock_api = GreeterMock, unimock = false, mockall, delegate_by = ref)]
impl GreeterImpl for English {
    fn greet(_deps: &impl Sized, name: &str) -> String {
        format!("Hello {name}")
    }
}

fn main() {}
