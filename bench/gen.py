#!/usr/bin/env python3
"""Writes the benchmark crates of issue 7 into bench/generated/ (gitignored).

For every N it writes two binary crates with the same layered call graph:

* `entrait-N`     — the graph written with `#[entrait]` (path dependency on ../../entrait);
* `handwritten-N` — the same traits and impls written out by hand, the way a careful human
                    would (the physical floor: no macro, short idiomatic paths, no `#[inline]`
                    on generic methods).

It also writes the runtime pair `rt-entrait` / `rt-direct` (a chain of 10 calls through
`Impl<T>` vs the same plain function calls) and, in a separate workspace `mock/`, the
mock-size crates `mock-none`, `mock-unimock`, `mock-mockall`.

Usage: gen.py OUT_DIR [N ...]        (default N: 100 500 2000)
The graph is a pure function of N (fixed seed), so every run measures the same code.
"""

import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

HERE = os.path.dirname(os.path.abspath(__file__))
# The "all forms" crates (bench/allforms.py): for these N (default: the same as the plain ones).
ALLFORMS_NS = [int(x) for x in os.environ["AF_NS"].split()] if "AF_NS" in os.environ else None
MAIN = os.path.dirname(HERE)
ENTRAIT = os.path.abspath(os.environ.get("ENTRAIT") or os.path.join(MAIN, "entrait"))

# ---------------------------------------------------------------------------------------------
# The graph
# ---------------------------------------------------------------------------------------------

# Method signature shapes (besides the receiver / deps parameter):
#   "x"  : (x: u32) -> u32
#   "xs" : (x: u32, s: &str) -> u32          reference argument
#   "sl" : (v: &[u32], x: u32) -> u32        reference (slice) argument
SHAPES = ["x", "x", "xs", "sl"]


def params(shape):
    return {"x": "x: u32", "xs": "x: u32, s: &str", "sl": "v: &[u32], x: u32"}[shape]


def args(shape):
    return {"x": "x", "xs": "x, s", "sl": "v, x"}[shape]


class Method:
    """One callable trait method: `trait_` is its trait's name (importable at the crate root)."""

    def __init__(self, name, trait_, shape, is_async):
        self.name, self.trait_, self.shape, self.is_async = name, trait_, shape, is_async

    def call(self, acc, own_shape, recv="deps"):
        # `x` as a tuple where the all-forms crates destructure it (`allforms.annotate`).
        x = f"({acc}, 3)" if getattr(self, "tuple", False) else acc
        if self.shape == "x":
            a = x
        elif self.shape == "xs":
            a = f"{x}, s" if own_shape == "xs" else f'{x}, "k{len(self.name) % 7}"'
        else:
            a = f"v, {x}" if own_shape == "sl" else f"&[{acc}, 1, 2], {x}"
        aw = ".await" if self.is_async else ""
        return f"{recv}.{self.name}({a}){aw}"


class Fn:
    """An entrait function: generic deps (`deps`) or the concrete `Config` (`cfg`)."""

    def __init__(self, name, shape, is_async, deps, form):
        self.name, self.shape, self.is_async = name, shape, is_async
        self.deps = deps  # list of (trait name, [Method to call]); empty => concrete Config leaf
        self.form = form  # how the deps are written (0..3), see deps_param()

    def body(self):
        lines = []
        if self.shape == "x":
            lines.append("let mut acc = x;")
        elif self.shape == "xs":
            lines.append("let mut acc = x ^ s.len() as u32;")
        else:
            lines.append("let mut acc = x ^ v.len() as u32;")
        if not self.deps:
            lines.append("acc = acc.wrapping_mul(cfg.base).wrapping_add(cfg.name.len() as u32);")
        k = 0
        for _, methods in self.deps:
            for m in methods:
                op = ["acc = acc.wrapping_add({});", "acc = acc.rotate_left(5) ^ {};",
                      "acc = acc.wrapping_mul(3).wrapping_sub({});"][k % 3]
                lines.append(op.format(m.call("acc", self.shape)))
                k += 1
        lines.append("acc")
        return lines

    def signature(self, prefix, in_mod):
        """The user-written signature: `fn name<D: ..>(deps: &D, ..) -> u32 where ..`."""
        asy = "async " if self.is_async else ""
        p = params(self.shape)
        if not self.deps:
            cfg = "super::Config" if in_mod else "Config"
            return f"{prefix}{asy}fn {self.name}(cfg: &{cfg}, {p}) -> u32"
        sup = "super::" if in_mod else ""
        bounds = " + ".join(sup + t for t, _ in self.deps)
        form = self.form
        if form == 0 and len(self.deps) == 1:
            return f"{prefix}{asy}fn {self.name}(deps: &impl {bounds}, {p}) -> u32"
        if form == 0:
            return f"{prefix}{asy}fn {self.name}(deps: &(impl {bounds}), {p}) -> u32"
        if form == 1:
            return f"{prefix}{asy}fn {self.name}<D: {bounds}>(deps: &D, {p}) -> u32"
        return f"{prefix}{asy}fn {self.name}<D>(deps: &D, {p}) -> u32\nwhere\n    D: {bounds},"

    def bound_list(self, in_mod):
        sup = "super::" if in_mod else ""
        return [sup + t for t, _ in self.deps]


class Unit:
    """One `#[entrait]` item: kind in {"fn", "leaf", "mod", "leafmod", "trait"}."""

    def __init__(self, kind, trait_, fns=None, mod=None, methods=None, layer=0):
        self.kind, self.trait_, self.fns, self.mod = kind, trait_, fns or [], mod
        self.methods = methods or []  # the Methods this unit's trait offers
        self.layer = layer
        self.used = False


def plan(n, seed=7):
    """A layered graph of about n entrait functions (module functions and trait methods count)."""
    rng = random.Random(seed * 1_000_003 + n)
    layers = 8
    units = []
    count = 0

    new_method = Method

    # Layer 0: concrete leaves (10 %), leaf modules (3 %), delegating traits (5 %).
    n_leaf, n_leafmod_fns, n_trait_methods = max(4, n // 10), max(2, n * 3 // 100), max(2, n // 20)
    for i in range(n_leaf):
        shape = SHAPES[i % len(SHAPES)]
        name = f"leaf_{i}"
        tr = f"Leaf{i}"
        f = Fn(name, shape, False, [], 0)
        units.append(Unit("leaf", tr, [f], methods=[new_method(name, tr, shape, False)]))
        count += 1
    i = 0
    while n_leafmod_fns > 0:
        k = min(2, n_leafmod_fns)
        tr, mod = f"LeafMod{i}", f"leafmod_{i}"
        fns = [Fn(f"lm{i}_{j}", SHAPES[(i + j) % len(SHAPES)], False, [], 0) for j in range(k)]
        units.append(Unit("leafmod", tr, fns, mod=mod,
                          methods=[new_method(f.name, tr, f.shape, False) for f in fns]))
        n_leafmod_fns -= k
        count += k
        i += 1
    i = 0
    while n_trait_methods > 0:
        k = min(2, n_trait_methods)
        tr = f"Store{i}"
        ms = [new_method(f"st{i}_{j}", tr, ["x", "xs"][j % 2], False) for j in range(k)]
        units.append(Unit("trait", tr, methods=ms))
        n_trait_methods -= k
        count += k
        i += 1

    by_layer = {0: list(units)}
    rest = n - count
    per_layer = [rest // layers + (1 if l < rest % layers else 0) for l in range(layers)]
    fn_i = mod_i = 0
    for layer in range(1, layers + 1):
        by_layer[layer] = []
        budget = per_layer[layer - 1]
        while budget > 0:
            as_mod = rng.random() < 0.06 and budget >= 3
            k = 3 if as_mod else 1
            fns = []
            for j in range(k):
                is_async = rng.random() < (0.1 if as_mod and j < 2 else 0.15)
                if as_mod and j < 2:
                    is_async = False  # modules: mostly sync, last fn sometimes async
                shape = rng.choice(SHAPES)
                nd = rng.choice([1, 1, 2, 2, 3])
                deps = pick_deps(rng, by_layer, layer, nd, is_async)
                name = f"m{mod_i}_{j}" if as_mod else f"f_{fn_i}"
                fns.append(Fn(name, shape, is_async, deps, rng.randrange(3)))
            if as_mod:
                tr, mod = f"Mod{mod_i}", f"mod_{mod_i}"
                u = Unit("mod", tr, fns, mod=mod, layer=layer,
                         methods=[new_method(f.name, tr, f.shape, f.is_async) for f in fns])
                mod_i += 1
            else:
                f = fns[0]
                tr = f"F{fn_i}"
                u = Unit("fn", tr, fns, layer=layer,
                         methods=[new_method(f.name, tr, f.shape, f.is_async)])
                fn_i += 1
            by_layer[layer].append(u)
            units.append(u)
            budget -= k
    return units


def pick_deps(rng, by_layer, layer, nd, is_async):
    """nd distinct dependency traits: the first from the layer just below, the rest from up to
    three layers below. A sync function only calls sync methods."""
    chosen = []
    seen = set()
    for d in range(nd):
        lo = layer - 1 if d == 0 else max(0, layer - 3)
        for _ in range(50):
            l = rng.randint(lo, layer - 1)
            if not by_layer[l]:
                continue
            u = rng.choice(by_layer[l])
            callable_ = [m for m in u.methods if is_async or not m.is_async]
            if u.trait_ in seen or not callable_:
                continue
            seen.add(u.trait_)
            u.used = True
            calls = callable_[:1] if len(callable_) == 1 or rng.random() < 0.6 else callable_[:2]
            chosen.append((u.trait_, calls))
            break
    if not chosen:  # fall back to a leaf
        u = by_layer[0][0]
        u.used = True
        chosen.append((u.trait_, u.methods[:1]))
    return chosen


# ---------------------------------------------------------------------------------------------
# Writing the two crates
# ---------------------------------------------------------------------------------------------

def indent(lines, n):
    pad = " " * n
    return [pad + l if l else l for l in lines]


def fn_item(f, in_mod, vis):
    sig = f.signature(vis, in_mod)
    return [sig + " {"] + indent(f.body(), 4) + ["}"]


def method_sig(f):
    """The trait method signature (deps parameter replaced by &self)."""
    p = params(f.shape)
    if f.is_async:
        return f"fn {f.name}(&self, {p}) -> impl Future<Output = u32> + Send"
    return f"fn {f.name}(&self, {p}) -> u32"


def trait_method_sig(m):
    p = params(m.shape)
    return f"fn {m.name}(&self, {p}) -> u32"


def common(out):
    out += [
        "pub struct Config {",
        "    pub base: u32,",
        "    pub name: String,",
        "}",
        "",
    ]


def block_on(out):
    out += [
        "fn block_on<F: std::future::Future>(f: F) -> F::Output {",
        "    let mut f = std::pin::pin!(f);",
        "    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());",
        "    loop {",
        "        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {",
        "            return v;",
        "        }",
        "    }",
        "}",
        "",
    ]


def store_impl(u, out):
    """The app's own implementation of a delegating trait (user code in both crates)."""
    out.append(f"impl {u.trait_} for Config {{")
    for m in u.methods:
        p = params(m.shape)
        extra = " ^ s.len() as u32" if m.shape == "xs" else ""
        out += [f"    fn {m.name}(&self, {p}) -> u32 {{",
                f"        x.wrapping_add(self.base){extra}",
                "    }"]
    out += ["}", ""]


def main_fn(units, out):
    """`fn main` calling every unused function on the app."""
    out += [
        "fn main() {",
        "    let app = Impl::new(Config {",
        "        base: std::env::args().count() as u32,",
        '        name: String::from("bench"),',
        "    });",
        "    let mut total = 0u32;",
    ]
    for u in units:
        if u.used or u.kind == "trait":
            continue
        for m in u.methods:
            call = m.call("total", "x", recv="app").replace(".await", "")
            if m.is_async:
                call = f"block_on({call})"
            out.append(f"    total = total.wrapping_add({call});")
    out += ['    println!("{total}");', "}"]


def write_entrait(units):
    out = ["//! Generated by bench/gen.py: the call graph written with `#[entrait]`.",
           "#![allow(clippy::all)]", "",
           "use entrait::{entrait, Impl};", ""]
    common(out)
    block_on(out)
    for u in units:
        if u.kind in ("fn", "leaf"):
            f = u.fns[0]
            out.append(f"#[entrait(pub {u.trait_})]")
            out += fn_item(f, False, "")
            out.append("")
        elif u.kind in ("mod", "leafmod"):
            out.append(f"#[entrait(pub {u.trait_})]")
            out.append(f"pub mod {u.mod} {{")
            for f in u.fns:
                out += indent(fn_item(f, True, "pub "), 4)
            out += ["}", ""]
        else:
            out.append("#[entrait]")
            out.append(f"pub trait {u.trait_} {{")
            for m in u.methods:
                out.append(f"    {trait_method_sig(m)};")
            out += ["}", ""]
            store_impl(u, out)
    main_fn(units, out)
    return "\n".join(out) + "\n"


def hw_generic_impl(trait_, fns, in_mod, out):
    """`impl<T> Trait for T where T: A + B [+ Sync] { fn m(&self, ..) -> .. { m(self, ..) } }`"""
    bounds = []
    for f in fns:
        for b in f.bound_list(in_mod):
            if b not in bounds:
                bounds.append(b)
    if any(f.is_async for f in fns):
        bounds.append("Sync")
    out.append(f"impl<T> {trait_} for T")
    out.append("where")
    out.append(f"    T: {' + '.join(bounds)},")
    out.append("{")
    for f in fns:
        out += [f"    {method_sig(f)} {{", f"        {f.name}(self, {args(f.shape)})", "    }"]
    out += ["}"]


def hw_concrete_impls(trait_, fns, cfg, out):
    """`impl Trait for Config` calling the functions + `impl<T: Trait> Trait for Impl<T>`."""
    out.append(f"impl {trait_} for {cfg} {{")
    for f in fns:
        out += [f"    {method_sig(f)} {{", f"        {f.name}(self, {args(f.shape)})", "    }"]
    out += ["}"]
    hw_delegate_impl(trait_, [Method(f.name, trait_, f.shape, f.is_async) for f in fns], out)


def hw_delegate_impl(trait_, methods, out):
    out.append(f"impl<T: {trait_}> {trait_} for Impl<T> {{")
    for m in methods:
        out += [f"    {trait_method_sig(m)} {{", f"        T::{m.name}(self, {args(m.shape)})",
                "    }"]
    out += ["}"]


def write_handwritten(units):
    out = ["//! Generated by bench/gen.py: the same call graph, traits and impls written by hand.",
           "#![allow(clippy::all)]", "",
           "use std::future::Future;", "",
           "use implementation::Impl;", ""]
    common(out)
    block_on(out)
    for u in units:
        if u.kind in ("fn", "leaf"):
            f = u.fns[0]
            out += fn_item(f, False, "")
            out.append(f"pub trait {u.trait_} {{")
            out.append(f"    {method_sig(f)};")
            out.append("}")
            if u.kind == "fn":
                hw_generic_impl(u.trait_, [f], False, out)
            else:
                hw_concrete_impls(u.trait_, [f], "Config", out)
            out.append("")
        elif u.kind in ("mod", "leafmod"):
            out.append(f"pub mod {u.mod} {{")
            body = []
            if u.kind == "leafmod":
                body.append("use implementation::Impl;")
                body.append("")
            elif any(f.is_async for f in u.fns):
                body.append("use std::future::Future;")
                body.append("")
            for f in u.fns:
                body += fn_item(f, True, "pub ")
            body.append(f"pub trait {u.trait_} {{")
            for f in u.fns:
                body.append(f"    {method_sig(f)};")
            body.append("}")
            if u.kind == "mod":
                hw_generic_impl(u.trait_, u.fns, True, body)
            else:
                hw_concrete_impls(u.trait_, u.fns, "super::Config", body)
            out += indent(body, 4)
            out += ["}", f"pub use {u.mod}::{u.trait_};", ""]
        else:
            out.append(f"pub trait {u.trait_} {{")
            for m in u.methods:
                out.append(f"    {trait_method_sig(m)};")
            out.append("}")
            hw_delegate_impl(u.trait_, u.methods, out)
            out.append("")
            store_impl(u, out)
    main_fn(units, out)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Runtime pair: 10 calls through Impl<T> vs 10 direct calls
# ---------------------------------------------------------------------------------------------

CHAIN = 10


def write_rt(entrait):
    out = ["//! Generated by bench/gen.py: runtime cost of a chain of 10 calls.",
           "#![allow(clippy::all)]", "",
           "use std::hint::black_box;", ""]
    if entrait:
        out += ["use entrait::{entrait, Impl};", ""]
    common(out)
    for i in range(CHAIN):
        if entrait:
            out.append(f"#[entrait(pub F{i})]")
        if i == 0:
            out += [f"fn f{i}(cfg: &Config, x: u32) -> u32 {{",
                    "    x.wrapping_mul(cfg.base).wrapping_add(cfg.name.len() as u32)", "}"]
        else:
            if entrait:
                call = f"deps.f{i - 1}(x ^ {i})"
                out.append(f"fn f{i}(deps: &impl F{i - 1}, x: u32) -> u32 {{")
            else:
                call = f"f{i - 1}(cfg, x ^ {i})"
                out.append(f"fn f{i}(cfg: &Config, x: u32) -> u32 {{")
            out += [f"    {call}.rotate_left({i}).wrapping_add({i * 7 + 1})", "}"]
        out.append("")
    last = CHAIN - 1
    if entrait:
        out += ["#[inline(never)]",
                "fn bench_loop(app: &Impl<Config>, n: u32) -> u32 {",
                "    let mut acc = 0u32;",
                "    for i in 0..n {",
                f"        acc = acc.wrapping_add(app.f{last}(black_box(i)));",
                "    }", "    acc", "}", ""]
        make = "Impl::new(Config { base: black_box(3), name: String::from(\"bench\") })"
    else:
        out += ["#[inline(never)]",
                "fn bench_loop(cfg: &Config, n: u32) -> u32 {",
                "    let mut acc = 0u32;",
                "    for i in 0..n {",
                f"        acc = acc.wrapping_add(f{last}(cfg, black_box(i)));",
                "    }", "    acc", "}", ""]
        make = "Config { base: black_box(3), name: String::from(\"bench\") }"
    out += ["fn main() {",
            f"    let app = {make};",
            "    let n: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);",
            "    println!(\"{}\", bench_loop(&app, black_box(n)));",
            "}"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Mock size: the same traits with unimock, with mockall, and without mocks
# ---------------------------------------------------------------------------------------------

MOCK_FNS, MOCK_TRAITS = 40, 10


def write_mock(kind):
    out = ["//! Generated by bench/gen.py: mock code size.", "#![allow(clippy::all)]", "",
           "use entrait::entrait;", ""]
    common(out)

    def attr(name, is_fn):
        if kind == "none":
            return f"#[entrait(pub {name})]" if is_fn else "#[entrait]"
        opt = f"export, mock_api = {name}Mock" if kind == "unimock" else "export, mockall"
        return f"#[entrait(pub {name}, {opt})]" if is_fn else f"#[entrait({opt})]"

    for i in range(MOCK_TRAITS):
        out.append(attr(f"Repo{i}", False))
        out += [f"pub trait Repo{i} {{",
                "    fn get(&self, id: u32) -> u32;",
                "    fn find(&self, name: &str) -> Option<u32>;",
                "}", ""]
    for i in range(MOCK_FNS):
        out.append(attr(f"F{i}", True))
        if i == 0:
            out += ["pub fn f0(cfg: &Config, x: u32) -> u32 {", "    x.wrapping_add(cfg.base)", "}"]
        else:
            if i % 4 == 0:
                dep, call = f"Repo{(i // 4) % MOCK_TRAITS}", "deps.get(x)"
            else:
                dep = f"F{i - 1}"
                call = "deps.f0(x)" if i == 1 else f'deps.f{i - 1}(x, "m")'
            out += [f"pub fn f{i}(deps: &impl {dep}, x: u32, s: &str) -> u32 {{",
                    f"    {call}.wrapping_add(s.len() as u32)", "}"]
        out.append("")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------

import allforms  # noqa: E402  (imports the graph helpers above)


def cargo_toml(name, deps, bin_=True):
    lines = ["[package]", f'name = "{name}"', 'version = "0.1.0"', 'edition = "2021"',
             "publish = false", ""]
    if not bin_:
        lines += ["[lib]", 'path = "src/lib.rs"', ""]
    lines += ["[dependencies]"] + deps + [""]
    return "\n".join(lines)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


PROFILES = """
# Same profile settings as the main workspace, so dependency builds match `cargo build -p entrait` there.
[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false
"""


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "generated")
    ns = [int(a) for a in sys.argv[2:]] or [100, 500, 2000]
    out_dir = os.path.abspath(out_dir)
    for sub in os.listdir(out_dir) if os.path.isdir(out_dir) else []:
        p = os.path.join(out_dir, sub)
        if os.path.isdir(p) and sub != "target":
            shutil.rmtree(p)
    entrait_dep = f'entrait = {{ path = "{ENTRAIT}" }}'
    impl_dep = 'implementation = "0.1.5"'
    members = []
    stats = []
    for n in ns:
        units = plan(n)
        nfn = sum(len(u.fns) for u in units) + sum(len(u.methods) for u in units if u.kind == "trait")
        nasync = sum(1 for u in units for f in u.fns if f.is_async)
        stats.append(f"N={n}: {len(units)} items, {nfn} functions/methods, {nasync} async, "
                     f"{sum(1 for u in units if u.kind in ('mod', 'leafmod'))} modules, "
                     f"{sum(1 for u in units if u.kind == 'trait')} traits")
        for kind, src, dep in (("entrait", write_entrait(units), entrait_dep),
                               ("handwritten", write_handwritten(units), impl_dep)):
            name = f"{kind}-{n}"
            write(os.path.join(out_dir, name, "Cargo.toml"), cargo_toml(name, [dep]))
            write(os.path.join(out_dir, name, "src", "main.rs"), src)
            members.append(name)
    for n in ALLFORMS_NS if ALLFORMS_NS is not None else ns:
        units = plan(n)
        allforms.annotate(units)
        forms = {}
        for u in units:
            key = u.kind + ("/" + u.mode if u.kind == "trait" else "")
            for o in sorted(u.opts) or ["-"]:
                forms[f"{key}:{o}"] = forms.get(f"{key}:{o}", 0) + 1
        stats.append(f"all forms N={n}: " + ", ".join(f"{k} {v}" for k, v in sorted(forms.items())))
        af_entrait = [f'entrait = {{ path = "{ENTRAIT}", features = ["unimock"] }}',
                      'mockall = "0.15"']
        af_hand = [impl_dep, 'unimock = "0.6.8"', 'mockall = "0.15"']
        for kind, src, deps in (("entrait", allforms.write_entrait(units), af_entrait),
                                ("handwritten", allforms.write_handwritten(units), af_hand)):
            name = f"allforms-{kind}-{n}"
            write(os.path.join(out_dir, name, "Cargo.toml"), cargo_toml(name, deps))
            write(os.path.join(out_dir, name, "src", "main.rs"), src)
            members.append(name)
    for kind, dep in (("entrait", entrait_dep), ("direct", "")):
        name = f"rt-{kind}"
        write(os.path.join(out_dir, name, "Cargo.toml"), cargo_toml(name, [dep] if dep else []))
        write(os.path.join(out_dir, name, "src", "main.rs"), write_rt(kind == "entrait"))
        members.append(name)
    ws = ["# Generated by bench/gen.py: NOT part of the main workspace.", "[workspace]",
          'resolver = "2"', "members = [" + ", ".join(f'"{m}"' for m in members) + "]", PROFILES]
    write(os.path.join(out_dir, "Cargo.toml"), "\n".join(ws))

    mock_dir = os.path.join(out_dir, "mock")
    mmembers = []
    for kind in ("none", "unimock", "mockall"):
        name = f"mock-{kind}"
        if kind == "unimock":
            deps = [f'entrait = {{ path = "{ENTRAIT}", features = ["unimock"] }}']
        elif kind == "mockall":
            deps = [entrait_dep, 'mockall = "0.15"']
        else:
            deps = [entrait_dep]
        write(os.path.join(mock_dir, name, "Cargo.toml"), cargo_toml(name, deps, bin_=False))
        write(os.path.join(mock_dir, name, "src", "lib.rs"), write_mock(kind))
        mmembers.append(name)
    ws = ["# Generated by bench/gen.py: NOT part of the main workspace.", "[workspace]",
          'resolver = "2"', "members = [" + ", ".join(f'"{m}"' for m in mmembers) + "]", PROFILES]
    write(os.path.join(mock_dir, "Cargo.toml"), "\n".join(ws))

    lock = os.path.join(MAIN, "Cargo.lock")
    if os.path.exists(lock):  # start from the main workspace's versions (cargo prunes the rest)
        for d in (out_dir, mock_dir):
            if not os.path.exists(os.path.join(d, "Cargo.lock")):
                shutil.copy(lock, os.path.join(d, "Cargo.lock"))
    print("\n".join(stats))


if __name__ == "__main__":
    main()
