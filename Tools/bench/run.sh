#!/usr/bin/env bash
# The whole benchmark set of DESIGN §9 in one run (`make bench`), then BENCHMARKS.md rewritten
# from the measured figures by Tools/bench/render.sh.
#
#   Tools/bench/run.sh [OUTPUT]        default: BENCHMARKS.md
#
# Environment (defaults in brackets): RUNS [3] repetitions of every command (CRYPTO_RUNS [5]
# for crypto.sh, ASSESS_RUNS [5] for assess.sh: their ratios decide targets); MIB [256] and
# BIG_MIB [1024] file sizes for crypto.sh; MESSAGES [10000] for exercise.sh; TOOLS [10000],
# NETWORKS [50], CRITERIA [100] for assess.sh (run at that size and twice it); BENCH_DIR (a
# folder on disk for the inputs; default a new one under /var/tmp, removed at the end);
# BENCH_KEEP=1 keeps it. Raw runs and the summary are also copied to .build/bench/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
OUTPUT=${1:-BENCHMARKS.md}
export RUNS=${RUNS:-3}
MIB=${MIB:-256}
BIG_MIB=${BIG_MIB:-1024}
MESSAGES=${MESSAGES:-10000}
TOOLS=${TOOLS:-10000}
NETWORKS=${NETWORKS:-50}
CRITERIA=${CRITERIA:-100}
cd "$HERE/../.."
ROOT=$(pwd)
case $OUTPUT in /*) ;; *) OUTPUT=$ROOT/$OUTPUT ;; esac

start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
bench_workdir
export BENCH_DIR=$BENCH_WORK BENCH_QUIET=1
rm -f "$BENCH_RAW" "$BENCH_FACTS"
bench_fact run.date "$(date -u '+%Y-%m-%d %H:%M')" "date -u '+%Y-%m-%d %H:%M'"
bench_fact run.load-start "$load_start" "cut -d' ' -f1-3 /proc/loadavg"
bench_fact machine.cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" "lscpu | sed -n 's/^Model name: *//p'"
bench_fact machine.nproc "$(nproc)" "nproc"
bench_fact machine.memory "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)" \
    "awk '/^MemTotal/ { printf \"%.1f GiB\", \$2 / 1048576 }' /proc/meminfo"
bench_fact machine.kernel "$(uname -r)" "uname -r"
dirty=""
[[ -z $(git status --porcelain --untracked-files=no) ]] || dirty=" with uncommitted changes"
bench_fact machine.commit "$(git rev-parse --short HEAD)$dirty" "git rev-parse --short HEAD; git status --porcelain"
bench_fact machine.libsodium "$(pkg-config --modversion libsodium)" "pkg-config --modversion libsodium"
bench_fact machine.age "$(age --version)" "age --version"
bench_fact machine.minisign "$(minisign -v)" "minisign -v"
bench_fact machine.swift "$(swift --version 2>&1 | head -1)" "swift --version"

build_start=$(date +%s)
bench_build commsmap commsmap-synth commsmap-exercise-synth
bench_fact run.build-seconds "$(( $(date +%s) - build_start ))" \
    "swift build -c release --product commsmap (and commsmap-synth, commsmap-exercise-synth); date +%s before and after"

# The file benchmarks are short and the most disturbed by the VM's I/O: more runs.
RUNS=${CRYPTO_RUNS:-5} "$HERE/crypto.sh" "$MIB" "$BIG_MIB"
"$HERE/exercise.sh" "$MESSAGES"
RUNS=${ASSESS_RUNS:-5} FACTORS="1 2" FORMATS=json "$HERE/assess.sh" "$TOOLS" "$NETWORKS" "$CRITERIA"

bench_fact run.load-end "$(cut -d' ' -f1-3 /proc/loadavg)" "cut -d' ' -f1-3 /proc/loadavg"
bench_fact run.seconds "$(( $(date +%s) - start ))" "Tools/bench/run.sh; date +%s at the start and the end"
mkdir -p "$ROOT/.build/bench"
bench_summary "$BENCH_RAW" > "$ROOT/.build/bench/summary.tsv"
cp "$BENCH_RAW" "$ROOT/.build/bench/raw.tsv"
cp "$BENCH_FACTS" "$ROOT/.build/bench/facts.tsv"
"$HERE/render.sh" "$ROOT/.build/bench/summary.tsv" > "$OUTPUT.tmp"
mv "$OUTPUT.tmp" "$OUTPUT"
echo "bench: wrote $OUTPUT in $(( $(date +%s) - start )) s" >&2
