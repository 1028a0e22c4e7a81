//! Per-call cost of an async method called through `Impl<App>`, four ways, in one run:
//!
//! - static: `#[entrait] trait` (`delegate_by = Self`), native `async fn`: no box;
//! - dyn: `#[entrait(delegate_by = ref)] trait` with native `async fn` (the `DynStore`
//!   companion): one box per call;
//! - async_trait dyn: the classic `#[async_trait]` form with `delegate_by = ref`: one box;
//! - async_trait static: `#[async_trait]` with `delegate_by = Self`: still one box per call.
//!
//! Each call's future is polled to completion with a no-op waker (it never waits), so the
//! figures are the cost of the call machinery itself: creating, boxing, polling, dropping.

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use entrait::{entrait, Impl};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[entrait]
pub trait StaticStore {
    async fn get(&self, k: u64) -> u64;
}

#[entrait(delegate_by = ref)]
pub trait DynamicStore: Sync + 'static {
    async fn get_dyn(&self, k: u64) -> u64;
}

#[entrait(delegate_by = ref)]
#[async_trait::async_trait]
pub trait ClassicStore: Send + Sync + 'static {
    async fn get_classic(&self, k: u64) -> u64;
}

#[entrait]
#[async_trait::async_trait]
pub trait ClassicStaticStore: Send + Sync {
    async fn get_classic_static(&self, k: u64) -> u64;
}

pub struct Mem(u64);

impl StaticStore for Mem {
    async fn get(&self, k: u64) -> u64 {
        k ^ self.0
    }
}
impl DynamicStore for Mem {
    async fn get_dyn(&self, k: u64) -> u64 {
        k ^ self.0
    }
}
#[async_trait::async_trait]
impl ClassicStore for Mem {
    async fn get_classic(&self, k: u64) -> u64 {
        k ^ self.0
    }
}
#[async_trait::async_trait]
impl ClassicStaticStore for Mem {
    async fn get_classic_static(&self, k: u64) -> u64 {
        k ^ self.0
    }
}
/// Holds its stores as trait objects chosen at run time, so nothing can be devirtualized.
pub struct App {
    mem: Mem,
    dynamic: Box<dyn DynDynamicStore + Send>,
    classic: Box<dyn ClassicStore + Send>,
}
impl AsRef<dyn DynDynamicStore> for App {
    fn as_ref(&self) -> &dyn DynDynamicStore {
        &*self.dynamic
    }
}
impl AsRef<dyn ClassicStore> for App {
    fn as_ref(&self) -> &dyn ClassicStore {
        &*self.classic
    }
}
impl StaticStore for App {
    async fn get(&self, k: u64) -> u64 {
        k ^ self.mem.0
    }
}
#[async_trait::async_trait]
impl ClassicStaticStore for App {
    async fn get_classic_static(&self, k: u64) -> u64 {
        k ^ self.mem.0
    }
}

fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            return output;
        }
    }
}

const CALLS: u64 = 2_000_000;
const ROUNDS: usize = 9;

/// Median nanoseconds per call over `ROUNDS` rounds, and allocations per call.
fn measure<F: Future<Output = u64>>(call: impl Fn(u64) -> F) -> (f64, f64) {
    let mut rounds = Vec::with_capacity(ROUNDS);
    let mut allocations = 0;
    for _ in 0..ROUNDS {
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        let start = Instant::now();
        let mut acc = 0u64;
        for k in 0..CALLS {
            acc = acc.wrapping_add(run(call(black_box(k))));
        }
        let elapsed = start.elapsed();
        black_box(acc);
        allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
        rounds.push(elapsed.as_nanos() as f64 / CALLS as f64);
    }
    rounds.sort_by(f64::total_cmp);
    (rounds[ROUNDS / 2], allocations as f64 / CALLS as f64)
}

fn main() {
    let seed = black_box(0x5eed);
    let app = Impl::new(App {
        mem: Mem(seed),
        dynamic: black_box(Box::new(Mem(seed))),
        classic: black_box(Box::new(Mem(seed))),
    });
    let rows = [
        ("static (delegate_by = Self, native async)", measure(|k| app.get(k))),
        ("dyn, native async (DynStore companion)", measure(|k| app.get_dyn(k))),
        ("dyn, #[async_trait] (delegate_by = ref)", measure(|k| app.get_classic(k))),
        ("static, #[async_trait] (delegate_by = Self)", measure(|k| app.get_classic_static(k))),
    ];
    let dyn_native = rows[1].1 .0;
    println!("{CALLS} calls x {ROUNDS} rounds, median ns per call (release build)\n");
    println!("| path | ns/call | allocations/call | vs dyn native |");
    println!("|---|---:|---:|---:|");
    for (name, (ns, allocs)) in rows {
        println!("| {name} | {ns:.2} | {allocs:.2} | {:.2}x |", ns / dyn_native);
    }
}
