#!/usr/bin/env bash
# RUSTC_WRAPPER that counts the instructions rustc executes for the measured crates only.
#
#   RUSTC_WRAPPER=generated/benches/count-rustc.sh COUNT_RUSTC_DIR=DIR cargo build ...
#
# Cargo calls it as `count-rustc.sh RUSTC ARGS...`. When the crate being compiled (its
# `--crate-name`) matches COUNT_RUSTC_CRATES (an extended regex, default: the generated crate
# `twocheckout` and the benchmark crates `bench_gen_N` / `bench_peer_N` of build.sh), rustc runs
# under `valgrind --tool=cachegrind --cache-sim=no`, which counts every instruction of every
# rustc thread (front end, metadata, LLVM) without simulating caches; any other crate is compiled
# by plain rustc. Instruction counts do not depend on the load of the machine: two runs of the
# same build differ by well under 1%, where wall clock and CPU seconds moved by 20-200% here.
#
# For each counted crate it appends one line to DIR/counts.txt:
#
#   CRATE_NAME INSTRUCTIONS
#
# and keeps cachegrind's file as DIR/CRATE_NAME.cg.out (`cg_annotate` shows where the
# instructions went, by rustc function). Valgrind makes the counted rustc 20-50 times slower.
#
# Diagnosis only (never the product build): COUNT_RUSTC_EXTRA="-Z time-passes" (or
# "-Z self-profile=DIR") adds those flags to the counted rustc with RUSTC_BOOTSTRAP=1 set, e.g.
# to split the instructions by pass; its output goes to DIR/CRATE_NAME.passes.txt.
set -euo pipefail
rustc=$1
shift
dir=${COUNT_RUSTC_DIR:?COUNT_RUSTC_DIR must name the directory for the counts}
pattern=${COUNT_RUSTC_CRATES:-'^(twocheckout|bench_gen_[0-9]+|bench_peer_[0-9]+)$'}

crate=
prev=
for arg in "$@"; do
    if [ "$prev" = --crate-name ]; then crate=$arg; break; fi
    prev=$arg
done

if [ -z "$crate" ] || ! [[ $crate =~ $pattern ]]; then
    exec "$rustc" "$@"
fi

mkdir -p "$dir"
out=$dir/$crate.cg.out
extra=()
if [ -n "${COUNT_RUSTC_EXTRA:-}" ]; then
    # shellcheck disable=SC2206 # word splitting of the flags is wanted
    extra=($COUNT_RUSTC_EXTRA)
    export RUSTC_BOOTSTRAP=1
fi
status=0
if [ ${#extra[@]} -gt 0 ]; then
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$out" \
        --log-file="$dir/$crate.valgrind.log" \
        "$rustc" "$@" "${extra[@]}" 2> >(tee "$dir/$crate.passes.txt" >&2) || status=$?
else
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$out" \
        --log-file="$dir/$crate.valgrind.log" \
        "$rustc" "$@" || status=$?
fi
[ "$status" -eq 0 ] || exit "$status"
# cachegrind writes the total of each event on its `summary:` line.
ir=$(awk '/^summary:/ { print $2 }' "$out")
echo "$crate ${ir:-unknown}" >> "$dir/counts.txt"
