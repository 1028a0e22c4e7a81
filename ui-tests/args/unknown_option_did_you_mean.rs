use entrait::entrait;

pub struct Config;

#[entrait(pub GetConfig, no_dep)]
fn get_config() -> Config {
    Config
}

fn main() {}
