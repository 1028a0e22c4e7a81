use entrait::entrait;

#[entrait(delegate_by = ref)]
pub trait Counter {
    fn increment(&mut self) -> u32;
}

fn main() {}
