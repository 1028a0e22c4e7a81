use entrait::entrait;

#[entrait]
pub trait Fork {
    fn fork(&self) -> Option<Self>
    where
        Self: Sized;
}

fn main() {}
