use entrait::entrait;

pub trait Db {
    fn query(&self, sql: &str) -> Vec<String>;
}

pub struct Config {
    pub table: String,
}

#[entrait(pub Users)]
mod users {
    pub fn list_users(deps: &impl super::Db) -> Vec<String> {
        deps.query("SELECT name FROM users")
    }

    pub fn users_table(config: &super::Config) -> String {
        config.table.clone()
    }
}

fn main() {}
