#!/usr/bin/env bash
# `commsmap exercise report` over MESSAGES messages and as many receipts against the rate the
# libsodium operations alone allow (DESIGN §9), release build.
#
#   Tools/bench/exercise.sh [MESSAGES]      default: 10000
#
# commsmap-exercise-synth makes a roster, control's identity and MESSAGES messages with their
# receipts through the library (Tools/bench/exercise-synth). Then, RUNS times (default 3):
#   - commsmap exercise report --format json over the whole inbox (every file decrypted with
#     control's key and its signatures verified, on all cores);
#   - sodium-ceiling message FILES CORES: one X25519 + one Ed25519 verification per file,
#     the reference of DESIGN §9, on as many threads as cores;
#   - sodium-ceiling message FILES CORES 2: the same with the two Ed25519 verifications
#     a minisign signature takes (signature and global signature), which the protocol needs.
# Alone, the script prints the medians.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
MESSAGES=${1:-10000}
RUNS=${RUNS:-3}
cd "$HERE/../.."

bench_build commsmap commsmap-exercise-synth
bench_workdir
mkdir -p "$BENCH_WORK/bin"
bench_build_ceiling "$BENCH_WORK/bin"
export PATH="$BENCH_BIN:$BENCH_WORK/bin:$PATH"
cd "$BENCH_WORK"

rm -rf exercise
bench_run exercise.synth -- commsmap-exercise-synth --messages "$MESSAGES" -o exercise
files=$(find exercise/inbox -type f | wc -l)
cores=$(nproc)
bench_fact exercise.files "$files" "find exercise/inbox -type f | wc -l"
bench_fact exercise.bytes "$(du -sb exercise/inbox | cut -f1)" "du -sb exercise/inbox"
bench_fact exercise.cores "$cores" "nproc"

# Every file verified and every receipt matched (exit 0), and all of them were counted.
commsmap exercise report --roster exercise/roster.yaml --identity exercise/control.key exercise/inbox \
    > exercise/report.txt
for _ in $(seq "$RUNS"); do
    bench_run exercise.report -- commsmap exercise report --roster exercise/roster.yaml \
        --identity exercise/control.key --format json exercise/inbox
    bench_run ceiling.message --metrics -- sodium-ceiling message "$files" "$cores"
    bench_run ceiling.message-2verify --metrics -- sodium-ceiling message "$files" "$cores" 2
done
rm -rf exercise

[[ -n ${BENCH_QUIET:-} ]] || bench_summary "$BENCH_RAW"
