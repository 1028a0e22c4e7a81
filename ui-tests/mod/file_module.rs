use entrait::entrait;

pub trait Db {
    fn query(&self, sql: &str) -> Vec<String>;
}

#[entrait(pub Users)]
#[path = "file_module/users.rs"]
mod users;

fn main() {}
