# Shared by the Tools/bench scripts (sourced, not run).
#
# Every timed run goes through `bench_run`, which appends one line to $BENCH_RAW:
#   key <TAB> wall <TAB> user <TAB> sys <TAB> peak-KiB <TAB> metrics <TAB> command
# (seconds from `/usr/bin/time -f '%e %U %S %M'`; metrics are the key=value pairs of the
# command's last stdout line with --metrics, else "-"). `bench_summary` turns the runs into
# medians. Commands run in the current directory with the binaries on PATH, and the command
# column is exactly what ran, so every figure in BENCHMARKS.md names the command behind it.

# bench_run KEY [--stdout FILE] [--rm FILE]... [--metrics] -- COMMAND...
#   --stdout FILE  the command's stdout goes to FILE (default /dev/null); shown as "> FILE"
#   --rm FILE      delete FILE before the run (untimed), so every run writes a new file
#   --metrics      keep the command's stdout and record its last line of key=value pairs
# With BENCH_SYNC=1, `sync` runs before the command (untimed), so that writing back what the
# previous run left in the page cache does not land inside this one.
bench_run() {
    local key=$1 stdout=/dev/null metrics=0 shown
    shift
    local remove=()
    while [[ $1 != -- ]]; do
        case $1 in
            --stdout) stdout=$2; shift 2 ;;
            --rm) remove+=("$2"); shift 2 ;;
            --metrics) metrics=1; stdout="$BENCH_WORK/.metrics"; shift ;;
            *) echo "bench_run: unknown option $1" >&2; return 64 ;;
        esac
    done
    shift
    [[ ${#remove[@]} -eq 0 ]] || rm -f "${remove[@]}"
    [[ ${BENCH_SYNC:-0} != 1 ]] || sync
    shown="$*"
    [[ $stdout == /dev/null || $metrics == 1 ]] || shown="$shown > $stdout"
    if ! /usr/bin/time -o "$BENCH_WORK/.time" -f '%e %U %S %M' "$@" > "$stdout" 2> "$BENCH_WORK/.stderr"; then
        echo "bench: FAILED: $shown" >&2
        cat "$BENCH_WORK/.stderr" >&2
        return 1
    fi
    local wall user sys peak values=-
    read -r wall user sys peak < <(tail -1 "$BENCH_WORK/.time")
    if [[ $metrics == 1 ]]; then
        values=$(tail -1 "$stdout" | tr ' ' ',')
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$wall" "$user" "$sys" "$peak" "$values" "$shown" >> "$BENCH_RAW"
    printf 'bench: %-28s wall %6s  user %6s  sys %6s  peak %7s KiB  %s\n' "$key" "$wall" "$user" "$sys" "$peak" "$shown" >&2
}

# bench_fact KEY VALUE COMMAND: records a figure that is not a timing (a count, a size) with
# the command that gave it, in $BENCH_FACTS.
bench_fact() {
    printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$BENCH_FACTS"
    printf 'bench: %-28s %s  (%s)\n' "$1" "$2" "$3" >&2
}

# bench_summary RAW > SUMMARY: for each key, "key.field<TAB>value" lines: runs, wall, user,
# sys and cpu (user + sys of each run) as medians over its runs, peak as the largest peak
# RSS in KiB, every metric as its median, and cmd (the command of the first run).
bench_summary() {
    awk -F'\t' '
        function median(list,   n, a, i, j, t) {
            n = split(list, a, " ")
            for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
            return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        {
            k = $1
            if (!(k in runs)) { order[++count] = k; cmd[k] = $7 }
            runs[k]++
            wall[k] = wall[k] " " $2; user[k] = user[k] " " $3; sys[k] = sys[k] " " $4
            cpu[k] = cpu[k] " " ($3 + $4)
            if ($5 + 0 > peak[k] + 0) peak[k] = $5
            if ($6 != "-") {
                n = split($6, pairs, ",")
                for (i = 1; i <= n; i++) {
                    split(pairs[i], kv, "=")
                    if (kv[2] ~ /^[0-9.]+$/) {
                        if (!((k, kv[1]) in metric)) names[k] = names[k] " " kv[1]
                        metric[k, kv[1]] = metric[k, kv[1]] " " kv[2]
                    }
                }
            }
        }
        END {
            for (c = 1; c <= count; c++) {
                k = order[c]
                printf "%s.runs\t%d\n%s.wall\t%.2f\n%s.user\t%.2f\n%s.sys\t%.2f\n%s.cpu\t%.2f\n%s.peak\t%d\n%s.cmd\t%s\n",
                    k, runs[k], k, median(wall[k]), k, median(user[k]), k, median(sys[k]), k, median(cpu[k]), k, peak[k], k, cmd[k]
                n = split(names[k], list, " ")
                for (i = 1; i <= n; i++) printf "%s.%s\t%s\n", k, list[i], median(metric[k, list[i]])
            }
        }' "$1"
    if [[ -s ${BENCH_FACTS:-} ]]; then
        awk -F'\t' '{ printf "%s\t%s\n%s.cmd\t%s\n", $1, $2, $1, $3 }' "$BENCH_FACTS"
    fi
}

# Sets BENCH_BIN to the release binaries' folder, building the given products first unless
# BENCH_BIN is already set (by Tools/bench/run.sh, which builds everything once).
bench_build() {
    [[ -z ${BENCH_BIN:-} ]] || return 0
    local product
    for product in "$@"; do
        swift build -c release --product "$product" >&2
    done
    BENCH_BIN=$(swift build -c release --show-bin-path)
    export BENCH_BIN
}

# Compiles the libsodium ceiling program into DIR.
bench_build_ceiling() {
    cc -O2 -o "$1/sodium-ceiling" "$(dirname "${BASH_SOURCE[0]}")/sodium-ceiling.c" \
        $(pkg-config --cflags --libs libsodium) -lpthread
}

# A work folder on disk (not tmpfs): $BENCH_DIR, else a new one under /var/tmp, removed on exit
# unless BENCH_KEEP=1.
bench_workdir() {
    if [[ -n ${BENCH_DIR:-} ]]; then
        mkdir -p "$BENCH_DIR"
        BENCH_WORK=$(cd "$BENCH_DIR" && pwd)
    else
        BENCH_WORK=$(mktemp -d /var/tmp/commsmap-bench.XXXXXX)
        [[ ${BENCH_KEEP:-0} == 1 ]] || trap 'rm -rf "$BENCH_WORK"' EXIT
    fi
    export BENCH_WORK
    : "${BENCH_RAW:=$BENCH_WORK/raw.tsv}"
    : "${BENCH_FACTS:=$BENCH_WORK/facts.tsv}"
    export BENCH_RAW BENCH_FACTS
}
