#!/usr/bin/env bash
# Benchmark of `commsmap assess` on synthetic data (DESIGN §9), release build.
#
#   Tools/bench/assess.sh [TOOLS [NETWORKS [CRITERIA]]]     default: 10000 50 100
#
# For the given size, half of it and twice it (tools and networks scaled together,
# criteria fixed), it generates the data with commsmap-synth (seed 1), then times, as the
# median wall and CPU time of RUNS runs (default 3):
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

# "WALL CPU": the median wall time and the median CPU time (user + system) in seconds of
# RUNS runs of a command (stdout discarded). CPU time is less disturbed by other load on
# the machine; wall time shows the gain of the parallel parts.
measure() {
    local walls=() cpus=()
    for _ in $(seq "$RUNS"); do
        local line
        /usr/bin/time -f "TIME %e %U %S" "$@" > /dev/null 2> "$WORK/run.err" || true
        line=$(grep '^TIME' "$WORK/run.err" | tail -1)
        cat "$WORK/run.err" >> "$WORK/stderr.log"
        walls+=("$(echo "$line" | awk '{ print $2 }')")
        cpus+=("$(echo "$line" | awk '{ print $3 + $4 }')")
    done
    local wall cpu
    wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }')
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }')
    echo "$wall $cpu"
}

# Peak resident memory (MiB) of one run.
peak() {
    /usr/bin/time -f "%M" "$@" 2>&1 > /dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}

echo "| tools | networks | criteria | usages | parse wall / CPU (s) | assess text wall / CPU (s) | assess json wall / CPU (s) | json / parse wall, CPU | json growth wall, CPU | peak MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
previous_wall=""
previous_cpu=""
for factor in 0.5 1 2; do
    tools=$(printf '%.0f' "$(echo "$TOOLS * $factor" | bc)")
    networks=$(printf '%.0f' "$(echo "$NETWORKS * $factor" | bc)")
    data="$WORK/synth-$tools"
    "$BIN/commsmap-synth" --tools "$tools" --networks "$networks" --criteria "$CRITERIA" --seed 1 -o "$data" 2> /dev/null
    usages=$(cat "$data"/Inventory/networks/*.yaml | grep -c '^  - tool:')
    cd "$data"
    read -r parse_wall parse_cpu < <(measure "$BIN/commsmap" validate --inventory Inventory)
    read -r text_wall text_cpu < <(measure "$BIN/commsmap" assess --format text)
    read -r json_wall json_cpu < <(measure "$BIN/commsmap" assess --format json)
    memory=$(peak "$BIN/commsmap" assess --format json)
    cd "$ROOT"
    ratio="$(echo "scale=2; $json_wall / $parse_wall" | bc), $(echo "scale=2; $json_cpu / $parse_cpu" | bc)"
    growth="–"
    if [[ -n "$previous_wall" ]]; then
        growth="$(echo "scale=2; $json_wall / $previous_wall" | bc), $(echo "scale=2; $json_cpu / $previous_cpu" | bc)"
    fi
    previous_wall=$json_wall
    previous_cpu=$json_cpu
    echo "| $tools | $networks | $CRITERIA | $usages | $parse_wall / $parse_cpu | $text_wall / $text_cpu | $json_wall / $json_cpu | $ratio | $growth | $memory |"
done
