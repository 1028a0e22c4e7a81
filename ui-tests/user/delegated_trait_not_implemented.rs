//! An application that does not implement a `delegate_by = Self` trait, passed where the trait
//! is needed: the compiler says which impl to write.
use entrait::{entrait, Impl};

#[entrait]
pub trait Clock {
    fn now(&self) -> u64;
}

struct App;

fn stamp(clock: &impl Clock) -> u64 {
    clock.now()
}

fn main() {
    let _ = stamp(&Impl::new(App));
}
