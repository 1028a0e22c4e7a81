use entrait::entrait;

pub struct English;

#[entrait]
impl English {
    fn greet(_deps: &impl Sized, name: &str) -> String {
        format!("Hello {name}")
    }
}

fn main() {}
