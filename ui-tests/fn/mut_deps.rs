use entrait::entrait;

pub trait Counter {
    fn increment(&mut self) -> u32;
}

#[entrait(pub NextId)]
fn next_id(deps: &mut impl Counter) -> u32 {
    deps.increment()
}

fn main() {}
