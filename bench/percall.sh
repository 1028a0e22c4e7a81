#!/usr/bin/env bash
# The macro's own cost per call, for quick before/after checks while changing entrait-macros:
# rustc instructions inside the attribute (`entrait_macros::run`, inclusive: macro code and both
# sides of the bridge) and the calls into the compiler, for a crate of 154 functions (`fn`), one
# of 30 modules of three functions (`mod`) and one of 50 two-method traits (`trait`).
# Deterministic (callgrind), about 40 s; `bench/run.sh` stays the measurement of record.
#
#   bench/percall.sh                 # the work tree's entrait/
#   bench/percall.sh /path/to/tree   # another checkout (e.g. a git worktree)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tree="$(cd "${1:-$here/..}" && pwd)"
out="$here/target/percall"
mkdir -p "$out"
for kind in fn mod trait; do
    dir="$out/$kind"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "percall_$kind"
version = "0.1.0"
edition = "2021"
publish = false
[workspace]
[dependencies]
entrait = { path = "$tree/entrait" }
EOF
    python3 - "$kind" >"$dir/src/main.rs" <<'EOF'
import sys
out = ["#![allow(dead_code)]", "use entrait::entrait;", "pub struct Config { pub base: u32 }"]
if sys.argv[1] == "fn":
    for i in range(4):
        out.append(f"#[entrait(pub Leaf{i})]\nfn leaf_{i}(cfg: &Config, x: u32) -> u32 {{ x.wrapping_mul(cfg.base) }}")
    for i in range(100):
        out.append(f"#[entrait(pub F{i})]\nfn f_{i}<D>(deps: &D, x: u32, s: &str) -> u32 where D: Leaf0 + Leaf1 {{ deps.leaf_0(x) ^ deps.leaf_1(s.len() as u32) }}")
    for i in range(50):
        out.append(f"#[entrait(pub G{i})]\nfn g_{i}(cfg: &Config, x: u32, v: &[u32]) -> u32 {{ x ^ cfg.base ^ v.len() as u32 }}")
elif sys.argv[1] == "mod":
    out.append("#[entrait(pub Leaf)]\nfn leaf(cfg: &Config, x: u32) -> u32 { x.wrapping_mul(cfg.base) }")
    for i in range(30):
        fns = "\n".join(f"    pub fn m{i}_{k}(deps: &impl super::Leaf, x: u32, s: &str) -> u32 {{ deps.leaf(x) ^ s.len() as u32 }}" for k in range(3))
        out.append(f"#[entrait(pub M{i})]\npub mod m{i} {{\n{fns}\n    fn helper() {{}}\n}}")
else:
    for i in range(50):
        out.append(f"#[entrait]\npub trait Store{i} {{\n    fn st{i}_0(&self, x: u32) -> u32;\n    fn st{i}_1(&self, x: u32, s: &str) -> u32;\n}}")
out.append("fn main() {}")
print("\n".join(out))
EOF
    export CARGO_TARGET_DIR="$dir/target"
    (cd "$dir" && cargo check -q 2>/dev/null || true && touch src/main.rs)
    (cd "$dir" && BENCH_CRATE="percall_$kind" BENCH_CALLGRIND_OUT="$dir/callgrind.out" \
        RUSTC_WRAPPER="$here/rustc-callgrind.sh" cargo check -q)
    ir=$(callgrind_annotate --inclusive=yes --threshold=100 "$dir/callgrind.out" 2>/dev/null |
        awk '/entrait_macros::run / && !n++ {print $1}')
    # Calls into the compiler (each concat, clone, drop or walk of a token stream).
    calls=$(callgrind_annotate --tree=calling --threshold=100 "$dir/callgrind.out" 2>/dev/null |
        grep -E '>   .*Dispatcher<rustc_expand::proc_macro_server::Rustc>>::dispatch \(' |
        sed -E 's/.*\(([0-9,]+)x\).*/\1/' | tr -d , | awk '{s += $1} END {print s + 0}')
    echo "$kind: $ir instructions in the macro, $calls bridge calls"
done
