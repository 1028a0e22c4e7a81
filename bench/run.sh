#!/usr/bin/env bash
# Issue 7's measurement harness: entrait vs the same traits and impls written by hand.
#
#   bench/run.sh                      # the whole table (~5-8 min on 2 cores)
#   NS="100 500" REPS=3 bench/run.sh  # smaller
#   SKIP="syn mock opt" bench/run.sh  # skip sections (wall cg opt expand clean runtime syn mock)
#
# Builds only under bench/target/ (its own workspace in bench/generated/, regenerated each run),
# never in the main workspace's target dir. See bench/bench.py for every knob and
# docs/performance.md for the results and what they mean.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
for tool in cargo rustc python3 valgrind callgrind_annotate objdump nm; do
    need "$tool" || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench/run.sh: installing missing tools: ${missing[*]}" >&2
    if need apt-get; then
        apt-get update -qq >/dev/null && apt-get install -y -qq valgrind binutils python3 >/dev/null
    fi
    for tool in "${missing[@]}"; do
        need "$tool" || { echo "bench/run.sh: $tool is required" >&2; exit 1; }
    done
fi
need rustfmt || echo "bench/run.sh: no rustfmt, expanded sizes are measured unformatted" >&2

exec python3 "$here/bench.py" "$@"
