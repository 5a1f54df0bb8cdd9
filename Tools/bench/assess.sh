#!/usr/bin/env bash
# Benchmark of `commsmap assess` on synthetic data (DESIGN §9), release build.
#
#   Tools/bench/assess.sh [TOOLS [NETWORKS [CRITERIA]]]     default: 10000 50 100
#
# For the given size, half of it and twice it (tools and networks scaled together,
# criteria fixed), it generates the data with commsmap-synth (seed 1), then times, as the
# median wall time of RUNS runs (default 3):
#   parse  `commsmap validate`: read, parse and validate the inventory YAML alone;
#   text   `commsmap assess --format text > /dev/null`;
#   json   `commsmap assess --format json > /dev/null`.
# It prints a Markdown table with the ratios DESIGN §9 asks for: json / parse (target
# ≤ 3) and the growth from one size to the next (doubling the input: target ≤ 2.2).
# Data goes to $BENCH_DIR (default: a temporary folder, removed afterwards).
set -euo pipefail

TOOLS=${1:-10000}
NETWORKS=${2:-50}
CRITERIA=${3:-100}
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

# Median wall time in seconds of RUNS runs of a command (stdout discarded).
median() {
    local times=()
    for _ in $(seq "$RUNS"); do
        local start end
        start=$(date +%s.%N)
        "$@" > /dev/null 2>> "$WORK/stderr.log" || true
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }'
}

# Peak resident memory (MiB) of one run.
peak() {
    /usr/bin/time -f "%M" "$@" 2>&1 > /dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}

echo "| tools | networks | criteria | usages | parse (s) | assess text (s) | assess json (s) | json / parse | json growth | peak MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
previous=""
for factor in 0.5 1 2; do
    tools=$(printf '%.0f' "$(echo "$TOOLS * $factor" | bc)")
    networks=$(printf '%.0f' "$(echo "$NETWORKS * $factor" | bc)")
    data="$WORK/synth-$tools"
    "$BIN/commsmap-synth" --tools "$tools" --networks "$networks" --criteria "$CRITERIA" --seed 1 -o "$data" 2> /dev/null
    usages=$(cat "$data"/Inventory/networks/*.yaml | grep -c '^  - tool:')
    cd "$data"
    parse=$(median "$BIN/commsmap" validate --inventory Inventory)
    text=$(median "$BIN/commsmap" assess --format text)
    json=$(median "$BIN/commsmap" assess --format json)
    memory=$(peak "$BIN/commsmap" assess --format json)
    cd "$ROOT"
    ratio=$(echo "scale=2; $json / $parse" | bc)
    growth="–"
    if [[ -n "$previous" ]]; then growth=$(echo "scale=2; $json / $previous" | bc); fi
    previous=$json
    echo "| $tools | $networks | $CRITERIA | $usages | $parse | $text | $json | $ratio | $growth | $memory |"
done
