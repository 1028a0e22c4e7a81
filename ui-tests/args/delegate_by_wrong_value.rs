use entrait::entrait;

#[entrait(delegate_by = "ref")]
pub trait Clock {
    fn now(&self) -> u64;
}

fn main() {}
