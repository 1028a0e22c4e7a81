//! `#[entrait]` in a `#![no_std]` library: generic, concrete, async, module and `unsafe`
//! functions, with nothing but `core` in scope. `missing_docs` is denied, so every public
//! generated trait must carry its function's docs.
#![no_std]
#![deny(missing_docs)]

use entrait::entrait;

/// The application state.
pub struct Config {
    /// Added by [`add_base`].
    pub base: u32,
    /// Returned by [`name`].
    pub name: &'static str,
}

/// Reads the base (a concrete-deps leaf).
#[entrait(pub Base)]
#[must_use]
pub fn base(config: &Config) -> u32 {
    config.base
}

/// Borrows the name from the config.
#[entrait(pub Name)]
#[must_use]
pub fn name(config: &Config) -> &str {
    config.name
}

/// Adds the base to `n` (generic deps).
#[entrait(pub AddBase)]
#[must_use]
pub fn add_base(deps: &impl Base, n: u32) -> u32 {
    deps.base() + n
}

/// Two dependencies, `where` form.
#[entrait(pub Describe)]
#[must_use]
pub fn describe<D>(deps: &D, n: u32) -> (&str, u32)
where
    D: Name + AddBase,
{
    (deps.name(), deps.add_base(n))
}

/// No dependencies at all.
#[entrait(pub Square, no_deps)]
#[must_use]
pub fn square(x: u32) -> u32 {
    x * x
}

/// An async function: its trait method returns `impl Future + Send`.
#[entrait(pub AsyncAdd)]
pub async fn async_add(deps: &(impl AddBase + Square), n: u32) -> u32 {
    let squared = async { deps.square(n) }.await;
    deps.add_base(squared)
}

/// An async function without `Send`.
#[entrait(pub LocalAdd, ?Send)]
pub async fn local_add(deps: &impl AsyncAdd, n: u32) -> u32 {
    deps.async_add(n).await + 1
}

/// A module trait.
#[entrait(pub Arith)]
pub mod arith {
    use super::{Base, Square};

    /// Multiplies by the base.
    #[must_use]
    pub fn mul(deps: &impl Base, x: u32) -> u32 {
        deps.base() * x
    }

    /// Squares, then multiplies by the base.
    pub async fn square_mul(deps: &(impl Base + Square), x: u32) -> u32 {
        let base = async { deps.base() }.await;
        deps.square(x) * base
    }

    /// Not a method.
    fn _helper() {}
}

/// `unsafe fn` under `#[entrait]`: the trait method is `unsafe` too.
#[allow(unsafe_code)]
pub mod raw {
    use entrait::entrait;

    /// Reads through a raw pointer and adds the base.
    ///
    /// # Safety
    ///
    /// `p` must be valid for reads.
    #[entrait(pub ReadRaw)]
    pub unsafe fn read_raw(deps: &impl super::Base, p: *const u32) -> u32 {
        *p + deps.base()
    }
}

/// Generated code names everything by absolute paths, so it works without a prelude.
#[no_implicit_prelude]
pub mod no_prelude {
    use ::entrait::entrait;

    /// Works without the prelude.
    #[entrait(pub NoPrelude)]
    #[must_use]
    pub fn no_prelude(deps: &impl super::Base, x: ::core::option::Option<u32>) -> u32 {
        match x {
            ::core::option::Option::Some(x) => x,
            ::core::option::Option::None => deps.base(),
        }
    }

    /// Async without the prelude.
    #[entrait(pub NoPreludeAsync)]
    pub async fn no_prelude_async(deps: &impl NoPrelude) -> u32 {
        async { deps.no_prelude(::core::option::Option::None) }.await
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use core::future::Future;
    use core::pin::pin;
    use core::task::{Context, Poll, Waker};
    use std::sync::Arc;

    use entrait::Impl;

    use super::no_prelude::{NoPrelude, NoPreludeAsync};
    use super::raw::ReadRaw;
    use super::*;

    fn block_on<F: Future>(f: F) -> F::Output {
        struct Noop;
        impl std::task::Wake for Noop {
            fn wake(self: Arc<Self>) {}
        }
        let waker = Waker::from(Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        let mut f = pin!(f);
        loop {
            if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    fn assert_send<T: Send>(t: T) -> T {
        t
    }

    fn app() -> Impl<Config> {
        Impl::new(Config {
            base: 10,
            name: "no_std",
        })
    }

    struct Fake;

    impl Base for Fake {
        fn base(&self) -> u32 {
            1
        }
    }

    impl Name for Fake {
        fn name(&self) -> &'static str {
            "fake"
        }
    }

    #[test]
    fn sync_fns_through_impl_and_fake() {
        let app = app();
        assert_eq!(app.base(), 10);
        assert_eq!(app.name(), "no_std");
        assert_eq!(app.add_base(5), 15);
        assert_eq!(app.describe(1), ("no_std", 11));
        assert_eq!(app.square(3), 9);
        assert_eq!(Fake.add_base(5), 6);
        assert_eq!(Fake.describe(2), ("fake", 3));
    }

    #[test]
    fn async_fns() {
        let app = app();
        assert_eq!(block_on(assert_send(app.async_add(3))), 19);
        assert_eq!(block_on(app.local_add(3)), 20);
        assert_eq!(block_on(assert_send(Fake.async_add(2))), 5);
        assert_eq!(block_on(Fake.local_add(0)), 2);
    }

    #[test]
    fn module_trait() {
        let app = app();
        assert_eq!(app.mul(4), 40);
        assert_eq!(block_on(assert_send(app.square_mul(2))), 40);
        assert_eq!(Fake.mul(4), 4);
        assert_eq!(block_on(Fake.square_mul(3)), 9);
    }

    #[test]
    #[allow(unsafe_code)]
    fn unsafe_fn() {
        let x = 32;
        // SAFETY: `&x` is valid for reads.
        assert_eq!(unsafe { app().read_raw(core::ptr::addr_of!(x)) }, 42);
        // SAFETY: as above.
        assert_eq!(unsafe { Fake.read_raw(core::ptr::addr_of!(x)) }, 33);
    }

    #[test]
    fn no_implicit_prelude() {
        assert_eq!(app().no_prelude(Some(3)), 3);
        assert_eq!(Fake.no_prelude(None), 1);
        assert_eq!(block_on(app().no_prelude_async()), 10);
    }
}
