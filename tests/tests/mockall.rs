//! mockall support: `MockTraitName` with `expect_…()` for functions (single bound) and traits.

use entrait::{entrait, Impl};

mod seed {
    use super::*;

    #[entrait(Foo, mockall)]
    fn foo<D>(_: &D) -> u32 {
        unimplemented!()
    }

    fn my_func(deps: &impl Foo) -> u32 {
        deps.foo()
    }

    #[test]
    fn mock_function() {
        let mut deps = MockFoo::new();
        deps.expect_foo().returning(|| 42);
        assert_eq!(42, my_func(&deps));
    }
}

mod layers {
    use super::*;

    #[entrait(Greet, mockall)]
    fn greet(deps: &impl Lookup, id: u32) -> String {
        format!("hi {}", deps.lookup(id))
    }

    pub struct Names(Vec<String>);

    #[entrait(Lookup, mockall)]
    fn lookup(names: &Names, id: u32) -> String {
        names.0[id as usize].clone()
    }

    #[test]
    fn the_function_under_test_calls_the_mock() {
        let mut deps = MockLookup::new();
        deps.expect_lookup()
            .withf(|id| *id == 1)
            .times(1)
            .returning(|id| format!("user{id}"));
        assert_eq!(greet(&deps, 1), "hi user1");
    }

    #[test]
    fn the_real_graph_still_runs_through_impl() {
        let app = Impl::new(Names(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(app.greet(1), "hi b");
    }

    #[test]
    fn a_mocked_trait_can_itself_be_mocked() {
        let mut deps = MockGreet::new();
        deps.expect_greet().returning(|id| format!("mock{id}"));
        assert_eq!(deps.greet(3), "mock3");
    }

    #[test]
    #[should_panic(expected = "MockLookup::lookup")]
    fn an_unsatisfied_expectation_fails() {
        let mut deps = MockLookup::new();
        deps.expect_lookup().times(1).returning(|_| String::new());
        drop(deps);
    }
}

mod traits {
    use super::*;

    #[entrait(mockall)]
    pub trait Clock {
        fn now(&self) -> u64;
    }

    #[entrait(delegate_by = ref, mockall)]
    pub trait Config: 'static {
        fn port(&self) -> u16;
    }

    #[entrait(RepoImpl, delegate_by = DelegateRepo, mockall)]
    pub trait Repo {
        fn fetch(&self, id: u32) -> u32;
    }

    #[entrait(Uptime)]
    fn uptime(deps: &impl Clock, started: u64) -> u64 {
        deps.now() - started
    }

    #[test]
    fn trait_mocks() {
        let mut clock = MockClock::new();
        clock.expect_now().return_const(100u64);
        assert_eq!(clock.uptime(40), 60);

        let mut config = MockConfig::new();
        config.expect_port().return_const(8080u16);
        assert_eq!(config.port(), 8080);

        let mut repo = MockRepo::new();
        repo.expect_fetch().returning(|id| id * 2);
        assert_eq!(repo.fetch(21), 42);
    }

    #[test]
    fn trait_delegation_still_works_for_impl() {
        struct App;
        impl Clock for App {
            fn now(&self) -> u64 {
                7
            }
        }
        assert_eq!(Impl::new(App).now(), 7);
    }
}
