#!/usr/bin/env bash
# commsmap encrypt/decrypt against age, sign/verify against minisign, and the raw libsodium
# ceiling, side by side on the same files (DESIGN §9), release build.
#
#   Tools/bench/crypto.sh [MIB [BIG_MIB]]      default: 256 1024
#
# Makes MIB MiB and BIG_MIB MiB of random bytes in the work folder (on disk), then RUNS
# times (default 3), each tool right after the other on the same input:
#   - encrypt MIB with age and commsmap, binary and armored (-a), to -o files;
#   - decrypt age's ciphertext of MIB (binary and armored) with age and commsmap;
#   - sign MIB with minisign and commsmap, verify minisign's signature with both;
#   - sodium-ceiling aead MIB: ChaCha20-Poly1305 alone over as many bytes;
#   - encrypt and decrypt BIG_MIB with both, for peak memory at a larger size;
#   - write MIB with dd, with and without fsync (what an fsync of the output costs here).
# Each run appends its wall, user, sys and peak RSS to $BENCH_RAW (see lib.sh); alone, the
# script prints the medians. BIG_MIB=0 skips the large file.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
MIB=${1:-256}
BIG_MIB=${2:-1024}
RUNS=${RUNS:-3}
cd "$HERE/../.."

bench_build commsmap
bench_workdir
mkdir -p "$BENCH_WORK/bin"
bench_build_ceiling "$BENCH_WORK/bin"
export PATH="$BENCH_BIN:$BENCH_WORK/bin:$PATH"
cd "$BENCH_WORK"

small="in-${MIB}M"
big="in-${BIG_MIB}M"
head -c $((MIB * 1048576)) /dev/urandom > "$small"
[[ $BIG_MIB == 0 ]] || head -c $((BIG_MIB * 1048576)) /dev/urandom > "$big"
bench_fact crypto.mib "$MIB" "Tools/bench/crypto.sh $MIB $BIG_MIB"
bench_fact crypto.big-mib "$BIG_MIB" "Tools/bench/crypto.sh $MIB $BIG_MIB"
bench_fact crypto.input "$(df --output=fstype . | tail -1)" "head -c $((MIB * 1048576)) /dev/urandom > $small; df --output=fstype ."
age-keygen -o age.key 2> /dev/null
age-keygen -y age.key > age.recipients
minisign -G -W -f -p minisign.pub -s minisign.key > /dev/null
chmod 600 age.key minisign.key
# The files both tools decrypt and verify.
age -R age.recipients -o "$small.age" "$small"
age -a -R age.recipients -o "$small.asc" "$small"
[[ $BIG_MIB == 0 ]] || age -R age.recipients -o "$big.age" "$big"
minisign -S -s minisign.key -m "$small" -x "$small.minisig" > /dev/null

export BENCH_SYNC=1
for _ in $(seq "$RUNS"); do
    bench_run encrypt.age --rm out.age -- age -R age.recipients -o out.age "$small"
    bench_run encrypt.commsmap --rm out.age -- commsmap encrypt -R age.recipients -o out.age "$small"
    bench_run decrypt.age --rm out -- age -d -i age.key -o out "$small.age"
    bench_run decrypt.commsmap --rm out -- commsmap decrypt -i age.key -o out "$small.age"
    bench_run encrypt-armor.age --rm out.asc -- age -a -R age.recipients -o out.asc "$small"
    bench_run encrypt-armor.commsmap --rm out.asc -- commsmap encrypt -a -R age.recipients -o out.asc "$small"
    bench_run decrypt-armor.age --rm out -- age -d -i age.key -o out "$small.asc"
    bench_run decrypt-armor.commsmap --rm out -- commsmap decrypt -i age.key -o out "$small.asc"
    bench_run sign.minisign --rm out.minisig -- minisign -S -s minisign.key -m "$small" -x out.minisig
    bench_run sign.commsmap --rm out.minisig -- commsmap sign -s minisign.key -x out.minisig "$small"
    bench_run verify.minisign -- minisign -V -q -p minisign.pub -m "$small" -x "$small.minisig"
    bench_run verify.commsmap -- commsmap verify -q -p minisign.pub -x "$small.minisig" "$small"
    bench_run ceiling.aead --metrics -- sodium-ceiling aead "$MIB"
    # The same while the other core copies memory, as the kernel copies a file's bytes in
    # and out while commsmap encrypts: what sharing the machine's memory traffic costs the
    # cipher (Tools/bench/notes.md, encrypt CPU).
    ( while :; do dd if=/dev/zero of=/dev/null bs=1M count=4096 status=none; done ) &
    busy=$!
    bench_run ceiling.aead-busy --metrics -- sodium-ceiling aead "$MIB"
    kill "$busy"
    wait "$busy" 2>/dev/null || true
    bench_run write.dd --rm out -- dd status=none bs=64k if="$small" of=out
    bench_run write.dd-fsync --rm out -- dd status=none bs=64k conv=fsync if="$small" of=out
    if [[ $BIG_MIB != 0 ]]; then
        bench_run encrypt-big.age --rm out.age -- age -R age.recipients -o out.age "$big"
        bench_run encrypt-big.commsmap --rm out.age -- commsmap encrypt -R age.recipients -o out.age "$big"
        bench_run decrypt-big.age --rm out -- age -d -i age.key -o out "$big.age"
        bench_run decrypt-big.commsmap --rm out -- commsmap decrypt -i age.key -o out "$big.age"
    fi
done
# A fast wrong answer is no answer: commsmap's outputs must be the right bytes.
[[ $BIG_MIB == 0 ]] || cmp -s out "$big" || { echo "crypto.sh: decrypt of $big.age gave other bytes" >&2; exit 1; }
commsmap decrypt -i age.key "$small.asc" | cmp -s - "$small" || { echo "crypto.sh: decrypt -a gave other bytes" >&2; exit 1; }
minisign -V -q -p minisign.pub -m "$small" -x out.minisig || { echo "crypto.sh: minisign rejects commsmap's signature" >&2; exit 1; }
rm -f out out.age out.asc out.minisig "$small"* "$big"*

[[ -n ${BENCH_QUIET:-} ]] || bench_summary "$BENCH_RAW"
