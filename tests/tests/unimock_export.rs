//! Mocks exported by one crate (`entrait_export`, `export`) used in another crate's tests.
#![cfg(feature = "unimock")]

use entrait::{entrait, Impl};
use entrait_export_lib::{Greeting, GreetingMock, LoadUser, LoadUserMock, UserStoreMock};
use unimock::*;

#[entrait(Welcome)]
fn welcome(deps: &(impl LoadUser + Greeting), id: u32) -> String {
    match deps.load_user(id) {
        Some(user) => format!("{}, {}!", deps.greeting(), user.name),
        None => "who?".to_string(),
    }
}

#[test]
fn mock_an_upstream_function() {
    let deps = Unimock::new((
        LoadUserMock
            .each_call(matching!(1))
            .returns(Some(entrait_export_lib::User { name: "Ada".into() })),
        GreetingMock
            .each_call(matching!())
            .returns("Hi".to_string()),
    ));
    assert_eq!(deps.welcome(1), "Hi, Ada!");
}

#[test]
fn partially_mock_below_an_upstream_function() {
    let deps = Unimock::new_partial(UserStoreMock.each_call(matching!(2)).returns(None));
    assert_eq!(deps.welcome(2), "who?");
}

#[test]
fn the_upstream_graph_runs_for_real() {
    let app = Impl::new(entrait_export_lib::Names(vec![
        "Ada".to_string(),
        "Grace".to_string(),
    ]));
    assert_eq!(app.welcome(1), "Hello, Grace!");
}
