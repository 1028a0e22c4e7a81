use entrait::entrait;

pub struct Config<T> {
    pub names: Vec<T>,
}

#[entrait(pub FirstName)]
fn first_name<T: Clone>(config: &Config<T>) -> Option<T> {
    config.names.first().cloned()
}

fn main() {}
