#!/usr/bin/env bash
# Benchmark of `commsmap assess` (and `commsmap report`, when the binary has it) on synthetic
# data (DESIGN §9), release build.
#
#   Tools/bench/assess.sh [TOOLS [NETWORKS [CRITERIA]]]     default: 10000 50 100
#
# For each factor in FACTORS (default "0.5 1 2": half the given size, the size, twice it;
# tools and networks scaled together, criteria fixed), it generates the data with
# commsmap-synth (seed 1), then times RUNS runs (default 3) of:
#   parse   `commsmap validate --inventory Inventory`: read, parse and validate the YAML alone;
#   text    `commsmap assess --format text` (only with FORMATS containing text);
#   json    `commsmap assess --format json`;
#   report  `commsmap report --format json`: assessment, coverage and scenarios in one
#           document (when `commsmap report` exists);
#   coverage `commsmap coverage --scenario internet-outage --format json` (when `commsmap
#           coverage` exists; Tools/bench/coverage.sh has more of it).
# Output goes to /dev/null. Alone, the script prints the medians as a Markdown table with
# the ratios DESIGN §9 asks for: json / parse (target ≤ 3) and the growth from one size to
# the next (doubling the input: target ≤ 2.2). Data goes to $BENCH_DIR (default: a
# temporary folder, removed afterwards).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
TOOLS=${1:-10000}
NETWORKS=${2:-50}
CRITERIA=${3:-100}
RUNS=${RUNS:-3}
FACTORS=${FACTORS:-0.5 1 2}
FORMATS=${FORMATS:-text json}
cd "$HERE/../.."

bench_build commsmap commsmap-synth
bench_workdir
export PATH="$BENCH_BIN:$PATH"
report=0
commsmap report --help > /dev/null 2>&1 && report=1
coverage=0
commsmap coverage --help > /dev/null 2>&1 && coverage=1

sizes=()
for factor in $FACTORS; do
    tools=$(printf '%.0f' "$(echo "$TOOLS * $factor" | bc)")
    networks=$(printf '%.0f' "$(echo "$NETWORKS * $factor" | bc)")
    sizes+=("$tools")
    data="$BENCH_WORK/synth-$tools"
    rm -rf "$data"
    (cd "$BENCH_WORK" && bench_run "assess.$tools.synth" -- commsmap-synth --tools "$tools" --networks "$networks" \
        --criteria "$CRITERIA" --seed 1 -o "synth-$tools")
    cd "$data"
    bench_fact "assess.$tools.tools" "$tools" "commsmap-synth --tools $tools"
    bench_fact "assess.$tools.networks" "$networks" "commsmap-synth --networks $networks"
    bench_fact "assess.$tools.criteria" "$CRITERIA" "commsmap-synth --criteria $CRITERIA"
    bench_fact "assess.$tools.usages" "$(cat Inventory/networks/*.yaml | grep -c '^  - tool:')" \
        "cat Inventory/networks/*.yaml | grep -c '^  - tool:'"
    bench_fact "assess.$tools.yaml-bytes" "$(find Inventory -name '*.yaml' -exec cat {} + | wc -c)" \
        "find Inventory -name '*.yaml' -exec cat {} + | wc -c"
    for _ in $(seq "$RUNS"); do
        bench_run "assess.$tools.parse" -- commsmap validate --inventory Inventory
        [[ $FORMATS != *text* ]] || bench_run "assess.$tools.text" -- commsmap assess --format text
        bench_run "assess.$tools.json" -- commsmap assess --format json
        [[ $report == 0 ]] || bench_run "assess.$tools.report" -- commsmap report --format json
        [[ $coverage == 0 ]] || bench_run "assess.$tools.coverage" -- commsmap coverage --scenario internet-outage --format json
    done
    cd "$BENCH_WORK"
    rm -rf "$data"
done

[[ -z ${BENCH_QUIET:-} ]] || exit 0
summary=$(bench_summary "$BENCH_RAW")
value() { awk -F'\t' -v k="$1" '$1 == k { print $2; exit }' <<< "$summary"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }
echo "| tools | networks | criteria | usages | parse wall / CPU (s) | assess json wall / CPU (s) | report json wall / CPU (s) | json / parse wall, CPU | json growth wall, CPU | peak MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
previous=""
for tools in "${sizes[@]}"; do
    k="assess.$tools"
    reportcell="–"
    [[ $report == 0 ]] || reportcell="$(value "$k.report.wall") / $(value "$k.report.cpu")"
    growth="–"
    if [[ -n $previous ]]; then
        growth="$(ratio "$(value "$k.json.wall")" "$(value "assess.$previous.json.wall")"), $(ratio "$(value "$k.json.cpu")" "$(value "assess.$previous.json.cpu")")"
    fi
    echo "| $tools | $(value "$k.networks") | $(value "$k.criteria") | $(value "$k.usages") | $(value "$k.parse.wall") / $(value "$k.parse.cpu") | $(value "$k.json.wall") / $(value "$k.json.cpu") | $reportcell | $(ratio "$(value "$k.json.wall")" "$(value "$k.parse.wall")"), $(ratio "$(value "$k.json.cpu")" "$(value "$k.parse.cpu")") | $growth | $(( $(value "$k.json.peak") / 1024 )) |"
    previous=$tools
done
