#!/usr/bin/env python3
"""Issue 13's measurement: `cargo entrait check` and `graph` on a workspace of 2,000 entrait
functions, which must be read and checked in under 2 s on the 2-core machine.

    python3 bench/graph/run.py            # 2,000 functions, 7 runs of each command
    N=500 REPS=3 python3 bench/graph/run.py

The workspace is the one bench/gen.py writes for issue 7 (the same `entrait-N` crate whose
compile time docs/performance.md measures), generated into bench/graph/generated/ (ignored by
git). The tool is built in release mode under bench/target/; nothing else is built: the tool
only reads the source. Prints the wall time of each command (best and median), what was read,
and whether the median is under the limit (exit 1 if it is not).
"""

import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
MAIN = os.path.dirname(BENCH)
N = int(os.environ.get("N", "2000"))
REPS = int(os.environ.get("REPS", "7"))
LIMIT = 2.0


def main():
    out = os.path.join(HERE, "generated")
    subprocess.run([sys.executable, os.path.join(BENCH, "gen.py"), out, str(N)], check=True,
                   stdout=subprocess.DEVNULL)
    target = os.path.join(BENCH, "target")
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "cargo-entrait",
                    "--manifest-path", os.path.join(MAIN, "Cargo.toml"),
                    "--target-dir", target], check=True)
    exe = os.path.join(target, "release", "cargo-entrait")
    ok = True
    # entrait-N: the plain crate; allforms-entrait-N (when gen.py writes it): every form and
    # delegation mode.
    for pkg in (f"entrait-{N}", f"allforms-entrait-{N}"):
        if os.path.isdir(os.path.join(out, pkg)):
            ok &= measure(exe, out, pkg)
    print("under 2 s: " + ("yes" if ok else "NO"))
    return 0 if ok else 1


def measure(exe, out, pkg):
    src = os.path.join(out, pkg, "src")
    lines = sum(sum(1 for _ in open(os.path.join(src, f))) for f in os.listdir(src))
    attrs = sum(open(os.path.join(src, f)).read().count("#[entrait") for f in os.listdir(src))
    print(f"{pkg}: {lines} lines, {attrs} #[entrait] attributes")
    commands = [
        ("check", ["check", "-p", pkg]),
        ("graph --format json", ["graph", "-p", pkg, "--format", "json"]),
        ("graph (mermaid)", ["graph", "-p", pkg]),
    ]
    ok = True
    for name, args in commands:
        times = []
        last = None
        for _ in range(REPS + 1):  # the first run warms the page cache and is not counted
            t0 = time.perf_counter()
            last = subprocess.run([exe, "entrait", *args], cwd=out, capture_output=True,
                                  text=True)
            times.append(time.perf_counter() - t0)
        times = times[1:]
        if name == "check":
            if last.returncode != 0:
                print(last.stderr[-3000:])
                print(f"check exited {last.returncode}")
                ok = False
            summary = last.stdout.strip() or last.stderr.strip().splitlines()[-1]
            print(f"  {summary}")
        med = statistics.median(times)
        print(f"cargo entrait {name:<22} best {min(times):.3f} s, median {med:.3f} s"
              f" ({REPS} runs)")
        if name == "check" and med >= LIMIT:
            ok = False
    return ok


if __name__ == "__main__":
    sys.exit(main())
