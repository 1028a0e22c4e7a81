//! Tells entrait-macros' unit tests that they run against the shipped syn: the expansion
//! snapshots, which pretty-print with syn's `full`, are left out (src/tests/mod.rs).
fn main() {
    println!("cargo::rustc-check-cfg=cfg(entrait_shipped_syn)");
    println!("cargo::rustc-cfg=entrait_shipped_syn");
}
