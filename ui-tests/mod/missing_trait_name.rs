use entrait::entrait;

pub trait Db {
    fn query(&self, sql: &str) -> Vec<String>;
}

#[entrait(mock_api = UsersMock)]
mod users {
    pub fn list_users(deps: &impl super::Db) -> Vec<String> {
        deps.query("SELECT name FROM users")
    }
}

fn main() {}
