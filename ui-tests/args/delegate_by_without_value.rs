use entrait::entrait;

#[entrait(delegate_by)]
pub trait Clock {
    fn now(&self) -> u64;
}

fn main() {}
