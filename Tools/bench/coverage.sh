#!/usr/bin/env bash
# Benchmark of `commsmap coverage` and its scenarios on synthetic data, release build.
#
#   Tools/bench/coverage.sh [TOOLS:NETWORKS ...]     default: 10000:50 20000:100
#
# For each size it generates the data with commsmap-synth (100 criteria over 4 policies,
# seed 1), then times RUNS runs (default 3) of:
#   parse     `commsmap validate`: read, parse and validate the inventory YAML alone;
#   coverage  `commsmap coverage > /dev/null`: load, prepare, judge the usages, build the
#             coverage matrix and the interoperability pairs, render text;
#   scenarios `commsmap coverage --scenario internet-outage --without TOOL > /dev/null`:
#             the same plus two scenarios (TOOL is the first tool network-0000 uses);
#   json      the scenarios run with --format json.
# Each figure is "wall (CPU)": the median wall time, and in brackets the median CPU time
# (user + system). It prints a Markdown table with the scenarios run's CPU time over the
# parse's, and its growth from one size to the next (CPU times, the steadier figures on a
# shared machine). Data goes to $BENCH_DIR (default: a temporary folder,
# removed afterwards).
set -euo pipefail

SIZES=("$@")
if [[ ${#SIZES[@]} -eq 0 ]]; then SIZES=(10000:50 20000:100); fi
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

swift build -c release --product commsmap >&2
swift build -c release --product commsmap-synth >&2
BIN=$(swift build -c release --show-bin-path)

if [[ -n "${BENCH_DIR:-}" ]]; then
    WORK=$BENCH_DIR
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi

# "wall cpu": the median wall time and the median CPU time (user + system) in seconds of
# RUNS runs of a command (stdout discarded). CPU time is the steadier figure on a shared
# machine; wall time shows the use of both cores.
median() {
    local walls=() cpus=()
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -o "$WORK/time.txt" -f "%e %U %S" "$@" > /dev/null 2>> "$WORK/stderr.log" || true
        walls+=("$(tail -1 "$WORK/time.txt" | awk '{ print $1 }')")
        cpus+=("$(tail -1 "$WORK/time.txt" | awk '{ printf "%.2f", $2 + $3 }')")
    done
    local wall cpu
    wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }')
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }')
    echo "$wall $cpu"
}

echo "| tools | networks | usages | cells | parse (s) | coverage (s) | + outage + without (s) | json (s) | scenarios / parse | growth |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
previous=""
for size in "${SIZES[@]}"; do
    tools=${size%%:*}
    networks=${size##*:}
    data="$WORK/synth-$tools"
    "$BIN/commsmap-synth" --tools "$tools" --networks "$networks" --criteria 100 --seed 1 -o "$data" 2> /dev/null
    usages=$(cat "$data"/Inventory/networks/*.yaml | grep -c '^  - tool:')
    without=$(grep -m1 '^  - tool:' "$data/Inventory/networks/network-0000.yaml" | awk '{ print $3 }')
    cd "$data"
    cells=$("$BIN/commsmap" coverage --format csv 2> /dev/null | tail -n +2 | wc -l)
    read -r parse parse_cpu <<< "$(median "$BIN/commsmap" validate --inventory Inventory)"
    read -r coverage coverage_cpu <<< "$(median "$BIN/commsmap" coverage)"
    read -r scenarios scenarios_cpu <<< "$(median "$BIN/commsmap" coverage --scenario internet-outage --without "$without")"
    read -r json json_cpu <<< "$(median "$BIN/commsmap" coverage --scenario internet-outage --without "$without" --format json)"
    cd "$ROOT"
    ratio=$(echo "scale=2; $scenarios_cpu / $parse_cpu" | bc)
    growth="–"
    if [[ -n "$previous" ]]; then growth=$(echo "scale=2; $scenarios_cpu / $previous" | bc); fi
    previous=$scenarios_cpu
    echo "| $tools | $networks | $usages | $cells | $parse ($parse_cpu) | $coverage ($coverage_cpu) | $scenarios ($scenarios_cpu) | $json ($json_cpu) | $ratio | $growth |"
done
