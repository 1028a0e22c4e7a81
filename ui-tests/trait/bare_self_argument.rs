use entrait::entrait;

#[entrait]
pub trait Merge {
    fn merge(&self, other: &Self) -> u64;
}

fn main() {}
