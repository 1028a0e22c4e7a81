#!/usr/bin/env python3
"""Issue 14: what entrait-macros' syn choice costs in the dependency graphs users have.

For every graph below and every syn variant of entrait-macros, a fresh throwaway binary crate
(own lockfile, own target dir, all under bench/target/syn-graphs/) is built from scratch with
`cargo build --timings` and checked from scratch with `cargo check --timings`, REPS times each.
Recorded: wall time, CPU time (user + sys of every process cargo started: steadier than wall
on a shared machine), and from the timings report the duration of each syn build and of
entrait-macros.

Variants (only the `syn = ...` line of entrait-macros/Cargo.toml differs; the source is the
same, it compiles against all three):

  syn3-derive  today: syn 3, `derive, parsing, printing, proc-macro, clone-impls`
  syn2-full    syn 2 with `full` (what unimock, mockall, tracing, sqlx use)
  syn2-derive  syn 2 without `full`

Graphs (a binary using `#[entrait]`, plus):

  alone         nothing else
  tokio         tokio with `macros` (tokio-macros 2.7.2: syn 3, `full`)
  tokio-syn2    the same with tokio-macros 2.7.1 (syn 2, `full`): a lockfile from before the
                syn 3 release
  unimock       entrait's `unimock` feature and unimock 0.6 (syn 2, `full`)
  app-syn2      unimock + tokio + serde derive + tracing, every proc macro pinned to its last
                syn 2 release (the issue's "every proc macro in its lockfile on syn 2")
  backend       the same, latest versions, plus sqlx 0.9 (postgres, macros): syn 2 (sqlx,
                tracing, unimock) and syn 3 (tokio, serde, the `url` stack's derives) both

Usage:  python3 bench/syn_graphs.py            (GRAPHS="alone unimock" VARIANTS=... REPS=3)
        ENTRAIT_REV=HEAD (default) or ENTRAIT_REV=WORKTREE
Writes bench/results/syn-graphs-<stamp>.json and prints a markdown table.
"""

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
ROOT = os.path.join(BENCH, "target", "syn-graphs")
REPS = int(os.environ.get("REPS", "3"))
REV = os.environ.get("ENTRAIT_REV", "HEAD")

VARIANTS = {
    "syn3-derive": 'syn = { version = "3", default-features = false, features = '
                   '["derive", "parsing", "printing", "proc-macro", "clone-impls"] }',
    "syn2-full": 'syn = { version = "2", default-features = false, features = '
                 '["full", "parsing", "printing", "proc-macro", "clone-impls"] }',
    "syn2-derive": 'syn = { version = "2", default-features = false, features = '
                   '["derive", "parsing", "printing", "proc-macro", "clone-impls"] }',
}

TOKIO = 'tokio = { version = "1", features = ["macros", "rt-multi-thread"] }'
APP = [TOKIO, 'unimock = "0.6"', 'serde = { version = "1", features = ["derive"] }',
       'tracing = "0.1"']
SQLX = ('sqlx = { version = "0.9", default-features = false, features = '
        '["runtime-tokio", "macros", "postgres"] }')

# name: (dependencies besides entrait, entrait features, lockfile pins, pin-all-to-syn-2)
GRAPHS = {
    "alone": ([], [], [], False),
    "tokio": ([TOKIO], [], [], False),
    "tokio-syn2": ([TOKIO], [], [("tokio-macros", "2.7.1")], False),
    "unimock": (['unimock = "0.6"'], ["unimock"], [], False),
    "app-syn2": (APP, ["unimock"], [], True),
    "backend": (APP + [SQLX], ["unimock"], [], False),
}

MAIN_RS = """use entrait::{entrait, Impl};

pub struct Config { base: u32 }

#[entrait(Base)]
fn base(cfg: &Config, x: u32) -> u32 { cfg.base + x }

#[entrait(Twice)]
fn twice(deps: &impl Base, x: u32) -> u32 { deps.base(x) * 2 }

fn main() {
    let app = Impl::new(Config { base: std::env::args().count() as u32 });
    println!("{}", app.twice(1));
}
"""


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def sh(cmd, cwd, env=None, check=True, capture=True):
    e = dict(os.environ)
    for k in ("RUSTC_WRAPPER", "RUSTFLAGS", "CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR"):
        e.pop(k, None)
    e["CARGO_INCREMENTAL"] = "0"
    if env:
        e.update(env)
    out = subprocess.run(cmd, cwd=cwd, env=e, text=True, capture_output=capture)
    if check and out.returncode:
        log(f"failed: {' '.join(cmd)} in {cwd}\n{(out.stderr or '')[-3000:]}")
        raise SystemExit(1)
    return out


def sources():
    """entrait/ + entrait-macros/ at REV (or the work tree), once per variant."""
    base = os.path.join(ROOT, "src")
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    pristine = os.path.join(base, "pristine")
    if REV == "WORKTREE":
        os.makedirs(pristine)
        for p in ("Cargo.toml", "README.md"):
            shutil.copy(os.path.join(MAIN, p), pristine)
        for p in ("docs", "entrait", "entrait-macros"):
            shutil.copytree(os.path.join(MAIN, p), os.path.join(pristine, p),
                            ignore=shutil.ignore_patterns("target"))
        sha = "work tree"
    else:
        os.makedirs(pristine)
        arch = subprocess.run(["git", "-C", MAIN, "archive", REV, "Cargo.toml", "README.md",
                               "docs", "entrait", "entrait-macros"], capture_output=True,
                              check=True).stdout
        subprocess.run(["tar", "-x", "-C", pristine], input=arch, check=True)
        sha = subprocess.run(["git", "-C", MAIN, "rev-parse", "--short", REV],
                             capture_output=True, text=True, check=True).stdout.strip()
    ws = os.path.join(pristine, "Cargo.toml")
    text = re.sub(r"^members\s*=\s*\[[^\]]*\]", 'members = ["entrait", "entrait-macros"]',
                  open(ws).read(), flags=re.M)
    open(ws, "w").write(text)
    out = {}
    for name, line in VARIANTS.items():
        d = os.path.join(base, name)
        shutil.copytree(pristine, d)
        toml = os.path.join(d, "entrait-macros", "Cargo.toml")
        t = open(toml).read()
        t = re.sub(r"^syn\s*=.*$", line, t, count=1, flags=re.M)
        open(toml, "w").write(t)
        out[name] = os.path.join(d, "entrait")
    return out, sha


def index_versions(crate):
    """(version, syn requirement) of every release of CRATE in the local index cache."""
    name = crate.lower()
    sub = {1: "1", 2: "2", 3: f"3/{name[0]}"}.get(len(name), f"{name[:2]}/{name[2:4]}")
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    idx = os.path.join(home, "registry", "index")
    res = []
    for reg in os.listdir(idx) if os.path.isdir(idx) else []:
        p = os.path.join(idx, reg, ".cache", sub, name)
        if not os.path.exists(p):
            continue
        for chunk in open(p, "rb").read().split(b"\x00"):
            try:
                j = json.loads(chunk)
            except ValueError:
                continue
            if not isinstance(j, dict) or "vers" not in j or j.get("yanked"):
                continue
            syn = [d["req"] for d in j.get("deps", []) if d["name"] == "syn"
                   and d.get("kind") in (None, "normal")]
            res.append((j["vers"], syn[0] if syn else None))
    return res


def vkey(v):
    return tuple(int(x) if x.isdigit() else 0 for x in re.split(r"[.+-]", v))


def syn_users(lock):
    """{package: (version, syn major)} for every package in LOCK that depends on syn."""
    users = {}
    for block in open(lock).read().split("[[package]]"):
        n = re.search(r'^name = "([^"]+)"', block, re.M)
        v = re.search(r'^version = "([^"]+)"', block, re.M)
        s = re.search(r'"syn(?: (\d)\.[^"]*)?"', block)
        if n and v and s and n.group(1) != "syn":
            users[n.group(1)] = (v.group(1), s.group(1))
    return users


def pin_to_syn2(proj):
    """Downgrade each syn-3 proc macro to its newest release on syn 2 (same semver major)."""
    pins = []
    for _ in range(4):  # a downgrade can pull in other versions; repeat until stable
        changed = False
        for name, (ver, major) in syn_users(os.path.join(proj, "Cargo.lock")).items():
            if major != "3" or name == "entrait-macros":
                continue
            cands = [v for v, req in index_versions(name)
                     if req and req.lstrip("^~=").startswith("2") and vkey(v) < vkey(ver)
                     and same_major(v, ver)]
            if not cands:
                log(f"   no syn 2 release of {name} compatible with {ver}")
                continue
            best = max(cands, key=vkey)
            r = sh(["cargo", "update", "-q", "-p", f"{name}@{ver}", "--precise", best], proj,
                   check=False)
            if r.returncode == 0:
                pins.append((name, best))
                changed = True
                continue
            # `serde` requires `serde_derive` at its own version (`=`): move the pair together.
            parent = re.sub(r"[-_](derive|impl)$", "", name)
            r = sh(["cargo", "update", "-q", "-p", parent, "--precise", best], proj, check=False)
            if parent != name and r.returncode == 0:
                pins.append((parent, best))
                changed = True
            else:
                log(f"   cannot pin {name} {best}: {r.stderr.strip().splitlines()[-1:]}")
        if not changed:
            break
    return pins


def same_major(a, b):
    ka, kb = vkey(a), vkey(b)
    return ka[0] == kb[0] and (ka[0] != 0 or ka[1] == kb[1])


def project(graph, variant, entrait_path):
    deps, feats, pins, all_syn2 = GRAPHS[graph]
    d = os.path.join(ROOT, "proj", f"{graph}.{variant}")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "src"))
    f = f', features = [{", ".join(chr(34) + x + chr(34) for x in feats)}]' if feats else ""
    toml = ["[package]", f'name = "g-{graph}"', 'version = "0.1.0"', 'edition = "2021"',
            "publish = false", "", "[workspace]", "", "[dependencies]",
            f'entrait = {{ path = "{entrait_path}"{f} }}'] + deps + [
        "", "[profile.dev]", 'debug = "line-tables-only"', "",
        '[profile.dev.package."*"]', "debug = false", ""]
    open(os.path.join(d, "Cargo.toml"), "w").write("\n".join(toml))
    open(os.path.join(d, "src", "main.rs"), "w").write(MAIN_RS)
    sh(["cargo", "generate-lockfile", "-q"], d)
    done = []
    for name, ver in pins:
        sh(["cargo", "update", "-q", "-p", name, "--precise", ver], d)
        done.append((name, ver))
    if all_syn2:
        done += pin_to_syn2(d)
    sh(["cargo", "fetch", "-q"], d)
    users = syn_users(os.path.join(d, "Cargo.lock"))
    return d, done, users


def unit_times(d):
    html = os.path.join(d, "target", "cargo-timings", "cargo-timing.html")
    t = open(html).read()
    m = re.search(r"const UNIT_DATA = (\[.*?\]);\s*\n", t, re.S)
    units = json.loads(m.group(1))
    out = {"units": len(units)}
    for u in units:
        if u["name"] in ("syn", "entrait-macros") and not u.get("mode", "").startswith("run"):
            key = u["name"] if u["name"] != "syn" else f"syn {u['version']}"
            out[key] = out.get(key, 0) + u["duration"]
    return out


def build_once(d, cmd):
    shutil.rmtree(os.path.join(d, "target"), ignore_errors=True)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    sh(["cargo", cmd, "--offline", "-q", "--timings"], d)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    res = {"wall": wall, "cpu": cpu}
    res.update(unit_times(d))
    return res


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    graphs = os.environ.get("GRAPHS", " ".join(GRAPHS)).split()
    variants = os.environ.get("VARIANTS", " ".join(VARIANTS)).split()
    cmds = os.environ.get("CMDS", "build check").split()
    srcs, sha = sources()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    results = {"rev": sha, "date": stamp, "reps": REPS, "graphs": {}}
    out_json = os.path.join(BENCH, "results", f"syn-graphs-{stamp}.json")
    os.makedirs(os.path.dirname(out_json), exist_ok=True)
    projs = {}
    for g in graphs:
        for v in variants:
            d, pins, users = project(g, v, srcs[v])
            projs[(g, v)] = d
            lock = open(os.path.join(d, "Cargo.lock")).read()
            syns = re.findall(r'name = "syn"\nversion = "([^"]+)"', lock)
            results["graphs"].setdefault(g, {})[v] = {"pins": pins, "syn_users": users,
                                                      "runs": {c: [] for c in cmds}}
            results["graphs"][g][v]["syn_versions"] = syns
            log(f"== {g} / {v}: syn in the lockfile: {syns}; pins: {pins}")
    # Interleave variants within each rep, so drift in the machine's load hits all alike.
    for rep in range(REPS):
        for g in graphs:
            for c in cmds:
                for v in variants:
                    r = build_once(projs[(g, v)], c)
                    results["graphs"][g][v]["runs"][c].append(r)
                    log(f"   rep {rep + 1} {g} {v} {c}: wall {r['wall']:.1f} s, cpu {r['cpu']:.1f} s, "
                        + ", ".join(f"{k} {x:.2f}" for k, x in r.items()
                                    if k.startswith(("syn", "entrait"))))
                    json.dump(results, open(out_json, "w"), indent=1)
    print(table(results))
    log(f"raw data: {out_json}")


def table(results):
    rows = ["| graph | variant | command | CPU s (median) | wall s (median) | syn builds (s, from --timings) | entrait-macros (s) | units |",
            "|---|---|---|---:|---:|---|---:|---:|"]
    for g, vs in results["graphs"].items():
        for v, data in vs.items():
            for c, runs in data["runs"].items():
                if not runs:
                    continue
                syns = sorted({k for r in runs for k in r if k.startswith("syn ")})
                synt = ", ".join(f"{k.split()[1]}: {med([r.get(k, 0) for r in runs]):.2f}"
                                 for k in syns)
                rows.append(f"| {g} | {v} | {c} | {med([r['cpu'] for r in runs]):.1f} | "
                            f"{med([r['wall'] for r in runs]):.1f} | {synt} | "
                            f"{med([r.get('entrait-macros', 0) for r in runs]):.2f} | "
                            f"{runs[0]['units']} |")
    return "\n".join(rows)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "table":
        print(table(json.load(open(sys.argv[2]))))
    else:
        main()
