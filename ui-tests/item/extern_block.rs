use entrait::entrait;

#[entrait(pub Abs, no_deps)]
extern "C" {
    fn abs(input: i32) -> i32;
}

fn main() {}
