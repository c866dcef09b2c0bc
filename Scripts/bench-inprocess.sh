#!/usr/bin/env bash
# In-process proof operations beside the bare Ed25519 operation they wrap, paired: each round times the bare
# operation and then the proof operation right after it (`laurel-bench --repeat OP --time`, thread-free wall time
# of COUNT runs after one untimed run), so a slow moment of a shared machine falls on both sides of a pair. Prints
# each pair's ratio and the medians over ROUNDS rounds (default 7, at least 5), with the peak memory of the proof
# operation's process.
#
#   Scripts/bench-inprocess.sh [LAUREL_BENCH]     (default: .build/release/laurel-bench; swift build -c release)
#   ROUNDS=9 COUNT=3000 Scripts/bench-inprocess.sh
#
# Pairs: verify-rdfc / ed25519-verify, sign-rdfc / ed25519-sign, verify-jcs / ed25519-verify (the goals of the
# performance issue: <= 1.5x, <= 3x, <= 1.1x).
set -euo pipefail
bench=${1:-.build/release/laurel-bench}
rounds=${ROUNDS:-7}
count=${COUNT:-2000}
[ -x "$bench" ] || { echo "bench-inprocess: no laurel-bench at $bench (swift build -c release)" >&2; exit 2; }
[ "$rounds" -ge 5 ] || { echo "bench-inprocess: ROUNDS must be at least 5" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Microseconds of one operation (one round of COUNT), and the peak memory of that process in KB.
time_op() { # operation
    /usr/bin/time -o "$work/rss" -f "%M" "$bench" --repeat "$1" -n "$count" --time --rounds 1 > "$work/out"
    awk '{ print $2 }' "$work/out" | tr -d 'µ'
}
rss() { cat "$work/rss"; }

pair() { # proof-operation bare-operation goal
    local op=$1 bare=$2 goal=$3 ratios=() ops=() bares=() peak=0
    for _ in $(seq "$rounds"); do
        b=$(time_op "$bare")
        o=$(time_op "$op")
        peak=$(rss)
        ops+=("$o"); bares+=("$b")
        ratios+=("$(python3 -c "print(f'{$o / $b:.3f}')")")
    done
    python3 - "$op" "$bare" "$goal" "$peak" "${ops[*]}" "${bares[*]}" "${ratios[*]}" <<'PY'
import statistics, sys
op, bare, goal, peak = sys.argv[1:5]
ops, bares, ratios = ([float(x) for x in a.split()] for a in sys.argv[5:8])
m = statistics.median
print(f"{op:16} median {m(ops):8.1f} µs   {bare:15} median {m(bares):7.1f} µs   "
      f"ratio median {m(ratios):.2f}x (pairs {' '.join(f'{r:.2f}' for r in ratios)})   goal <= {goal}x   "
      f"peak {int(peak) // 1024} MiB")
PY
}

echo "in-process, $rounds paired rounds of $count operations each (typical 2.7 KB OB 3.0 credential)"
pair verify-rdfc ed25519-verify 1.5
pair sign-rdfc ed25519-sign 3
pair verify-jcs ed25519-verify 1.1
