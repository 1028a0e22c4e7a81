#!/usr/bin/env bash
# RUSTC_WRAPPER for bench/run.sh: runs rustc under `valgrind --tool=callgrind` for the one crate
# named by $BENCH_CRATE (e.g. entrait_500) and plain rustc for everything else (dependencies,
# cargo's own `rustc -vV` probes). The callgrind output goes to $BENCH_CALLGRIND_OUT.
rustc="$1"
shift
prev=""
for arg in "$@"; do
    if [ "$prev" = "--crate-name" ] && [ "$arg" = "${BENCH_CRATE:-}" ]; then
        exec valgrind --tool=callgrind --callgrind-out-file="${BENCH_CALLGRIND_OUT:?}" \
            --log-file="${BENCH_CALLGRIND_OUT}.log" "$rustc" "$@"
    fi
    prev="$arg"
done
exec "$rustc" "$@"
