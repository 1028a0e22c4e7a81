use entrait::entrait;

#[entrait(no_deps, ref)]
pub trait Clock {
    fn now(&self) -> u64;
}

fn main() {}
