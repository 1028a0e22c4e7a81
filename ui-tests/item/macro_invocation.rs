use entrait::entrait;

macro_rules! make_fn {
    () => {
        fn now() -> u64 {
            42
        }
    };
}

#[entrait(pub Now, no_deps)]
make_fn!();

fn main() {}
