"""The "all forms" benchmark crates of issue 14 (written by gen.py).

The same call graph as the plain crates (gen.plan(n), same seed), but every item uses an option
or a form that the plain graph does not: `?Send` on every async function and module,
`no_deps`, `export`, `mock_api` (the crates build with entrait's `unimock` feature on),
`mockall`, a `#[cfg]` after the attribute, extra (lifetime) generics with `impl Trait`
arguments, destructured parameters, traits in all four delegation modes, and `#[entrait] impl`
/ `#[entrait(ref)] impl` blocks for the two inverted modes.

* `allforms-entrait-N`: written with `#[entrait]` (entrait with `unimock`, plus mockall).
* `allforms-handwritten-N`: the same traits and impls written by hand, mocks included:
  `#[unimock::unimock(...)]` and `#[mockall::automock]` written on the traits by hand (under
  `cfg_attr(test, …)` unless exported, as entrait does), depending on `implementation`,
  `unimock` and `mockall` directly.

Mocks are generated under `cfg(test)` unless `export` is given, so the measured non-test
`cargo check` sees only the exported ones (leaf functions and traits: their mocks need no
real implementation of other traits). bench.py also runs `cargo check --tests` on both crates
once, so the cfg(test) mocks are compiled (not measured) and the two crates are kept
equivalent there too.

Extra type parameters: SPEC §3 moves a function's type parameters onto the trait; written
before the macro did, this crate uses only method-level lifetimes and `impl Trait` arguments
(which stay on the method either way), so the hand-written floor is the same for both.
"""

import gen
from gen import SHAPES, Method, params, args, indent, common, block_on  # noqa: F401

# Forms of a sync function with generic deps, in rotation.
FN_FORMS = ["mock_api", "no_deps", "cfg", "lifetime", "destructure", "export", "mockall"]
# Forms of an async function (always `?Send`), in rotation.
ASYNC_FORMS = ["plain", "no_deps", "cfg", "lifetime", "destructure", "export"]
TRAIT_MODES = ["self", "ref", "selector", "inverted_ref"]
CFG = "#[cfg(not(any()))]"


def annotate(units):
    """Choose each unit's form. Methods are shared with the callers' dependency lists, so
    what changes a call (a tuple argument) is set on the Method."""
    counters = {}

    def nxt(key, forms):
        i = counters.get(key, 0)
        counters[key] = i + 1
        return forms[i % len(forms)]

    for u in units:
        u.opts = set()
        if u.kind == "leaf":
            u.opts.add("mock_api")
            f = nxt("leaf", ["export", "cfg", ""])
            if f:
                u.opts.add(f)
        elif u.kind == "leafmod":
            u.opts.add("mock_api")
            if nxt("leafmod", ["export", ""]):
                u.opts.add("export")
        elif u.kind == "trait":
            # Every trait has a mock API (so that the cfg(test) mocks of the functions above
            # can call through it); every other one is exported.
            u.mode = nxt("trait", TRAIT_MODES)
            u.opts.add("mock_api")
            if nxt("trait-export", [True, False]):
                u.opts.add("export")
        elif u.kind == "mod":
            if any(f.is_async for f in u.fns):
                u.opts.add("?Send")
                if nxt("mod-async", [True, False]):
                    u.opts.add("export")
            else:
                u.opts.add(nxt("mod", ["mock_api", "no_deps"]))
        else:  # fn
            f = u.fns[0]
            if f.is_async:
                u.opts.add("?Send")
                form = nxt("afn", ASYNC_FORMS)
            else:
                form = nxt("fn", FN_FORMS)
                # mockall: a single bound, and nobody depends on it (its trait is implemented
                # for Impl<T> and MockF only, not for Unimock, so the cfg(test) mocks of the
                # functions above it could not call through it).
                if form == "mockall" and (len(f.deps) != 1 or u.used):
                    form = "mock_api"
            if form != "plain":
                u.opts.add(form)
            if form == "destructure":
                u.methods[0].tuple = True


def fn_params(f, opts):
    p = params(f.shape)
    if "lifetime" in opts:
        p = p.replace("x: u32", "x: impl Into<u32>").replace("&str", "&'a str") \
            .replace("&[u32]", "&'a [u32]")
    if "destructure" in opts:
        p = p.replace("x: u32", "(x, k): (u32, u32)")
    return p


def method_params(f, opts):
    """The trait method's parameters (the destructured one named as a person would)."""
    p = fn_params(f, opts)
    return p.replace("(x, k): (u32, u32)", "xk: (u32, u32)")


def method_args(f, opts):
    a = args(f.shape)
    if "destructure" in opts:
        a = a.replace("x", "xk", 1) if f.shape != "sl" else "v, xk"
    return a


def fn_body(f, opts, in_mod):
    lines = []
    if "lifetime" in opts:
        lines.append("let x: u32 = x.into();")
    if f.shape == "x":
        lines.append("let mut acc = x;")
    elif f.shape == "xs":
        lines.append("let mut acc = x ^ s.len() as u32;")
    else:
        lines.append("let mut acc = x ^ v.len() as u32;")
    if "destructure" in opts:
        lines.append("acc ^= k;")
    if not f.deps:
        lines.append("acc = acc.wrapping_mul(cfg.base).wrapping_add(cfg.name.len() as u32);")
    elif "no_deps" in opts:
        lines.append(f"acc = acc.rotate_left({len(f.deps)}).wrapping_add(7);")
    else:
        k = 0
        for _, methods in f.deps:
            for m in methods:
                op = ["acc = acc.wrapping_add({});", "acc = acc.rotate_left(5) ^ {};",
                      "acc = acc.wrapping_mul(3).wrapping_sub({});"][k % 3]
                lines.append(op.format(m.call("acc", f.shape)))
                k += 1
    lines.append("acc")
    return lines


def fn_signature(f, opts, prefix, in_mod):
    asy = "async " if f.is_async else ""
    p = fn_params(f, opts)
    lt = "'a" if "lifetime" in opts else ""
    if not f.deps:
        cfg = "super::Config" if in_mod else "Config"
        g = f"<{lt}>" if lt else ""
        return f"{prefix}{asy}fn {f.name}{g}(cfg: &{cfg}, {p}) -> u32"
    if "no_deps" in opts:
        g = f"<{lt}>" if lt else ""
        return f"{prefix}{asy}fn {f.name}{g}({p}) -> u32"
    sup = "super::" if in_mod else ""
    bounds = " + ".join(sup + t for t, _ in f.deps)
    lts = f"{lt}, " if lt else ""
    g0 = f"<{lt}>" if lt else ""
    if f.form == 0 and len(f.deps) == 1:
        return f"{prefix}{asy}fn {f.name}{g0}(deps: &impl {bounds}, {p}) -> u32"
    if f.form == 0:
        return f"{prefix}{asy}fn {f.name}{g0}(deps: &(impl {bounds}), {p}) -> u32"
    if f.form == 1:
        return f"{prefix}{asy}fn {f.name}<{lts}D: {bounds}>(deps: &D, {p}) -> u32"
    return f"{prefix}{asy}fn {f.name}<{lts}D>(deps: &D, {p}) -> u32\nwhere\n    D: {bounds},"


def fn_item(f, opts, in_mod, vis, cfg_attr=True):
    sig = fn_signature(f, opts, vis, in_mod)
    head = [CFG] if "cfg" in opts and cfg_attr else []
    return head + [sig + " {"] + indent(fn_body(f, opts, in_mod), 4) + ["}"]


def method_sig(f, opts, send):
    lt = "<'a>" if "lifetime" in opts else ""
    p = method_params(f, opts)
    if f.is_async:
        s = " + Send" if send else ""
        return f"fn {f.name}{lt}(&self, {p}) -> impl Future<Output = u32>{s}"
    return f"fn {f.name}{lt}(&self, {p}) -> u32"


def trait_method_sig(m):
    return f"fn {m.name}(&self, {params(m.shape)}) -> u32"


def attr_opts(u):
    """The options of the `#[entrait(...)]` attribute, in a fixed order."""
    out = []
    for o in ("no_deps", "export", "mockall", "?Send"):
        if o in u.opts:
            out.append(o)
    if "mock_api" in u.opts:
        out.append(f"mock_api = {u.trait_}Mock")
    return out


# ---- the entrait crate ------------------------------------------------------------------------

def inverted_method(m, sup=""):
    """An implementation-side function of an inverted trait: calls the first leaf."""
    extra = " ^ s.len() as u32" if m.shape == "xs" else ""
    return [f"fn {m.name}(deps: &impl {sup}Leaf0, {params(m.shape)}) -> u32 {{",
            f"    deps.leaf_0(x{extra})", "}"]


def write_entrait(units):
    out = ["//! Generated by bench/gen.py: the \"all forms\" call graph written with `#[entrait]`.",
           "#![allow(clippy::all)]", "",
           "use entrait::{entrait, Impl};", ""]
    common(out)
    block_on(out)
    for u in units:
        opts = attr_opts(u)
        if u.kind in ("fn", "leaf"):
            f = u.fns[0]
            out.append(f"#[entrait({', '.join([f'pub {u.trait_}'] + opts)})]")
            out += fn_item(f, u.opts, False, "")
            out.append("")
        elif u.kind in ("mod", "leafmod"):
            out.append(f"#[entrait({', '.join([f'pub {u.trait_}'] + opts)})]")
            out.append(f"pub mod {u.mod} {{")
            for f in u.fns:
                out += indent(fn_item(f, u.opts, True, "pub "), 4)
            out += ["}", ""]
        else:
            write_trait_entrait(u, opts, out)
    gen.main_fn(units, out)
    return "\n".join(out) + "\n"


def write_trait_entrait(u, opts, out):
    t = u.trait_
    if u.mode == "self":
        head = []
    elif u.mode == "ref":
        head = ["delegate_by = ref"]
    elif u.mode == "selector":
        head = [f"{t}Impl", f"delegate_by = Delegate{t}"]
    else:
        head = [f"{t}Impl", "delegate_by = ref"]
    out.append(f"#[entrait({', '.join(head + opts)})]" if head + opts else "#[entrait]")
    out.append(f"pub trait {t} {{")
    for m in u.methods:
        out.append(f"    {trait_method_sig(m)};")
    out += ["}", ""]
    app_side(u, out)
    if u.mode in ("selector", "inverted_ref"):
        out.append(f"pub struct {t}Repo;")
        out.append("")
        out.append("#[entrait]" if u.mode == "selector" else "#[entrait(ref)]")
        out.append(f"impl {t}Impl for {t}Repo {{")
        for m in u.methods:
            out += indent(inverted_method(m), 4)
        out += ["}", ""]


def app_side(u, out):
    """What the application writes for a trait (the same in both crates)."""
    t = u.trait_
    if u.mode in ("self", "ref"):
        out.append(f"impl {t} for Config {{")
        for m in u.methods:
            extra = " ^ s.len() as u32" if m.shape == "xs" else ""
            out += [f"    {trait_method_sig(m)} {{",
                    f"        x.wrapping_add(self.base){extra}", "    }"]
        out += ["}", ""]
    if u.mode == "ref":
        out += [f"impl AsRef<dyn {t}> for Config {{",
                f"    fn as_ref(&self) -> &(dyn {t} + 'static) {{", "        self", "    }", "}",
                ""]
    elif u.mode == "selector":
        out += [f"impl Delegate{t}<Self> for Config {{", f"    type Target = {t}Repo;", "}",
                ""]
    elif u.mode == "inverted_ref":
        out += [f"impl AsRef<dyn {t}Impl<Self>> for Config {{",
                f"    fn as_ref(&self) -> &dyn {t}Impl<Self> {{", f"        &{t}Repo", "    }",
                "}", ""]


# ---- the hand-written crate -------------------------------------------------------------------

def unimock_attr(u, fns, in_mod, concrete):
    """`#[unimock::unimock(api = …, unmock_with = […])]` as a person would write it, under
    `cfg_attr(test, …)` unless exported."""
    if "mock_api" not in u.opts and u.kind != "trait":
        return None
    parts = []
    if "mock_api" in u.opts:
        if u.kind in ("fn", "leaf"):
            parts.append(f"api = [{u.trait_}Mock]")
        else:
            parts.append(f"api = {u.trait_}Mock")
    if not concrete and u.kind != "trait":
        parts.append("unmock_with = [" + ", ".join(f.name for f in fns) + "]")
    inner = "unimock::unimock" + (f"({', '.join(parts)})" if parts else "")
    return f"#[{inner}]" if "export" in u.opts else f"#[cfg_attr(test, {inner})]"


def hw_trait(u, fns, in_mod, concrete, out, send):
    a = unimock_attr(u, fns, in_mod, concrete)
    if a:
        out.append(a)
    if "mockall" in u.opts:
        out.append("#[cfg_attr(test, mockall::automock)]")
    out.append(f"pub trait {u.trait_} {{")
    for f in fns:
        if "cfg" in u.opts:
            out.append(f"    {CFG}")
        out.append(f"    {method_sig(f, u.opts, send)};")
    out.append("}")


def hw_methods(u, fns, send, call_self=True):
    body = []
    for f in fns:
        if "cfg" in u.opts:
            body.append(f"    {CFG}")
        a = method_args(f, u.opts)
        target = f"{f.name}(self, {a})" if call_self and "no_deps" not in u.opts \
            else f"{f.name}({a})"
        body += [f"    {method_sig(f, u.opts, send)} {{", f"        {target}", "    }"]
    return body


def hw_generic_impl(u, fns, in_mod, out, send):
    if "no_deps" in u.opts:
        out.append(f"impl<T> {u.trait_} for T {{")
        out += hw_methods(u, fns, send)
        out.append("}")
        return
    bounds = []
    for f in fns:
        for b in f.bound_list(in_mod):
            if b not in bounds:
                bounds.append(b)
    mocked = "mock_api" in u.opts or "mockall" in u.opts
    if send and any(f.is_async for f in fns):
        sync = "Sync"
    else:
        sync = None
    if mocked:  # a mocked trait: implemented for Impl<T> (and the mock), not for every T
        out.append(f"impl<T> {u.trait_} for Impl<T>")
        out.append("where")
        out.append(f"    Impl<T>: {' + '.join(bounds)},")
        if sync:
            out.append(f"    T: {sync},")
    else:
        out.append(f"impl<T> {u.trait_} for T")
        out.append("where")
        out.append(f"    T: {' + '.join(bounds + ([sync] if sync else []))},")
    out.append("{")
    out += hw_methods(u, fns, send)
    out.append("}")


def hw_concrete(u, fns, cfg, out):
    out.append(f"impl {u.trait_} for {cfg} {{")
    out += hw_methods(u, fns, True)
    out.append("}")
    out.append(f"impl<T: {u.trait_}> {u.trait_} for Impl<T> {{")
    for f in fns:
        if "cfg" in u.opts:
            out.append(f"    {CFG}")
        out += [f"    {method_sig(f, u.opts, True)} {{",
                f"        T::{f.name}(self, {method_args(f, u.opts)})", "    }"]
    out.append("}")


def write_handwritten(units):
    out = ["//! Generated by bench/gen.py: the \"all forms\" call graph, written by hand.",
           "#![allow(clippy::all)]", "",
           "use std::future::Future;", "",
           "use implementation::Impl;", ""]
    common(out)
    block_on(out)
    for u in units:
        send = "?Send" not in u.opts
        if u.kind in ("fn", "leaf"):
            f = u.fns[0]
            out += fn_item(f, u.opts, False, "")
            hw_trait(u, [f], False, u.kind == "leaf", out, send)
            if u.kind == "fn":
                hw_generic_impl(u, [f], False, out, send)
            else:
                hw_concrete(u, [f], "Config", out)
            out.append("")
        elif u.kind in ("mod", "leafmod"):
            out.append(f"pub mod {u.mod} {{")
            body = []
            if u.kind == "leafmod" or "mock_api" in u.opts:
                body += ["use implementation::Impl;", ""]
            if any(f.is_async for f in u.fns):
                body += ["use std::future::Future;", ""]
            for f in u.fns:
                body += fn_item(f, u.opts, True, "pub ")
            hw_trait(u, u.fns, True, u.kind == "leafmod", body, send)
            if u.kind == "mod":
                hw_generic_impl(u, u.fns, True, body, send)
            else:
                hw_concrete(u, u.fns, "super::Config", body)
            out += indent(body, 4)
            out += ["}", f"pub use {u.mod}::{u.trait_};", ""]
        else:
            hw_trait_unit(u, out)
    gen.main_fn(units, out)
    return "\n".join(out) + "\n"


def hw_trait_unit(u, out):
    t = u.trait_
    a = unimock_attr(u, [], False, True)
    if a:
        out.append(a)
    out.append(f"pub trait {t} {{")
    for m in u.methods:
        out.append(f"    {trait_method_sig(m)};")
    out.append("}")
    if u.mode == "self":
        out.append(f"impl<T: {t}> {t} for Impl<T> {{")
        for m in u.methods:
            out += [f"    {trait_method_sig(m)} {{",
                    f"        T::{m.name}(self, {args(m.shape)})", "    }"]
        out.append("}")
    elif u.mode == "ref":
        out.append(f"impl<T: AsRef<dyn {t}>> {t} for Impl<T> {{")
        for m in u.methods:
            out += [f"    {trait_method_sig(m)} {{",
                    f"        T::as_ref(self).{m.name}({args(m.shape)})", "    }"]
        out.append("}")
    elif u.mode == "selector":
        out.append(f"pub trait {t}Impl<T> {{")
        for m in u.methods:
            out.append(f"    fn {m.name}(_impl: &Impl<T>, {params(m.shape)}) -> u32;")
        out.append("}")
        out += [f"pub trait Delegate{t}<T> {{", f"    type Target: {t}Impl<T>;", "}"]
        out.append(f"impl<T: Delegate{t}<T>> {t} for Impl<T> {{")
        for m in u.methods:
            out += [f"    {trait_method_sig(m)} {{",
                    f"        <T::Target as {t}Impl<T>>::{m.name}(self, {args(m.shape)})",
                    "    }"]
        out.append("}")
    else:
        out.append(f"pub trait {t}Impl<T>: 'static {{")
        for m in u.methods:
            out.append(f"    fn {m.name}(&self, _impl: &Impl<T>, {params(m.shape)}) -> u32;")
        out.append("}")
        out.append(f"impl<T: AsRef<dyn {t}Impl<T>> + 'static> {t} for Impl<T> {{")
        for m in u.methods:
            out += [f"    {trait_method_sig(m)} {{",
                    f"        T::as_ref(self).{m.name}(self, {args(m.shape)})", "    }"]
        out.append("}")
    out.append("")
    app_side(u, out)
    if u.mode in ("selector", "inverted_ref"):
        out.append(f"pub struct {t}Repo;")
        out.append("")
        out.append(f"impl {t}Repo {{")
        for m in u.methods:
            out += indent(inverted_method(m), 4)
        out.append("}")
        out += [f"impl<T> {t}Impl<T> for {t}Repo", "where", "    Impl<T>: Leaf0,", "{"]
        recv = "" if u.mode == "selector" else "&self, "
        for m in u.methods:
            out += [f"    fn {m.name}({recv}_impl: &Impl<T>, {params(m.shape)}) -> u32 {{",
                    f"        Self::{m.name}(_impl, {args(m.shape)})", "    }"]
        out += ["}", ""]
