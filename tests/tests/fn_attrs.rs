//! Attributes and qualifiers on entrait functions: `#[cfg]` and docs mirrored onto the trait,
//! coexistence with `#[tracing::instrument]` on either side, `const fn`, `unsafe fn`.

use std::sync::Mutex;

use entrait::{entrait, Impl};

struct App {
    factor: i32,
}

fn app() -> Impl<App> {
    Impl::new(App { factor: 2 })
}

#[entrait(Factor)]
fn factor(app: &App) -> i32 {
    app.factor
}

struct Fake;

impl Factor for Fake {
    fn factor(&self) -> i32 {
        10
    }
}

// ---------------------------------------------------------------------------------------------
// `#[cfg]`: a gated-away function takes its trait and impls with it.

// `DoesNotExist` is not defined anywhere: if the gated functions' traits or impls were emitted,
// the bound would not resolve, and they would collide with the hand-written items below.
#[entrait(Gated)]
#[cfg(any())]
fn gated(deps: &impl DoesNotExist) -> i32 {
    0
}

#[cfg(any())]
#[entrait(GatedBefore)]
fn gated_before(deps: &impl DoesNotExist) -> i32 {
    0
}

// The names are free again: a trait `Gated` with another method, a function `gated`.
trait Gated {
    fn gated(&self) -> &'static str;
}

impl Gated for () {
    fn gated(&self) -> &'static str {
        "hand-written"
    }
}

trait GatedBefore {
    fn gated_before(&self) -> i32;
}

impl GatedBefore for () {
    fn gated_before(&self) -> i32 {
        gated() * 2
    }
}

fn gated() -> i32 {
    21
}

/// A true `cfg` (integration tests are built with `cfg(test)`) keeps everything.
#[entrait(Kept)]
#[cfg(test)]
fn kept(deps: &impl Factor) -> i32 {
    deps.factor() + 1
}

/// `cfg_attr` is an ordinary attribute for the function.
#[entrait(WithCfgAttr)]
#[cfg_attr(any(), deprecated)]
fn with_cfg_attr(deps: &impl Factor) -> i32 {
    deps.factor() - 1
}

#[test]
fn cfg_gated_function_compiles_away_with_its_trait() {
    assert_eq!(().gated(), "hand-written");
    assert_eq!(().gated_before(), 42);
    assert_eq!(app().kept(), 3);
    assert_eq!(Fake.kept(), 11);
    assert_eq!(app().with_cfg_attr(), 1);
}

// ---------------------------------------------------------------------------------------------
// Doc comments: `missing_docs` is satisfied by the function's docs, wherever they are written.

#[deny(missing_docs)]
pub mod documented {
    //! Public traits generated from documented functions.

    use entrait::entrait;

    /// Says hello: this doc is mirrored onto the trait and its method.
    #[entrait(pub SayHello)]
    pub fn say_hello<D>(_deps: &D, name: &str) -> String {
        format!("hello {name}")
    }

    #[entrait(pub SayBye)]
    /// Docs written after the attribute are mirrored too.
    #[doc = "(And `#[doc]` attributes.)"]
    pub fn say_bye<D>(_deps: &D) -> &'static str {
        "bye"
    }
}

#[test]
fn documented_traits_are_usable() {
    use documented::{SayBye, SayHello};
    assert_eq!(app().say_hello("you"), "hello you");
    assert_eq!(Fake.say_bye(), "bye");
}

// ---------------------------------------------------------------------------------------------
// `#[tracing::instrument]` before and after `#[entrait]`, observed by a recording subscriber.

/// Records the name of every span entered.
struct Recorder {
    names: Mutex<Vec<&'static str>>,
    next_id: Mutex<u64>,
    ids: Mutex<Vec<(u64, &'static str)>>,
}

impl Recorder {
    fn new() -> Self {
        Recorder {
            names: Mutex::new(Vec::new()),
            next_id: Mutex::new(1),
            ids: Mutex::new(Vec::new()),
        }
    }
}

impl tracing::Subscriber for Recorder {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut next = self.next_id.lock().unwrap();
        let id = *next;
        *next += 1;
        self.ids.lock().unwrap().push((id, span.metadata().name()));
        tracing::span::Id::from_u64(id)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, span: &tracing::span::Id) {
        let ids = self.ids.lock().unwrap();
        if let Some((_, name)) = ids.iter().find(|(id, _)| *id == span.into_u64()) {
            self.names.lock().unwrap().push(name);
        }
    }
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tracing::instrument(skip(deps))]
#[entrait(TracedBefore)]
fn traced_before(deps: &impl Factor, x: i32) -> i32 {
    deps.factor() * x
}

#[entrait(TracedAfter)]
#[tracing::instrument(skip(deps))]
fn traced_after(deps: &impl TracedBefore, x: i32) -> i32 {
    deps.traced_before(x) + 1
}

#[entrait(TracedAsync)]
#[tracing::instrument(skip_all)]
async fn traced_async(deps: &impl TracedAfter, x: i32) -> i32 {
    deps.traced_after(x)
}

#[test]
fn coexists_with_tracing_instrument() {
    let recorder = std::sync::Arc::new(Recorder::new());
    let dispatch = tracing::Dispatch::from(recorder.clone());
    tracing::dispatcher::with_default(&dispatch, || {
        assert_eq!(app().traced_after(5), 11);
        assert_eq!(Fake.traced_before(2), 20);
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert_eq!(rt.block_on(app().traced_async(1)), 3);
    });
    let names = recorder.names.lock().unwrap().clone();
    // The async span is entered on every poll (and on drop), the sync ones once per call.
    assert_eq!(
        names[..6],
        [
            "traced_after",
            "traced_before",
            "traced_before",
            "traced_async",
            "traced_after",
            "traced_before",
        ]
    );
    assert!(names[6..].iter().all(|n| *n == "traced_async"));
}

// ---------------------------------------------------------------------------------------------
// `const fn`: still usable in const context, and through the trait.

#[entrait(ConstDouble)]
const fn const_double<D>(_deps: &D, x: i32) -> i32 {
    x * 2
}

const AT_COMPILE_TIME: i32 = const_double(&(), 21);

/// Other attributes (`#[must_use]`, `#[inline]`, lint levels) stay on the function.
#[entrait(Attributed)]
#[must_use]
#[inline]
#[allow(clippy::needless_pass_by_value)]
fn attributed(deps: &impl Factor, s: String) -> usize {
    s.len() * deps.factor() as usize
}

#[test]
fn const_fn_and_other_attributes() {
    assert_eq!(AT_COMPILE_TIME, 42);
    assert_eq!(app().const_double(4), 8);
    assert_eq!(Fake.const_double(-1), -2);
    assert_eq!(app().attributed("abc".into()), 6);
    assert_eq!(attributed(&Fake, String::new()), 0);
}

// ---------------------------------------------------------------------------------------------
// `unsafe fn`: the trait method is `unsafe` too.

#[allow(unsafe_code)]
mod unsafe_fns {
    use entrait::entrait;

    use super::Factor;

    /// # Safety
    ///
    /// `p` must be valid for reads.
    #[entrait(pub ReadScaled)]
    pub unsafe fn read_scaled(deps: &impl Factor, p: *const i32) -> i32 {
        *p * deps.factor()
    }

    #[test]
    fn unsafe_fn_through_impl_and_fake() {
        let x = 21;
        // SAFETY: `&x` is valid for reads.
        assert_eq!(unsafe { super::app().read_scaled(&x) }, 42);
        // SAFETY: as above.
        assert_eq!(unsafe { super::Fake.read_scaled(&x) }, 210);
    }
}
