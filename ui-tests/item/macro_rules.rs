use entrait::entrait;

#[entrait(pub Greet)]
macro_rules! greet {
    ($name:expr) => {
        format!("Hello {}", $name)
    };
}

fn main() {
    let _ = greet!("World");
}
