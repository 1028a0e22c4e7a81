//! A library crate exporting entrait traits with their mocks (`export`), so that a
//! downstream crate's tests can mock them.

use entrait::entrait_export;

/// A user record.
#[derive(Clone)]
pub struct User {
    /// Display name.
    pub name: String,
}

/// Loads a user from the application's store.
#[entrait_export(pub LoadUser, mock_api = LoadUserMock)]
pub fn load_user(deps: &impl UserStore, id: u32) -> Option<User> {
    deps.find(id).map(|name| User { name })
}

/// The application's user names.
pub struct Names(pub Vec<String>);

/// Storage of user names.
#[entrait_export(pub UserStore, mock_api = UserStoreMock)]
pub fn find(names: &Names, id: u32) -> Option<String> {
    names.0.get(id as usize).cloned()
}

/// Both macros at once: `export` and `unimock` (so this needs the `unimock` feature).
#[cfg(feature = "unimock")]
#[entrait::entrait_export_unimock(pub Greeting, mock_api = GreetingMock)]
pub fn greeting<D>(_deps: &D) -> String {
    "Hello".to_string()
}
