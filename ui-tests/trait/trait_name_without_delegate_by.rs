use entrait::entrait;

#[entrait(ClockImpl)]
pub trait Clock {
    fn now(&self) -> u64;
}

fn main() {}
