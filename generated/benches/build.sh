#!/usr/bin/env bash
# Build benchmark of the generated crate (see BENCHMARKS.md, "Build cost per item").
#
#   generated/benches/build.sh [SIZE...]        default sizes: 1 2 4 6
#
# For each SIZE N it builds, in a crate of its own outside the workspace:
#   gen  — N copies of generated/src (each copy a module `cK` holding the whole crate root), with
#          the generated crate's cargo features, on twocheckout-rpc;
#   peer — N copies of the same objects written as plain `#[derive(Serialize, Deserialize)]`
#          items with a `#[serde(flatten)]` map of unknown fields (twocheckout-codegen's
#          `peer_crate` example), on serde + serde_json.
# Dependencies are built once first; each measured build cleans only the measured package, then
# `cargo build` (dev profile, CARGO_INCREMENTAL=0) runs under `/usr/bin/time -v`: wall-clock time
# and peak resident memory (the largest process, rustc). The figures of a baseline are printed
# beside the new ones: BUILD_BENCH_BEFORE=FILE, default generated/benches/build-baseline.txt (the
# crate before `DecodeParams` was made inline); build-before.txt holds the figures of the round
# before that (no instruction counts).
#
# Then, unless BUILD_BENCH_COUNT=0, each measured package is built once more with
# `count-rustc.sh` (beside this script) as RUSTC_WRAPPER: rustc runs under cachegrind and the
# instructions it executed for the measured crate are reported (column `rustc_Minstr`, millions).
# That count is the figure to compare on a loaded machine: it does not move with the load (runs
# of the same build agree to well under 1%), where CPU seconds and wall clock do.
# BUILD_BENCH_COUNT=only skips the timed builds (their columns then read 0).
#
# Environment: BUILD_BENCH_DIR (default target/build-bench) holds the crates and their target dir;
# BUILD_BENCH_JOBS (default 2) is passed to cargo as -j; BUILD_BENCH_SAVE=FILE also writes the
# figures to FILE in the build-before.txt format (kind, size, lines, wall s, CPU s, peak MB and,
# when counted, millions of rustc instructions). BUILD_BENCH_SRC (default generated/src) is the
# directory of generated sources measured, e.g. an experiment's edited copy.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${BUILD_BENCH_DIR:-$root/target/build-bench}
jobs=${BUILD_BENCH_JOBS:-2}
before=${BUILD_BENCH_BEFORE:-$root/generated/benches/build-baseline.txt}
count=${BUILD_BENCH_COUNT:-1}
src=${BUILD_BENCH_SRC:-$root/generated/src}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 2 4 6)
export CARGO_INCREMENTAL=0
export CARGO_TARGET_DIR=$dir/target
command -v /usr/bin/time >/dev/null || { echo "error: /usr/bin/time (GNU time) is needed" >&2; exit 2; }
mkdir -p "$dir"

# The peer source, from the spec.
(cd "$root" && CARGO_TARGET_DIR=$root/target cargo run -q -p twocheckout-codegen \
    --example peer_crate -- "$root/api-spec") > "$dir/peer.rs"

# A copy of the generated sources, so editing them during a run does not change what is measured
# (the runtime, a workspace member, is built from its place: leave it alone while this runs).
rm -rf "$dir/generated-src"
cp -r "$src" "$dir/generated-src"

features=$(awk '/^\[features\]/ { on = 1; next } /^\[/ { on = 0 } on' "$root/generated/Cargo.toml")
profile='[profile.dev]
debug = "line-tables-only"'

# make_crate KIND N: writes $dir/KIND-N (Cargo.toml, src/lib.rs, a copy of Cargo.lock).
make_crate() {
    local kind=$1 n=$2 crate=$dir/$1-$2
    mkdir -p "$crate/src"
    cp "$root/Cargo.lock" "$crate/Cargo.lock"
    if [ "$kind" = gen ]; then
        cat > "$crate/Cargo.toml" <<TOML
[package]
name = "bench-gen-$n"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
twocheckout-rpc = { path = "$root/runtime", default-features = false }

[features]
$features

$profile

[workspace]
TOML
        : > "$crate/src/lib.rs"
        for k in $(seq 1 "$n"); do
            printf '#[path = "%s/generated-src/lib.rs"]\npub mod c%s;\n' "$dir" "$k" >> "$crate/src/lib.rs"
        done
    else
        cat > "$crate/Cargo.toml" <<TOML
[package]
name = "bench-peer-$n"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"

$profile

[workspace]
TOML
        : > "$crate/src/lib.rs"
        for k in $(seq 1 "$n"); do
            printf 'pub mod c%s {\n    include!("%s/peer.rs");\n}\n' "$k" "$dir" >> "$crate/src/lib.rs"
        done
    fi
}

gen_lines=$(cat "$dir"/generated-src/*.rs | wc -l)
peer_lines=$(wc -l < "$dir/peer.rs")

# instructions KIND N: builds KIND-N again under count-rustc.sh and prints the millions of
# instructions rustc executed for it (its target dir is a separate one: cargo rebuilds every
# crate when RUSTC_WRAPPER changes).
instructions() {
    local kind=$1 n=$2 crate=$dir/$1-$2 counts=$dir/counts-$1-$2
    rm -rf "$counts"
    cargo clean -q --manifest-path "$crate/Cargo.toml" -p "bench-$kind-$n" --offline \
        --target-dir "$dir/target-count"
    if ! RUSTC_WRAPPER="$root/generated/benches/count-rustc.sh" COUNT_RUSTC_DIR="$counts" \
        cargo build -q --offline -j "$jobs" --manifest-path "$crate/Cargo.toml" \
        --target-dir "$dir/target-count"; then
        echo "error: the counted $kind build at ${n}x failed" >&2
        exit 1
    fi
    awk -v c="bench_$kind""_$n" '$1 == c { printf "%.0f", $2 / 1e6 }' "$counts/counts.txt"
}

# measure KIND N: prints "KIND N LINES WALL_S CPU_S PEAK_MB [MINSTR]" (CPU: user + system, all
# processes).
measure() {
    local kind=$1 n=$2 crate=$dir/$1-$2 log=$dir/$1-$2.time lines minstr=
    if [ "$kind" = gen ]; then lines=$((gen_lines * n)); else lines=$((peer_lines * n)); fi
    [ "$count" = 0 ] || minstr=$(instructions "$kind" "$n")
    if [ "$count" = only ]; then
        echo "$kind $n $lines 0 0 0 $minstr"
        return
    fi
    cargo clean -q --manifest-path "$crate/Cargo.toml" -p "bench-$kind-$n" --offline
    if ! /usr/bin/time -v cargo build -q --offline -j "$jobs" --manifest-path "$crate/Cargo.toml" 2> "$log"; then
        cat "$log" >&2
        echo "error: the $kind build at ${n}x failed" >&2
        exit 1
    fi
    awk -v kind="$kind" -v n="$n" -v lines="$lines" -v minstr="$minstr" '
        /Elapsed \(wall clock\)/ {
            t = $NF; s = 0; k = split(t, p, ":");
            for (i = 1; i <= k; i++) s = s * 60 + p[i];
        }
        /User time \(seconds\)/ || /System time \(seconds\)/ { cpu += $NF }
        /Maximum resident set size/ { mb = $NF / 1024 }
        END { printf "%s %d %d %.1f %.1f %.0f %s\n", kind, n, lines, s, cpu, mb, minstr }' "$log"
}

for n in "${sizes[@]}"; do make_crate gen "$n"; make_crate peer "$n"; done
# Dependencies once, unmeasured.
cargo build -q --offline -j "$jobs" --manifest-path "$dir/gen-${sizes[0]}/Cargo.toml"
cargo build -q --offline -j "$jobs" --manifest-path "$dir/peer-${sizes[0]}/Cargo.toml"
if [ "$count" != 0 ]; then
    for kind in gen peer; do
        RUSTC_WRAPPER="$root/generated/benches/count-rustc.sh" COUNT_RUSTC_DIR="$dir/counts-deps" \
            COUNT_RUSTC_CRATES='^$' cargo build -q --offline -j "$jobs" \
            --manifest-path "$dir/$kind-${sizes[0]}/Cargo.toml" --target-dir "$dir/target-count"
    done
fi

results=$dir/results.txt
: > "$results"
for n in "${sizes[@]}"; do
    measure gen "$n" >> "$results"
    measure peer "$n" >> "$results"
done
[ -z "${BUILD_BENCH_SAVE:-}" ] || cp "$results" "$BUILD_BENCH_SAVE"

printf '%-5s %4s %8s %7s %7s %8s %12s   %-34s\n' kind size lines wall_s cpu_s peak_MB \
    rustc_Minstr "before: lines wall_s cpu_s MB Minstr"
while read -r kind n lines secs cpu mb minstr; do
    old=$(awk -v k="$kind" -v n="$n" '$1 == k && $2 == n { print $3, $4, $5, $6, $7 }' "$before" 2>/dev/null || true)
    printf '%-5s %3sx %8s %7s %7s %8s %12s   %-34s\n' "$kind" "$n" "$lines" "$secs" "$cpu" "$mb" \
        "${minstr:--}" "$old"
done < "$results"
