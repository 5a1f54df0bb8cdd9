#!/usr/bin/env bash
# Seeds Tools/fuzz/corpus/<harness>/ from the shared test vectors, the bundled inventory and
# policies, the test fixtures, and (when a built commsmap is given) a freshly made exercise.
# The corpora are made at run time and are not committed (Tools/fuzz/.gitignore).
#
#   Tools/fuzz/seed-corpus.sh [path/to/commsmap]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
vectors=${VECTORS:-$root/../shared/vectors}
corpus=$here/corpus
commsmap=${1:-}
mkdir -p "$corpus"/{fuzz-age,fuzz-minisign,fuzz-rule,fuzz-policy,fuzz-inventory,fuzz-exercise}

# age: the CCTV vectors without their metadata block (up to the first empty line); the
# zlib-compressed ones are skipped (their bodies would need inflating first).
if [ -d "$vectors/cctv-age" ]; then
  for f in "$vectors"/cctv-age/*; do
    name=$(basename "$f")
    [ "$name" = README.md ] && continue
    grep -q '^compressed: zlib' "$f" && continue
    offset=$(grep -abn -m1 '^$' "$f" | cut -d: -f2 || true)
    if [ -n "$offset" ]; then tail -c +"$((offset + 2))" "$f" > "$corpus/fuzz-age/$name"; else cp "$f" "$corpus/fuzz-age/$name"; fi
  done
fi

# minisign: the vector keys and signatures.
[ -d "$vectors/minisign" ] && cp "$vectors"/minisign/*.pub "$vectors"/minisign/*.minisig "$corpus/fuzz-minisign/" 2>/dev/null || true

# policies: the bundled policy files; rules: every rule and applies_when of them and of
# the AssessmentKit cases.
cp "$root"/Policies/*.yaml "$corpus/fuzz-policy/"
i=0
for f in "$root"/Policies/*.yaml "$root"/Tests/AssessmentKitTests/Cases/*.yaml; do
  { grep -E '^\s*-?\s*(rule|applies_when|when|expression):' "$f" || true; } | sed -E 's/^[^:]*:\s*//; s/^"(.*)"$/\1/' |
    while IFS= read -r rule; do
      i=$((i + 1))
      printf '%s' "$rule" > "$corpus/fuzz-rule/$(basename "$f" .yaml)-$(printf '%s' "$rule" | cksum | cut -d' ' -f1)"
    done
done

# inventory: the first byte says which kind of file the rest is (see the harness).
kind() { case "$1" in inventory.yaml) printf '\0' ;; sources.yaml) printf '\1' ;; networks/*) printf '\2' ;; tools/*) printf '\3' ;; evidence/*) printf '\4' ;; *) printf '\3' ;; esac; }
( cd "$root/Inventory" && find . -name '*.yaml' | sed 's|^\./||' ) | while IFS= read -r rel; do
  { kind "$rel"; cat "$root/Inventory/$rel"; } > "$corpus/fuzz-inventory/$(echo "$rel" | tr / _)"
done
if [ -d "$root/Tests/InventoryKitTests/Fixtures" ]; then
  ( cd "$root/Tests/InventoryKitTests/Fixtures" && find . -name '*.yaml' | sed 's|^\./||' ) | while IFS= read -r rel; do
    base=${rel#*/}
    { kind "$base"; cat "$root/Tests/InventoryKitTests/Fixtures/$rel"; } > "$corpus/fuzz-inventory/fixture-$(echo "$rel" | tr / _)"
  done
fi

# exercise: a card, a signed roster, a message and a receipt (decrypted to the signed bytes
# the parsers read), made with the built commsmap.
if [ -n "$commsmap" ] && [ -x "$commsmap" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (
    cd "$work"
    mkdir cards
    for team in control cert-de cert-fr; do
      "$commsmap" keygen --team "$team" -o "$team.key" --card-out "cards/$team.card.yaml" --no-passphrase
    done
    mv cards/control.card.yaml .
    "$commsmap" exercise roster --exercise fuzz-2026 --from 2026-10-06 --until 2026-10-08 --cards cards \
      --sign-with control.key -o roster.yaml
    echo "drill" > body.txt
    "$commsmap" exercise send --roster roster.yaml --identity cert-de.key --to cert-fr --channel misp \
      --subject Drill --now 2026-10-06T09:00:00Z -o m.age --journal de.jsonl body.txt
    "$commsmap" exercise open --roster roster.yaml --identity cert-fr.key --journal fr.jsonl \
      --now 2026-10-06T09:05:00Z --receipt-out r.age m.age > /dev/null
    "$commsmap" decrypt -i cert-fr.key -o message.signed m.age
    "$commsmap" decrypt -i cert-de.key -o receipt.signed r.age
  ) > /dev/null 2>&1 || echo "seed-corpus: could not make the exercise seeds" >&2
  for f in control.card.yaml cards/cert-de.card.yaml roster.yaml message.signed receipt.signed fr.jsonl; do
    [ -f "$work/$f" ] && cp "$work/$f" "$corpus/fuzz-exercise/$(basename "$f")"
  done
fi
# A seed for each harness in any case, so none starts empty.
printf 'team: cert-eu\n' > "$corpus/fuzz-exercise/minimal"
printf 'tool.end_to_end_encryption and tool.e2ee_by_default' > "$corpus/fuzz-rule/minimal"
for h in "$corpus"/*/; do echo "$(basename "$h"): $(ls "$h" | wc -l) seeds"; done
