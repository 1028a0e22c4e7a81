use entrait::entrait;

#[entrait(pub ClockImpl, delegate_by = DelegateClock)]
pub trait Clock {
    fn now(&self) -> u64;
}

fn main() {}
