use entrait::entrait;

// Through `dyn Store`, `make` (generic, `where Self: Sized`) cannot be called.
#[entrait(delegate_by = ref)]
pub trait Store {
    fn get(&self, key: u32) -> u64;
    fn make<X: Default>(&self) -> X
    where
        Self: Sized;
}

fn main() {}
