use entrait::entrait;

macro_rules! now_method {
    () => {
        fn now(&self) -> u64;
    };
}

#[entrait]
pub trait Clock {
    now_method!();
}

fn main() {}
