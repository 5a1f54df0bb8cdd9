#!/usr/bin/env bash
# A complete local exercise: control and five teams test every channel of one network of
# the inventory, end to end, with the built commsmap binary, and control writes its report
# and the evidence file that the inventory loads as tool.evidence.*.
#
# Usage: Tools/exercise-drill/drill.sh [NETWORK]
#   NETWORK      an inventory network id (default: csirts-network)
# Environment:
#   COMMSMAP     the binary (default: .build/debug/commsmap, else .build/release/commsmap)
#   INVENTORY    the inventory folder (default: Inventory)
#   WORKDIR      where the drill runs (default: a new temporary folder, kept and printed)
#   EVIDENCE_OUT also copy the evidence file here (a folder, e.g. Inventory/evidence)
#   DAY          the drill's date, YYYY-MM-DD (default: today, UTC)
#
# The teams' keys are made with --no-passphrase, for automation only. Each team's clock is
# given with --now so that the run follows a fixed timeline: team i sends its message on
# channel c at 09:00 + 2 (5c + i) minutes, and the recipient opens it 1 to 4 minutes later.
# Messages on every second channel pass through a "chat client" that indents them and
# turns their line endings into CRLF, which commsmap undoes before decrypting.
set -euo pipefail

NETWORK="${1:-csirts-network}"
INVENTORY="${INVENTORY:-Inventory}"
if [[ -z "${COMMSMAP:-}" ]]; then
    for candidate in .build/debug/commsmap .build/release/commsmap; do
        [[ -x "$candidate" ]] && COMMSMAP="$candidate" && break
    done
fi
[[ -x "${COMMSMAP:-}" ]] || { echo "drill: build commsmap first (swift build), or set COMMSMAP" >&2; exit 2; }
COMMSMAP="$(cd "$(dirname "$COMMSMAP")" && pwd)/$(basename "$COMMSMAP")"
INVENTORY="$(cd "$INVENTORY" && pwd)"
DAY="${DAY:-$(date -u +%Y-%m-%d)}"
NEXT_DAY="$(date -u -d "$DAY + 1 day" +%Y-%m-%d)"
BASE="$(date -u -d "$DAY 09:00:00" +%s)"
WORKDIR="${WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/commsmap-drill.XXXXXX")}"
mkdir -p "$WORKDIR"
cd "$WORKDIR"

EXERCISE="drill-$NETWORK-$DAY"
CONTROL=exercise-control
TEAMS=(cert-de cert-es cert-eu cert-fr cert-it)

at() { date -u -d "@$((BASE + $1 * 60))" +%Y-%m-%dT%H:%M:%SZ; }
say() { printf 'drill: %s\n' "$*" >&2; }

# The channels: every tool the network uses, from the inventory.
mapfile -t CHANNELS < <("$COMMSMAP" inventory show --inventory "$INVENTORY" --format json "$NETWORK" \
    | grep -o '"tool" *: *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/' | sort -u)
[[ ${#CHANNELS[@]} -gt 0 ]] || { echo "drill: network $NETWORK uses no tools" >&2; exit 2; }
say "exercise $EXERCISE in $WORKDIR: control and ${#TEAMS[@]} teams over ${#CHANNELS[@]} channels (${CHANNELS[*]})"

# Keys and cards; control signs the roster.
mkdir -p cards inbox control-inbox receipts
for team in "$CONTROL" "${TEAMS[@]}"; do
    card_dir=cards
    [[ "$team" == "$CONTROL" ]] && card_dir=.
    "$COMMSMAP" keygen --team "$team" --name "${team^^}" --network "$NETWORK" -o "$team.key" \
        --card-out "$card_dir/$team.card.yaml" --no-passphrase
done
"$COMMSMAP" exercise roster --exercise "$EXERCISE" --from "$DAY" --until "$NEXT_DAY" --cards cards \
    --sign-with "$CONTROL.key" -o roster.yaml

# The channel between two teams: a copy for the recipient (damaged like a chat client would
# on every second channel) and control's copy.
transport() { # channel-index file recipient-copy
    if (( $1 % 2 == 1 )); then
        { printf 'Hi team, drill message below.\r\n\r\n'; sed -e 's/^/    /' -e 's/$/\r/' "$2"; } > "$3"
    else
        cp "$2" "$3"
    fi
}

sent=0
for c in "${!CHANNELS[@]}"; do
    channel="${CHANNELS[$c]}"
    for i in "${!TEAMS[@]}"; do
        from="${TEAMS[$i]}"
        to="${TEAMS[$(( (i + 1) % ${#TEAMS[@]} ))]}"
        minute=$(( 2 * (5 * c + i) ))
        latency=$(( 1 + (i + c) % 4 ))
        message="control-inbox/message-$channel-$from-$to.asc"
        printf 'Drill inject %d on %s from %s to %s.\n' "$((minute / 2))" "$channel" "$from" "$to" \
            | "$COMMSMAP" exercise send --roster roster.yaml --identity "$from.key" --journal "$from.jsonl" \
                --to "$to" --channel "$channel" --subject "Drill on $channel" --now "$(at "$minute")" -o "$message"
        transport "$c" "$message" "inbox/$channel-$from-$to.txt"
        "$COMMSMAP" exercise open --roster roster.yaml --identity "$to.key" --journal "$to.jsonl" -q \
            --now "$(at $((minute + latency)))" --receipt-out "receipts/$channel-$from-$to.asc" \
            "inbox/$channel-$from-$to.txt" > /dev/null
        cp "receipts/$channel-$from-$to.asc" "control-inbox/receipt-$channel-$from-$to.asc"
        sent=$((sent + 1))
    done
done
say "$sent messages sent, opened and receipted"

for team in "${TEAMS[@]}"; do
    "$COMMSMAP" exercise journal verify --journal "$team.jsonl" > /dev/null
done
say "every team journal verifies"

# Control's report and the evidence file, then the evidence loaded by the inventory.
mkdir -p evidence
"$COMMSMAP" exercise report --roster roster.yaml --identity "$CONTROL.key" --format json \
    --title "commsmap drill of $NETWORK on $DAY" control-inbox > report.json
"$COMMSMAP" exercise report --roster roster.yaml --identity "$CONTROL.key" \
    --title "commsmap drill of $NETWORK on $DAY" --evidence-out evidence control-inbox
rm -rf inventory && cp -R "$INVENTORY" inventory && mkdir -p inventory/evidence
cp "evidence/$EXERCISE.yaml" inventory/evidence/
# Warnings are expected when the drill runs after the inventory's as_of date.
"$COMMSMAP" validate --inventory inventory > /dev/null 2> validate.log
say "the evidence loads ($(grep -c ': warning: ' validate.log || true) warnings in validate.log): commsmap inventory show --inventory $WORKDIR/inventory ${CHANNELS[0]}"
if [[ -n "${EVIDENCE_OUT:-}" ]]; then
    cp "evidence/$EXERCISE.yaml" "$EVIDENCE_OUT/"
    say "evidence copied to $EVIDENCE_OUT/$EXERCISE.yaml"
fi
say "report: $WORKDIR/report.json; evidence: $WORKDIR/evidence/$EXERCISE.yaml"
cat "evidence/$EXERCISE.yaml"
