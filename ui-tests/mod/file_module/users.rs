pub fn list_users(deps: &impl super::Db) -> Vec<String> {
    deps.query("SELECT name FROM users")
}
