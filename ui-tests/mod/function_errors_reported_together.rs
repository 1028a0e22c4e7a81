use entrait::entrait;

pub trait Db {
    fn query(&self, sql: &str) -> Vec<String>;
}

#[entrait(pub Users)]
mod users {
    pub fn count_users() -> usize {
        0
    }

    pub fn delete_users(deps: &mut impl super::Db) {
        deps.query("DELETE FROM users");
    }
}

fn main() {}
