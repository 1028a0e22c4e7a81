//! `#[async_trait]` written after `#[entrait]`, as applications written for the published crate
//! do it: on impl blocks of the inverted side and on inverted `delegate_by = ref` traits.
//! (The leaf form is in `delegation.rs`.)

use entrait::{entrait, Impl};

/// `#[entrait(ref)] #[async_trait] impl`: the inherent impl keeps the functions as written and
/// `#[async_trait]` goes on the generated `impl<T> FoobarImpl<T> for Implementor`.
mod impl_block_ref {
    use super::*;

    #[async_trait::async_trait]
    pub trait FoobarImpl<T>: 'static {
        async fn foo(&self, _impl: &Impl<T>) -> i32;
    }

    pub struct Implementor;

    #[entrait(ref)]
    #[async_trait::async_trait]
    impl FoobarImpl for Implementor {
        pub async fn foo<D>(_: &D) -> i32 {
            42
        }
    }

    #[tokio::test]
    async fn trait_impl_gets_async_trait() {
        assert_eq!(
            FoobarImpl::<()>::foo(&Implementor, &Impl::new(())).await,
            42
        );
    }

    #[tokio::test]
    async fn inherent_functions_stay_as_written() {
        assert_eq!(Implementor::foo(&"any deps").await, 42);
    }
}

/// `#[entrait] #[async_trait] impl` for the static (selector) form.
mod impl_block_static {
    use super::*;

    #[async_trait::async_trait]
    pub trait GreetImpl<T>: 'static {
        async fn greet(_impl: &Impl<T>, name: &str) -> String;
    }

    pub trait Prefix {
        fn prefix(&self) -> &str;
    }
    impl Prefix for Impl<&'static str> {
        fn prefix(&self) -> &str {
            self
        }
    }

    pub struct Greeter;

    #[entrait]
    #[async_trait::async_trait]
    impl GreetImpl for Greeter {
        async fn greet(deps: &impl Prefix, name: &str) -> String {
            format!("{} {name}", deps.prefix())
        }
    }

    #[tokio::test]
    async fn static_impl_gets_async_trait() {
        let app = Impl::new("Hello");
        assert_eq!(
            <Greeter as GreetImpl<&str>>::greet(&app, "World").await,
            "Hello World"
        );
    }
}

/// The inverted dyn form with `#[async_trait]`: `T: Sync + 'static + AsRef<dyn FoobarImpl<T> + Sync>`.
mod inverted_ref {
    use super::*;

    #[entrait(FoobarImpl, delegate_by = ref)]
    #[async_trait::async_trait]
    pub trait Foobar {
        async fn foo(&self) -> i32;
    }

    pub struct Implementor;

    #[async_trait::async_trait]
    impl<T: Sync + 'static> FoobarImpl<T> for Implementor {
        async fn foo(&self, _impl: &Impl<T>) -> i32 {
            42
        }
    }

    struct App(Implementor);

    impl AsRef<dyn FoobarImpl<Self> + Sync> for App {
        fn as_ref(&self) -> &(dyn FoobarImpl<Self> + Sync) {
            &self.0
        }
    }

    #[tokio::test]
    async fn delegates_through_the_dyn_implementation() {
        assert_eq!(Impl::new(App(Implementor)).foo().await, 42);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn the_future_is_send() {
        let app = std::sync::Arc::new(Impl::new(App(Implementor)));
        let out = tokio::spawn(async move { app.foo().await }).await.unwrap();
        assert_eq!(out, 42);
    }

    /// The same trait filled in by `#[entrait(ref)] #[async_trait] impl`.
    pub struct Computed;

    #[entrait(ref)]
    #[async_trait::async_trait]
    impl FoobarImpl for Computed {
        async fn foo(deps: &impl Base) -> i32 {
            deps.base() * 2
        }
    }

    pub trait Base {
        fn base(&self) -> i32;
    }

    struct App2(Computed);
    impl Base for Impl<App2> {
        fn base(&self) -> i32 {
            21
        }
    }
    impl AsRef<dyn FoobarImpl<Self> + Sync> for App2 {
        fn as_ref(&self) -> &(dyn FoobarImpl<Self> + Sync) {
            &self.0
        }
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn entrait_impl_block_fills_in_the_async_trait_form() {
        let app = std::sync::Arc::new(Impl::new(App2(Computed)));
        let out = tokio::spawn(async move { app.foo().await }).await.unwrap();
        assert_eq!(out, 42);
    }
}
