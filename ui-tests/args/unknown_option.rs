use entrait::entrait;

#[entrait(pub SayHello, frobnicate)]
fn say_hello(deps: &impl core::fmt::Debug) -> String {
    format!("Hello {deps:?}")
}

fn main() {}
