use entrait::entrait;

pub trait Clock {
    #[entrait(pub Now)]
    fn now(&self) -> u64;
}

fn main() {}
