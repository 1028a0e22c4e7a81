use entrait::entrait;

#[entrait]
pub trait Clock {
    fn now(self: Box<Self>) -> u64;
}

fn main() {}
