//! Unimock support: mock APIs for functions, modules and traits; partial mocks that run the
//! real functions for every call that is not configured.
#![cfg(feature = "unimock")]

use entrait::{entrait, Impl};
use unimock::*;

mod seed_mock_api {
    use super::*;

    #[entrait(Foo, mock_api = FooMock)]
    fn foo<D>(_: &D) -> i32 {
        unimplemented!()
    }

    #[entrait(MyMod, mock_api = mock)]
    mod my_mod {
        pub fn bar<D>(_: &D) -> i32 {
            unimplemented!()
        }
    }

    fn my_func(deps: &(impl Foo + MyMod)) -> i32 {
        deps.foo() + deps.bar()
    }

    #[test]
    fn function_and_module_mocks() {
        let mocked_deps = Unimock::new((
            FooMock.each_call(matching!()).returns(40),
            my_mod::mock::bar.each_call(matching!()).returns(2),
        ));
        assert_eq!(42, my_func(&mocked_deps));
    }
}

mod three_layers {
    use super::*;

    #[entrait(SayHello)]
    fn say_hello(deps: &impl FetchPlanetName, planet_id: u32) -> Result<String, ()> {
        Ok(format!("Hello {}!", deps.fetch_planet_name(planet_id)?))
    }

    #[entrait(FetchPlanetName)]
    fn fetch_planet_name(deps: &impl FetchPlanet, planet_id: u32) -> Result<String, ()> {
        let planet = deps.fetch_planet(planet_id)?;
        Ok(planet.name)
    }

    pub struct Planet {
        name: String,
    }

    #[entrait(FetchPlanet, mock_api = FetchPlanetMock)]
    fn fetch_planet(_deps: &(), _planet_id: u32) -> Result<Planet, ()> {
        unimplemented!("no database here")
    }

    #[test]
    fn only_the_deepest_layer_is_mocked() {
        let hello = say_hello(
            &Unimock::new_partial(FetchPlanetMock.some_call(matching!(123456)).returns(Ok(
                Planet {
                    name: "World".to_string(),
                },
            ))),
            123456,
        );
        assert_eq!(Ok("Hello World!".to_string()), hello);
    }

    #[test]
    fn mocked_function_still_implemented_for_impl() {
        struct App;
        impl FetchPlanet for App {
            fn fetch_planet(&self, id: u32) -> Result<Planet, ()> {
                Ok(Planet {
                    name: format!("P{id}"),
                })
            }
        }
        assert_eq!(Impl::new(App).say_hello(3), Ok("Hello P3!".to_string()));
    }
}

mod partial_generic {
    use super::*;

    #[entrait(Top, mock_api = TopMock)]
    fn top(deps: &impl Middle, x: i32) -> i32 {
        deps.middle(x) + 1
    }

    #[entrait(Middle, mock_api = MiddleMock)]
    fn middle(deps: &impl Bottom, x: i32) -> i32 {
        deps.bottom(x) * 10
    }

    #[entrait(Bottom, mock_api = BottomMock)]
    fn bottom<D>(_deps: &D, x: i32) -> i32 {
        x + 1000
    }

    #[test]
    fn new_partial_runs_real_layers_above_the_mock() {
        let deps = Unimock::new_partial(BottomMock.each_call(matching!(4)).returns(2));
        assert_eq!(deps.top(4), 21);
    }

    #[test]
    fn a_middle_mock_short_circuits() {
        let deps = Unimock::new_partial(MiddleMock.each_call(matching!(_)).returns(99));
        assert_eq!(deps.top(0), 100);
    }

    #[test]
    fn every_layer_real_through_impl() {
        assert_eq!(Impl::new(()).top(5), 10051);
    }

    #[test]
    fn unmocked_partial_runs_everything_for_real() {
        assert_eq!(Unimock::new_partial(()).top(5), 10051);
    }

    #[test]
    #[should_panic(expected = "Bottom::bottom")]
    fn configured_mock_that_is_never_called_fails() {
        let deps = Unimock::new_partial(BottomMock.some_call(matching!(1)).returns(1));
        drop(deps);
    }
}

mod partial_async {
    use super::*;

    #[entrait(Handle, mock_api = HandleMock)]
    async fn handle(deps: &impl Load, key: u32) -> String {
        format!("<{}>", deps.load(key).await)
    }

    #[entrait(Load, mock_api = LoadMock)]
    async fn load(deps: &impl Fetch, key: u32) -> String {
        deps.fetch(key).await.to_uppercase()
    }

    #[entrait(Fetch, mock_api = FetchMock)]
    async fn fetch<D>(_deps: &D, _key: u32) -> String {
        unimplemented!("network")
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn async_partial_mock_on_a_spawned_task() {
        let deps = Unimock::new_partial(
            FetchMock
                .each_call(matching!(7))
                .returns("seven".to_string()),
        );
        // Unimock verifies on the thread that created it: send a clone.
        let task_deps = deps.clone();
        let out = tokio::spawn(async move { task_deps.handle(7).await })
            .await
            .unwrap();
        assert_eq!(out, "<SEVEN>");
    }
}

mod no_deps_and_concrete {
    use super::*;

    #[entrait(Add, no_deps, mock_api = AddMock)]
    fn add(a: i32, b: i32) -> i32 {
        a + b
    }

    pub struct Config(u32);

    #[entrait(GetValue, mock_api = GetValueMock)]
    fn get_value(config: &Config) -> u32 {
        config.0
    }

    #[test]
    fn no_deps_unmocks_to_the_function() {
        let deps = Unimock::new_partial(());
        assert_eq!(deps.add(2, 3), 5);
        let mocked = Unimock::new(AddMock.each_call(matching!(_, _)).returns(0));
        assert_eq!(mocked.add(2, 3), 0);
    }

    #[test]
    fn concrete_deps_mock_and_real() {
        let mocked = Unimock::new(GetValueMock.each_call(matching!()).returns(9u32));
        assert_eq!(mocked.get_value(), 9);
        assert_eq!(Impl::new(Config(4)).get_value(), 4);
    }
}

mod modules {
    use super::*;

    #[entrait(pub Accounts, mock_api = mock)]
    pub mod accounts {
        pub fn balance(deps: &impl super::Rates, id: u32) -> u64 {
            u64::from(id) * deps.rate()
        }
        pub fn owner<D>(_deps: &D, id: u32) -> String {
            format!("owner{id}")
        }
    }

    #[entrait(pub Rates, mock_api = RatesMock)]
    fn rate<D>(_deps: &D) -> u64 {
        unimplemented!()
    }

    #[test]
    fn module_handles_and_partial() {
        let deps = Unimock::new_partial(RatesMock.each_call(matching!()).returns(3u64));
        assert_eq!(deps.balance(2), 6);
        assert_eq!(deps.owner(1), "owner1");
        let mocked = Unimock::new(
            accounts::mock::owner
                .each_call(matching!(1))
                .returns("m".to_string()),
        );
        assert_eq!(mocked.owner(1), "m");
    }
}

mod traits {
    use super::*;

    #[entrait(mock_api = ClockMock)]
    pub trait Clock {
        fn now(&self) -> u64;
    }

    #[entrait(delegate_by = ref, mock_api = ConfigMock)]
    pub trait Config: 'static {
        fn name(&self) -> String;
    }

    #[entrait(RepoImpl, delegate_by = DelegateRepo, mock_api = RepoMock)]
    pub trait Repo {
        fn fetch(&self, id: u32) -> u32;
    }

    #[entrait(StoreImpl, delegate_by = ref, mock_api = StoreMock)]
    pub trait Store {
        fn store(&self, v: u32) -> u32;
    }

    #[entrait(delegate_by = ref, mock_api = AsyncStoreMock)]
    pub trait AsyncStore: Sync + 'static {
        async fn get(&self, k: u32) -> String;
    }

    #[entrait(Report)]
    fn report(deps: &(impl Clock + Config + Repo + Store), id: u32) -> String {
        format!(
            "{}@{}:{}:{}",
            deps.name(),
            deps.now(),
            deps.fetch(id),
            deps.store(id)
        )
    }

    #[test]
    fn every_delegation_mode_mocks() {
        let deps = Unimock::new((
            ClockMock::now.each_call(matching!()).returns(5u64),
            ConfigMock::name
                .each_call(matching!())
                .returns("cfg".to_string()),
            RepoMock::fetch.each_call(matching!(1)).returns(10u32),
            StoreMock::store.each_call(matching!(1)).returns(20u32),
        ));
        assert_eq!(deps.report(1), "cfg@5:10:20");
    }

    #[tokio::test]
    async fn async_dyn_trait_mocks() {
        let deps = Unimock::new(
            AsyncStoreMock::get
                .each_call(matching!(1))
                .returns("one".to_string()),
        );
        assert_eq!(deps.get(1).await, "one");
    }
}

/// A function's type parameters are the trait's; the unimock impl needs no `'static` from the
/// user (issue 12 C).
mod generic_functions {
    use super::*;

    #[entrait(GenericParam, mock_api = GenericParamMock)]
    fn generic_param<T>(_deps: &impl std::any::Any, _arg: T) -> i32 {
        42
    }

    fn takes(d: &impl GenericParam<i32>) -> i32 {
        d.generic_param(1)
    }

    #[test]
    fn mocked_with_types() {
        let u = Unimock::new(
            GenericParamMock
                .with_types::<i32>()
                .some_call(matching!(1))
                .returns(7),
        );
        assert_eq!(7, u.generic_param(1));
        let u = Unimock::new(
            GenericParamMock
                .with_types::<i32>()
                .each_call(matching!(1))
                .returns(8),
        );
        assert_eq!(8, takes(&u));
    }

    #[test]
    fn real_function_through_impl() {
        assert_eq!(42, takes(&Impl::new(())));
    }

    #[test]
    fn partial_mock_runs_the_function() {
        assert_eq!(42, takes(&Unimock::new_partial(())));
    }

    #[entrait(GenericReturn, mock_api = GenericReturnMock)]
    fn generic_return<T: Default>(_deps: &impl std::any::Any) -> T {
        T::default()
    }

    #[test]
    fn generic_return_type() {
        let u = Unimock::new(
            GenericReturnMock
                .with_types::<String>()
                .each_call(matching!())
                .returns("mocked".to_string()),
        );
        let s: String = u.generic_return();
        assert_eq!(s, "mocked");
        let n: u8 = Impl::new(()).generic_return();
        assert_eq!(n, 0);
    }

    #[entrait(ConcreteGeneric, mock_api = ConcreteGenericMock)]
    fn concrete_generic<T>(_: &(), _arg: T) -> i32 {
        1
    }

    #[test]
    fn concrete_deps_and_type_param() {
        let u = Unimock::new(
            ConcreteGenericMock
                .with_types::<&'static str>()
                .each_call(matching!("a"))
                .returns(2),
        );
        assert_eq!(u.concrete_generic("a"), 2);
        assert_eq!(Impl::new(()).concrete_generic('c'), 1);
    }
}

/// With the feature, every entraited trait is implemented for `Unimock`, whatever its delegation
/// mode and whether or not it names a mock API (issue 12 D).
mod traits_without_mock_api {
    use super::*;

    #[entrait]
    pub trait X {
        #[allow(dead_code)]
        fn m(&self);
    }

    #[entrait(delegate_by = ref)]
    pub trait Y {
        #[allow(dead_code)]
        fn m(&self);
    }

    #[entrait(ZImpl, delegate_by = DelegateZ)]
    pub trait Z {
        #[allow(dead_code)]
        fn m(&self);
    }

    #[entrait(WImpl, delegate_by = ref)]
    pub trait W {
        #[allow(dead_code)]
        async fn w(&self) -> u8;
    }

    #[entrait(Caller)]
    fn caller(deps: &(impl X + Y + Z + W)) -> &'static str {
        let _ = deps;
        "passed through"
    }

    fn takes(_: &(impl X + Y + Z + W)) {}

    #[test]
    fn unimock_implements_every_trait() {
        takes(&Unimock::new(()));
    }

    #[test]
    fn a_partial_mock_passes_through_unconfigured_traits() {
        assert_eq!(Unimock::new_partial(()).caller(), "passed through");
    }
}
