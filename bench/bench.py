#!/usr/bin/env python3
"""The measurement harness of issue 7; run it through bench/run.sh.

Everything is built under bench/target/ (never the main workspace's target dir), from crates
that bench/gen.py writes into bench/generated/. Results go to bench/results/<timestamp>/ and the
table is printed at the end. See docs/performance.md for what each column means.

Environment knobs (all optional):
  NS="100 500 2000"  graph sizes             REPS=5      wall-time repetitions (median)
  CG_REPS=1          callgrind repetitions   CG_JOBS=1   callgrind runs in parallel (counts are
                                                         deterministic, so 2 is safe but busy)
  CLEAN_REPS=3       clean dependency builds per profile
  SKIP="syn mock opt" sections to skip: wall cg expand clean runtime syn mock opt allforms
                     (allforms: the "all forms" crates of issue 14, see bench/allforms.py;
                     aftests: their one-off `cargo check --tests`, which compiles the mocks)
  AF_NS="500"        graph sizes of the "all forms" crates (default: NS)
  ENTRAIT=/path/to/entrait   the entrait crate to measure (default: ../entrait, the work tree)
  ENTRAIT_REV=HEAD   measure a committed revision instead: `git archive` of entrait/ and
                     entrait-macros/ at that revision into bench/target/snapshot/ (read-only for
                     the repository; keeps a run consistent while others edit the work tree)
"""

import concurrent.futures
import datetime
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
MAIN = os.path.dirname(BENCH)
GEN = os.path.join(BENCH, "generated")
TARGET = os.path.join(BENCH, "target")
WRAPPER = os.path.join(BENCH, "rustc-callgrind.sh")
MAIN_SRC = os.path.dirname(os.path.abspath(os.environ["ENTRAIT"])) if os.environ.get("ENTRAIT") \
    else MAIN  # where entrait/ and entrait-macros/ are read from

NS = [int(n) for n in os.environ.get("NS", "100 500 2000").split()]
REPS = int(os.environ.get("REPS", "5"))
CG_REPS = int(os.environ.get("CG_REPS", "1"))
CG_JOBS = int(os.environ.get("CG_JOBS", "1"))
CLEAN_REPS = int(os.environ.get("CLEAN_REPS", "3"))
SKIP = set(os.environ.get("SKIP", "").split())
AF_NS = [] if "allforms" in SKIP else \
    [int(n) for n in os.environ.get("AF_NS", " ".join(map(str, NS))).split()]
KINDS = [("entrait", "handwritten", NS), ("allforms-entrait", "allforms-handwritten", AF_NS)]

STAMP = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
RESULTS = os.path.join(BENCH, "results", STAMP)

BASE_ENV = dict(os.environ)
BASE_ENV["CARGO_INCREMENTAL"] = "0"  # a from-scratch check of the crate, not an incremental no-op
BASE_ENV.pop("RUSTC_WRAPPER", None)
BASE_ENV.pop("RUSTFLAGS", None)
BASE_ENV.pop("RUSTC_BOOTSTRAP", None)
BASE_ENV.pop("CARGO_TARGET_DIR", None)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd, cwd=GEN, env=None, target=None, check=True, capture=False, quiet=True):
    e = dict(BASE_ENV)
    if target:
        e["CARGO_TARGET_DIR"] = os.path.join(TARGET, target)
    if env:
        e.update(env)
    out = subprocess.run(cmd, cwd=cwd, env=e, text=True,
                         stdout=subprocess.PIPE if capture else (subprocess.DEVNULL if quiet else None),
                         stderr=subprocess.PIPE if (capture or quiet) else None)
    if check and out.returncode != 0:
        log(f"command failed ({out.returncode}): {' '.join(cmd)}")
        if out.stderr:
            log(out.stderr[-4000:])
        raise SystemExit(1)
    return out


def timed(cmd, **kw):
    t0 = time.perf_counter()
    run(cmd, **kw)
    return time.perf_counter() - t0


def timed_cpu(cmd, **kw):
    """(wall seconds, CPU seconds user+sys of the whole process tree, exit code). CPU time is
    far less disturbed than wall time by other work on a shared 2-core machine."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = run(cmd, **kw)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu, out.returncode


def crate_name(pkg):
    return pkg.replace("-", "_")


def touch(pkg, root=GEN):
    for src in ("main.rs", "lib.rs"):
        p = os.path.join(root, pkg, "src", src)
        if os.path.exists(p):
            os.utime(p)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


# ---------------------------------------------------------------------------------------------

def machine_info():
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    model = sh("lscpu | sed -n 's/^Model name: *//p'")
    return {
        "cpu": f"{model}, {os.cpu_count()} cores",
        "memory": sh("free -g | awk '/Mem:/{print $2\" GiB\"}'"),
        "rustc": sh("rustc -V"),
        "cargo": sh("cargo -V"),
        "valgrind": sh("valgrind --version"),
        "entrait": sh(f"git -C {MAIN} rev-parse --short HEAD") +
        (" + uncommitted changes in entrait/ or entrait-macros/"
         if sh(f"git -C {MAIN} status --porcelain -- entrait entrait-macros") else ""),
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
    }


def prebuild(pkgs):
    log("== building dependencies")
    run(["cargo", "check", "--offline"] + sum((["-p", p] for p in pkgs), []), target="bench",
        quiet=False)


def measure_wall(pkgs):
    """Median wall time of `cargo check -p PKG` after touching its source (deps prebuilt)."""
    log(f"== cargo check wall time, {REPS} reps")
    times = {p: [] for p in pkgs}
    for rep in range(REPS + 1):  # the first round warms the caches and is dropped
        for p in pkgs:  # interleaved, so drift hits both kinds alike
            run(["cargo", "check", "--offline", "-q", "-p", p], target="bench")  # deps up to date
            touch(p)
            t = timed(["cargo", "check", "--offline", "-q", "-p", p], target="bench")
            if rep:
                times[p].append(t)
    return {p: median(ts) for p, ts in times.items()}, times


# Inclusive costs pulled out of the callgrind profile (regex on callgrind_annotate's output).
CG_PARTS = {
    "macro": r"AttrProcMacro as rustc_expand::base::AttrProcMacro>::expand \[",
    "bridge": r"Dispatcher<rustc_expand::proc_macro_server::Rustc>>::dispatch \[",
    "expand": r"MacroExpander>::expand_crate \[",
    "typeck": r"\?\?\?:rustc_hir_analysis::check_crate \[",
    "borrowck": r"query_impl::mir_borrowck::execute_query_non_incr::__rust_end_short_backtrace \[",
}


def callgrind_one(pkg, out, target="bench", extra_cfg=None):
    run(["cargo", "check", "--offline", "-q", "-p", pkg] + (extra_cfg or []), target=target)
    touch(pkg)
    t0 = time.perf_counter()
    run(["cargo", "check", "--offline", "-q", "-p", pkg] + (extra_cfg or []), target=target,
        env={"RUSTC_WRAPPER": WRAPPER, "BENCH_CRATE": crate_name(pkg), "BENCH_CALLGRIND_OUT": out})
    secs = time.perf_counter() - t0
    total = None
    with open(out) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                total = int(line.split()[1])
    ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                         capture_output=True, text=True).stdout
    parts = {}
    for key, pat in CG_PARTS.items():
        for line in ann.splitlines():
            if re.search(pat, line):
                parts[key] = int(line.split()[0].replace(",", ""))
                break
    return {"ir": total, "parts": parts, "secs": secs}


def measure_callgrind(pkgs, tag="", target="bench", extra_cfg=None):
    log(f"== rustc instructions under callgrind{tag}, {CG_REPS} rep(s), {CG_JOBS} job(s)")
    os.makedirs(RESULTS, exist_ok=True)
    jobs = [(p, r) for r in range(CG_REPS) for p in pkgs]
    res = {}

    def one(job):
        p, r = job
        out = os.path.join(RESULTS, f"callgrind{tag}.{p}.{r}.out")
        got = callgrind_one(p, out, target=target, extra_cfg=extra_cfg)
        log(f"   {p}{tag}: {got['ir']:,} Ir ({got['secs']:.0f} s under valgrind)")
        return p, got

    with concurrent.futures.ThreadPoolExecutor(max_workers=CG_JOBS) as ex:
        for p, got in ex.map(one, jobs):
            res.setdefault(p, []).append(got)
    return {p: {"ir": median([g["ir"] for g in gs]), "parts": gs[0]["parts"],
                "spread": (max(g["ir"] for g in gs) - min(g["ir"] for g in gs)) / gs[0]["ir"]}
            for p, gs in res.items()}


TOKEN_RE = re.compile(r"""r#?"[^"]*"#?|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])'|'[A-Za-z_]\w*|"""
                      r"""[A-Za-z_]\w*|\d[\w.]*|::|->|=>|==|!=|<=|>=|&&|\|\||\.\.=?|\S""")


def size_of(text):
    return {"bytes": len(text.encode()), "lines": text.count("\n"),
            "tokens": len(TOKEN_RE.findall(text))}


def expand(pkg, root, target):
    """`-Zunpretty=expanded` output of PKG, normalized with rustfmt when that parses it."""
    out = run(["cargo", "rustc", "--offline", "-q", "-p", pkg, "--profile=check", "--",
               "-Zunpretty=expanded"], cwd=root, target=target, capture=True, check=False,
              env={"RUSTC_BOOTSTRAP": "1"})
    if out.returncode != 0:
        return None, out.stderr.strip().splitlines()[:3]
    text = out.stdout
    fmt = "raw"
    if shutil.which("rustfmt"):
        f = subprocess.run(["rustfmt", "--edition", "2021", "--emit", "stdout"], input=text,
                           capture_output=True, text=True)
        if f.returncode == 0:
            text, fmt = f.stdout, "rustfmt"
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, f"expanded.{pkg}.rs"), "w") as f:
        f.write(text)
    s = size_of(text)
    s["format"] = fmt
    return s, None


def measure_expand(pkgs):
    log("== expanded code size")
    res = {}
    for p in pkgs:
        s, err = expand(p, GEN, "expand")
        if s is None:
            log(f"   {p}: expansion failed: {err}")
            continue
        res[p] = s
    return res


def measure_clean():
    """Clean build of entrait's dependency tree (`cargo build -p entrait`), fresh target dir."""
    log(f"== clean build of entrait and its dependencies, {CLEAN_REPS} reps per profile")
    res = {}
    for profile in ("dev", "release"):
        ts, cs = [], []
        for _ in range(CLEAN_REPS):
            d = os.path.join(TARGET, "clean")
            shutil.rmtree(d, ignore_errors=True)
            cmd = ["cargo", "build", "--offline", "-q", "-p", "entrait"]
            if profile == "release":
                cmd.append("--release")
            wall, cpu, _ = timed_cpu(cmd, target="clean")
            ts.append(wall)
            cs.append(cpu)
        res[profile] = {"median": median(ts), "all": ts, "cpu": median(cs)}
        log(f"   {profile}: {res[profile]['median']:.2f} s wall, {median(cs):.2f} s CPU  "
            f"{['%.2f' % t for t in ts]}")
    shutil.rmtree(os.path.join(TARGET, "clean"), ignore_errors=True)
    return res


def bench_loop_ir(exe, out, iters):
    r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        "--toggle-collect=*bench_loop*", exe, str(iters)],
                       capture_output=True, text=True)
    ir = None
    with open(out) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                ir = int(line.split()[1])
    return ir, r.stdout.strip()


def measure_runtime():
    """A chain of 10 calls through Impl<T> vs 10 direct calls: instructions of `bench_loop`
    (inclusive of everything it calls) in the optimized build, plus its assembly; the
    unoptimized (dev) build for information."""
    log("== runtime: chain of 10 calls")
    pk = ["-p", "rt-entrait", "-p", "rt-direct"]
    run(["cargo", "build", "--offline", "-q", "--release"] + pk, target="bench")
    run(["cargo", "build", "--offline", "-q"] + pk, target="bench")
    res = {}
    asm = {}
    iters = 100_000
    for p in ("rt-entrait", "rt-direct"):
        exe = os.path.join(TARGET, "bench", "release", p)
        ir, value = bench_loop_ir(exe, os.path.join(RESULTS, f"callgrind.{p}.out"), iters)
        dev_ir, dev_value = bench_loop_ir(os.path.join(TARGET, "bench", "debug", p),
                                          os.path.join(RESULTS, f"callgrind.{p}.dev.out"), iters)
        res[p] = {"ir": ir, "per_iter": ir / iters, "output": value, "dev_ir": dev_ir,
                  "dev_output": dev_value}
        asm[p] = disassemble(exe, "bench_loop")
    res["same_output"] = (res["rt-entrait"]["output"] == res["rt-direct"]["output"]
                          == res["rt-entrait"]["dev_output"])
    res["asm_identical"] = asm["rt-entrait"] is not None and asm["rt-entrait"] == asm["rt-direct"]
    res["asm_len"] = {p: len(a or []) for p, a in asm.items()}
    with open(os.path.join(RESULTS, "bench_loop.asm.txt"), "w") as f:
        for p, a in asm.items():
            f.write(f"== {p}\n" + "\n".join(a or ["(not found)"]) + "\n")
    return res


def disassemble(exe, name):
    """The instructions of the function whose demangled name contains NAME, addresses removed."""
    nm = subprocess.run(["nm", exe], capture_output=True, text=True).stdout
    syms = [l.split()[-1] for l in nm.splitlines() if name in l and " t " in l.lower()]
    if not syms:
        return None
    d = subprocess.run(["objdump", "-d", "--no-show-raw-insn", f"--disassemble={syms[0]}", exe],
                       capture_output=True, text=True).stdout
    lines = []
    for l in d.splitlines():
        m = re.match(r"\s+[0-9a-f]+:\s+(.*)", l)
        if m:
            ins = re.sub(r"\b[0-9a-f]{4,}\b", "ADDR", m.group(1))  # jump targets differ by layout
            ins = re.sub(r"<[^>]*>", "", ins).strip()
            lines.append(ins)
    return lines


SYN_SETS = {
    "current": ["full", "parsing", "printing", "proc-macro", "clone-impls"],
    "no clone-impls": ["full", "parsing", "printing", "proc-macro"],
    "+ extra-traits": ["full", "parsing", "printing", "proc-macro", "clone-impls", "extra-traits"],
    "syn defaults + full": None,  # default-features = true, features = ["full"]
    "derive (no full)": ["derive", "parsing", "printing", "proc-macro", "clone-impls"],
    "derive, no clone-impls": ["derive", "parsing", "printing", "proc-macro"],
}

SYN_REPS = int(os.environ.get("SYN_REPS", "2"))


def syn_dep(feats):
    if feats is None:
        return 'syn = { version = "3", features = ["full"] }'
    return ('syn = { version = "3", default-features = false, features = ['
            + ", ".join(f'"{f}"' for f in feats) + "] }")


def clean_build_secs(root, pkg, reps):
    ts, cs, ok = [], [], True
    for _ in range(reps):
        shutil.rmtree(os.path.join(TARGET, "synfeat"), ignore_errors=True)
        wall, cpu, code = timed_cpu(["cargo", "build", "--offline", "-q", "-p", pkg], cwd=root,
                                    target="synfeat", check=False)
        ts.append(wall)
        cs.append(cpu)
        ok = code == 0
        if not ok:
            break
    return median(ts), median(cs), ok


def measure_syn_features():
    """Per syn feature set: a clean build of syn alone (with proc-macro2, quote) and of a scratch
    copy of entrait-macros using that set (only meaningful when it compiles)."""
    log(f"== syn feature sets, clean builds, {SYN_REPS} reps")
    src_toml = open(os.path.join(MAIN_SRC, "entrait-macros", "Cargo.toml")).read()
    m = re.search(r"^syn\s*=.*$", src_toml, re.M)
    root = os.path.join(TARGET, "synfeat-src")
    ws = ('[workspace]\nresolver = "2"\nmembers = ["entrait-macros", "syn-only"]\n'
          '[profile.dev]\ndebug = "line-tables-only"\n[profile.dev.package."*"]\ndebug = false\n')
    res = {}
    for name, feats in SYN_SETS.items():
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(os.path.join(MAIN_SRC, "entrait-macros"), os.path.join(root, "entrait-macros"),
                        ignore=shutil.ignore_patterns("target"))
        toml = src_toml.replace(m.group(0), syn_dep(feats))
        toml = re.sub(r"^(\w[\w-]*)\.workspace = true", lambda mm: {
            "version": 'version = "0.7.0"', "edition": 'edition = "2021"',
            "rust-version": 'rust-version = "1.75"', "license": 'license = "MIT"',
        }.get(mm.group(1), ""), toml, flags=re.M)
        toml = re.sub(r"^\[lints\]\s*\nworkspace = true\s*$", "", toml, flags=re.M)
        with open(os.path.join(root, "entrait-macros", "Cargo.toml"), "w") as f:
            f.write(toml)
        os.makedirs(os.path.join(root, "syn-only", "src"))
        with open(os.path.join(root, "syn-only", "Cargo.toml"), "w") as f:
            f.write('[package]\nname = "syn-only"\nversion = "0.1.0"\nedition = "2021"\n'
                    '[lib]\nproc-macro = true\n[dependencies]\n' + syn_dep(feats) + "\n"
                    'quote = "1"\nproc-macro2 = "1"\n')
        with open(os.path.join(root, "syn-only", "src", "lib.rs"), "w") as f:
            f.write("")
        with open(os.path.join(root, "Cargo.toml"), "w") as f:
            f.write(ws)
        lock = os.path.join(GEN, "Cargo.lock")
        if os.path.exists(lock):
            shutil.copy(lock, os.path.join(root, "Cargo.lock"))
        syn_secs, syn_cpu, _ = clean_build_secs(root, "syn-only", SYN_REPS)
        macro_secs, macro_cpu, ok = clean_build_secs(root, "entrait-macros", SYN_REPS)
        res[name] = {"syn_secs": syn_secs, "syn_cpu": syn_cpu, "secs": macro_secs if ok else None,
                     "cpu": macro_cpu if ok else None, "compiles": ok,
                     "features": feats or ["default", "full"]}
        log(f"   {name}: syn alone {syn_secs:.2f} s ({syn_cpu:.2f} s CPU); entrait-macros "
            + (f"{macro_secs:.2f} s ({macro_cpu:.2f} s CPU)" if ok else "does NOT compile"))
    shutil.rmtree(os.path.join(TARGET, "synfeat"), ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    return res


def measure_mock():
    log("== mock code size (unimock vs mockall)")
    root = os.path.join(GEN, "mock")
    res = {}
    for kind in ("none", "unimock", "mockall"):
        p = f"mock-{kind}"
        s, err = expand(p, root, "mock")
        if s is None:
            res[kind] = {"error": " / ".join(err or [])[:300]}
            log(f"   {p}: skipped: {res[kind]['error']}")
            continue
        run(["cargo", "check", "--offline", "-q", "-p", p], cwd=root, target="mock", check=False)
        touch(p, root)
        ts = [timed(["cargo", "check", "--offline", "-q", "-p", p], cwd=root, target="mock",
                    check=False) for _ in range(1)]
        s["check_secs"] = median(ts)
        res[kind] = s
        log(f"   {p}: {s['tokens']:,} tokens, {s['lines']:,} lines")
    return res


# ---------------------------------------------------------------------------------------------

def ratio(a, b):
    return a / b if a and b else float("nan")


def table(r):
    out = table_for(r, "entrait", "handwritten", NS, runtime=True)
    if AF_NS:
        out += ("\n\nAll forms (bench/allforms.py: every item with an option or a form the "
                "plain graph does not use; entrait with `unimock`):\n\n")
        out += table_for(r, "allforms-entrait", "allforms-handwritten", AF_NS, runtime=False)
    return out + table_extra(r)


def table_for(r, ek, hk, ns, runtime):
    rows = []
    add = rows.append
    add("| metric | N | entrait | hand-written | ratio |")
    add("|---|---:|---:|---:|---:|")
    for n in ns:
        e, h = f"{ek}-{n}", f"{hk}-{n}"
        if "wall" in r:
            we, wh = r["wall"][e], r["wall"][h]
            add(f"| `cargo check` wall, median of {REPS} (s) | {n} | {we:.3f} | {wh:.3f} | "
                f"{ratio(we, wh):.3f} |")
        if "cg" in r:
            ce, ch = r["cg"][e]["ir"], r["cg"][h]["ir"]
            add(f"| `cargo check` rustc instructions (Ir) | {n} | {ce:,} | {ch:,} | "
                f"**{ratio(ce, ch):.3f}** |")
        if "expand" in r and e in r["expand"] and h in r["expand"]:
            for k in ("bytes", "lines", "tokens"):
                xe, xh = r["expand"][e][k], r["expand"][h][k]
                add(f"| expanded size ({k}, {r['expand'][e]['format']}) | {n} | {xe:,} | {xh:,} | "
                    f"{ratio(xe, xh):.3f} |")
    if runtime and "runtime" in r:
        rt = r["runtime"]
        pe, pd = rt["rt-entrait"]["ir"], rt["rt-direct"]["ir"]
        add(f"| runtime: 10-call chain, Ir of 100k iterations (Impl<T> vs direct) | – | {pe:,} | "
            f"{pd:,} | **{ratio(pe, pd):.4f}** |")
        add(f"| runtime: `bench_loop` assembly identical | – | {rt['asm_len']['rt-entrait']} insns | "
            f"{rt['asm_len']['rt-direct']} insns | {'yes' if rt['asm_identical'] else 'NO'} |")
        de, dd = rt["rt-entrait"].get("dev_ir"), rt["rt-direct"].get("dev_ir")
        if de and dd:
            add(f"| runtime, unoptimized dev build (information only) | – | {de:,} | {dd:,} | "
                f"{ratio(de, dd):.3f} |")
        if not rt.get("same_output", True):
            add("| runtime: **outputs differ** | – | | | |")
    out = "\n".join(rows)
    if "cg" in r:
        out += breakdown(r, ek, hk, ns)
    return out


def breakdown(r, ek, hk, ns):
    out = "\n\nWhere the extra instructions go (callgrind, inclusive Ir):\n\n"
    out += ("| N | total extra (entrait − hand) | attribute macro calls (macro code + bridge) | "
            "of which bridge, rustc side | whole expansion pass, entrait / hand | "
            "type-check, entrait / hand | borrowck, entrait / hand |\n"
            "|---:|---:|---:|---:|---:|---:|---:|\n")
    for n in ns:
        e, h = r["cg"][f"{ek}-{n}"], r["cg"][f"{hk}-{n}"]
        pe, ph = e["parts"], h["parts"]
        out += (f"| {n} | {e['ir'] - h['ir']:,} | {pe.get('macro', 0):,} "
                f"({pe.get('macro', 0) / max(1, e['ir'] - h['ir']):.0%} of extra) | "
                f"{pe.get('bridge', 0):,} | "
                f"{pe.get('expand', 0):,} / {ph.get('expand', 0):,} | "
                f"{pe.get('typeck', 0):,} / {ph.get('typeck', 0):,} | "
                f"{pe.get('borrowck', 0):,} / {ph.get('borrowck', 0):,} |\n")
    return out


def table_extra(r):
    out = ""
    extra = []
    if "clean" in r:
        c = r["clean"]
        extra.append("| clean `cargo build -p entrait` (deps included), wall, median of "
                     f"{CLEAN_REPS} | {c['dev']['median']:.2f} s | "
                     f"{c['release']['median']:.2f} s | target ≤ 3.5 s |")
        extra.append("| the same, CPU time (user+sys, all processes) | "
                     f"{c['dev'].get('cpu', float('nan')):.2f} s | "
                     f"{c['release'].get('cpu', float('nan')):.2f} s | |")
    if extra:
        out += "\n\n| build | dev | release | |\n|---|---:|---:|---|\n" + "\n".join(extra)
    if r.get("aftests"):
        out += f"\n\nAll-forms crates with their cfg(test) mocks (`cargo check --tests`): {r['aftests']}"
    if "opt" in r:
        out += ("\n\nThe same check with the macro and its dependencies built with opt-level 3 "
                "(`--config profile.dev.build-override.opt-level=3`):\n\n"
                "| N | entrait Ir | ratio to hand-written | attribute macro calls Ir |\n"
                "|---:|---:|---:|---:|\n")
        for p, v in r["opt"].items():
            n = int(p.split("-")[1])
            h = r.get("cg", {}).get(f"handwritten-{n}", {}).get("ir")
            out += (f"| {n} | {v['ir']:,} | {ratio(v['ir'], h):.3f} | "
                    f"{v['parts'].get('macro', 0):,} |\n")
    if "syn" in r:
        out += ("\n\nClean builds by syn feature set (dev profile; syn alone = proc-macro2 + quote + "
                "syn; entrait-macros = the same plus the macro crate; wall and CPU user+sys, "
                f"median of {SYN_REPS}):\n\n| syn features | syn alone, wall (s) | syn alone, CPU (s) | "
                "entrait-macros, wall (s) | entrait-macros, CPU (s) |\n|---|---:|---:|---:|---:|\n")
        for name, v in r["syn"].items():
            em = (f"{v['secs']:.2f} | {v['cpu']:.2f}" if v["compiles"]
                  else "does not compile | –")
            out += (f"| {name}: `{', '.join(v['features'])}` | {v['syn_secs']:.2f} | "
                    f"{v['syn_cpu']:.2f} | {em} |\n")
    if "mock" in r:
        out += ("\n\nMock code size, the same 10 traits + 40 functions (`export`, expanded, "
                "rustfmt):\n\n| mocks | tokens | lines | bytes | tokens over no-mock | "
                "`cargo check` (s) |\n|---|---:|---:|---:|---:|---:|\n")
        base = r["mock"].get("none", {})
        for k, v in r["mock"].items():
            if "error" in v:
                out += f"| {k} | skipped: {v['error']} | | | | |\n"
                continue
            over = v["tokens"] - base.get("tokens", 0) if "tokens" in base else float("nan")
            out += (f"| {k} | {v['tokens']:,} | {v['lines']:,} | {v['bytes']:,} | {over:,} | "
                    f"{v['check_secs']:.2f} |\n")
    return out


def snapshot(rev):
    """entrait/ + entrait-macros/ at REV, with a workspace manifest of their own."""
    root = os.path.join(TARGET, "snapshot")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    sha = subprocess.run(["git", "-C", MAIN, "rev-parse", "--short", rev], capture_output=True,
                         text=True, check=True).stdout.strip()
    paths = [p for p in ("Cargo.toml", "README.md", "docs", "entrait", "entrait-macros")
             if subprocess.run(["git", "-C", MAIN, "cat-file", "-e", f"{rev}:{p}"],
                               capture_output=True).returncode == 0]  # docs: include_str!
    arch = subprocess.run(["git", "-C", MAIN, "archive", rev] + paths, capture_output=True,
                          check=True).stdout
    subprocess.run(["tar", "-x", "-C", root], input=arch, check=True)
    ws = os.path.join(root, "Cargo.toml")
    text = open(ws).read()
    text = re.sub(r"^members\s*=\s*\[[^\]]*\]", 'members = ["entrait", "entrait-macros"]', text,
                  flags=re.M)
    with open(ws, "w") as f:
        f.write(text)
    return os.path.join(root, "entrait"), sha


def main():
    t_start = time.perf_counter()
    rev = os.environ.get("ENTRAIT_REV")
    measured = None
    if rev:
        path, sha = snapshot(rev)
        BASE_ENV["ENTRAIT"] = path
        measured = f"{sha} (`git archive` snapshot of {rev})"
        global MAIN_SRC
        MAIN_SRC = os.path.dirname(path)
    sys.path.insert(0, BENCH)
    os.makedirs(RESULTS, exist_ok=True)
    gen_args = [sys.executable, os.path.join(BENCH, "gen.py"), GEN] + [str(n) for n in NS]
    log("== generating crates")
    genv = dict(BASE_ENV, AF_NS=" ".join(map(str, AF_NS)))
    g = subprocess.run(gen_args, capture_output=True, text=True, env=genv)  # reads $ENTRAIT
    if g.returncode:
        log(g.stderr)
        raise SystemExit(1)
    log(g.stdout.strip())
    r = {"machine": machine_info(), "graph": g.stdout.strip().splitlines()}
    if measured:
        r["machine"]["entrait"] = measured
    pkgs = [f"{k}-{n}" for ek, hk, ns in KINDS for n in ns for k in (ek, hk)]
    prebuild(pkgs + ["rt-entrait", "rt-direct"])
    if AF_NS and "aftests" not in SKIP:
        log("== all forms: cargo check --tests (the cfg(test) mocks compile in both crates)")
        afp = [p for p in pkgs if p.startswith("allforms-")]
        out = run(["cargo", "check", "--offline", "-q", "--tests"] +
                  sum((["-p", p] for p in afp), []), target="bench", check=False, capture=True)
        r["aftests"] = "ok" if out.returncode == 0 else "FAILED: " + out.stderr[-600:]
        log(f"   {r['aftests']}")
    if "wall" not in SKIP:
        r["wall"], r["wall_all"] = measure_wall(pkgs)
    if "cg" not in SKIP:
        r["cg"] = measure_callgrind(pkgs)
    if "opt" not in SKIP:
        opt_ns = [n for n in NS if n == 500] or NS[:1]
        cfg = ["--config", "profile.dev.build-override.opt-level=3"]
        run(["cargo", "check", "--offline", "-q"] + cfg +
            sum((["-p", f"entrait-{n}"] for n in opt_ns), []), target="opt")
        r["opt"] = measure_callgrind([f"entrait-{n}" for n in opt_ns], tag=" (opt macro)",
                                     target="opt", extra_cfg=cfg)
    if "expand" not in SKIP:
        r["expand"] = measure_expand(pkgs)
    if "clean" not in SKIP:
        r["clean"] = measure_clean()
    if "runtime" not in SKIP:
        r["runtime"] = measure_runtime()
    if "syn" not in SKIP:
        r["syn"] = measure_syn_features()
    if "mock" not in SKIP:
        r["mock"] = measure_mock()
    r["total_secs"] = time.perf_counter() - t_start
    with open(os.path.join(RESULTS, "results.json"), "w") as f:
        json.dump(r, f, indent=2)
    t = table(r)
    with open(os.path.join(RESULTS, "table.md"), "w") as f:
        f.write(t + "\n")
    latest = os.path.join(BENCH, "results", "latest")
    if os.path.islink(latest) or os.path.exists(latest):
        os.remove(latest)
    os.symlink(STAMP, latest)
    print()
    print("Machine: " + "; ".join(f"{k}: {v}" for k, v in r["machine"].items()))
    print("Graph:   " + " | ".join(r["graph"]))
    print()
    print(t)
    print(f"\n(total {r['total_secs'] / 60:.1f} min; raw data in {RESULTS})")


if __name__ == "__main__":
    main()
