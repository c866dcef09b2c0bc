#!/usr/bin/env bash
# Whole-process times of short laurel commands beside openssl doing the bare work: `laurel --version` beside
# `openssl version`, and `laurel verify` of one eddsa-rdfc-2022 badge (offline) beside `openssl pkeyutl -verify`
# of a 64-byte message with an Ed25519 key. Each is the median of RUNS runs (default 31, at least 21), timed
# from fork to exit; peak memory (max RSS) is taken from /usr/bin/time.
#
#   Scripts/bench-start.sh [LAUREL_BINARY]      (default: .build/release/laurel; build with -c release)
#   RUNS=51 Scripts/bench-start.sh
#
# Prints one line per command and the ratios; the goal is laurel verify / openssl pkeyutl -verify <= 3x.
set -euo pipefail
cd "$(dirname "$0")/.."
laurel=${1:-.build/release/laurel}
runs=${RUNS:-31}
[ -x "$laurel" ] || { echo "bench-start: no laurel binary at $laurel (swift build -c release)" >&2; exit 2; }
command -v openssl > /dev/null || { echo "bench-start: openssl is not installed" >&2; exit 2; }
command -v python3 > /dev/null || { echo "bench-start: python3 is needed for the timing" >&2; exit 2; }
[ "$runs" -ge 21 ] || { echo "bench-start: RUNS must be at least 21" >&2; exit 2; }
laurel=$(cd "$(dirname "$laurel")" && pwd)/$(basename "$laurel")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One badge, signed eddsa-rdfc-2022 by a fresh workspace, and its published status list.
"$laurel" init "$work/ws" --name "Bench College" --url https://bench.example.edu > /dev/null
"$laurel" achievement new --workspace "$work/ws" --name "Data Literacy" --description "Reads and explains data." \
    --criteria "Complete three tasks." > /dev/null
"$laurel" issue --workspace "$work/ws" --achievement data-literacy --recipient ada@example.org --name "Ada Lovelace" \
    --out "$work/badge.json" > /dev/null 2>&1
"$laurel" status publish --workspace "$work/ws" > /dev/null
grep -q '"eddsa-rdfc-2022"' "$work/badge.json" || { echo "bench-start: the badge is not eddsa-rdfc-2022" >&2; exit 1; }
status_list=$(cd "$work/ws" && ls status/*/*.json | head -1)
status_url="https://bench.example.edu/${status_list}"
status_url=${status_url%.json}

# The openssl side: an Ed25519 key, a 64-byte message and its signature.
openssl genpkey -algorithm ed25519 -out "$work/ed25519.pem" 2> /dev/null
openssl pkey -in "$work/ed25519.pem" -pubout -out "$work/ed25519.pub.pem"
head -c 64 /dev/urandom > "$work/message.bin"
openssl pkeyutl -sign -inkey "$work/ed25519.pem" -rawin -in "$work/message.bin" -out "$work/message.sig"
openssl pkeyutl -verify -pubin -inkey "$work/ed25519.pub.pem" -rawin -in "$work/message.bin" \
    -sigfile "$work/message.sig" > /dev/null

# Every command must do what it is timed for before it is timed.
check() { # expected-status command...
    local want=$1
    shift
    set +e
    "$@" > "$work/check.out" 2>&1
    local got=$?
    set -e
    if [ "$got" != "$want" ]; then
        echo "bench-start: '$*' exited $got, not $want:" >&2
        cat "$work/check.out" >&2
        exit 1
    fi
}
check 0 "$laurel" --version
check 0 "$laurel" verify "$work/badge.json" --offline --resource "$status_url=$work/ws/$status_list"
verify_offline_status=0
"$laurel" verify "$work/badge.json" --offline > /dev/null 2>&1 || verify_offline_status=$?

python3 - "$runs" "$work" "$laurel" "$status_url=$work/ws/$status_list" "$verify_offline_status" <<'PY'
import os, statistics, subprocess, sys, time

runs, work, laurel, resource, offline_status = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
badge = os.path.join(work, "badge.json")
commands = [
    ("laurel --version", [laurel, "--version"]),
    ("openssl version", ["openssl", "version"]),
    ("laurel verify BADGE --offline", [laurel, "verify", badge, "--offline"]),
    ("laurel verify BADGE --offline --resource", [laurel, "verify", badge, "--offline", "--resource", resource]),
    ("openssl pkeyutl -verify", ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
                                 os.path.join(work, "ed25519.pub.pem"), "-rawin", "-in",
                                 os.path.join(work, "message.bin"), "-sigfile", os.path.join(work, "message.sig")]),
]

def once(argv):
    start = time.perf_counter_ns()
    subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter_ns() - start) / 1e6

def peak_kb(argv):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    return int(out.strip().splitlines()[-1])

for _, argv in commands:
    for _ in range(3):  # warm the page cache
        once(argv)
# The commands take turns, run by run, so that a change in the machine's load falls on all of them alike.
times = {name: [] for name, _ in commands}
for _ in range(runs):
    for name, argv in commands:
        times[name].append(once(argv))
medians = {name: statistics.median(values) for name, values in times.items()}
print(f"median of {runs} runs, whole process (fork to exit); peak memory from /usr/bin/time")
print(f"{'command':<42} {'median':>9} {'min':>9} {'peak RSS':>10}")
for name, argv in commands:
    peak = peak_kb(argv) if os.path.exists("/usr/bin/time") else 0
    print(f"{name:<42} {medians[name]:7.2f} ms {min(times[name]):7.2f} ms {peak / 1024:7.1f} MB")

print()
print(f"(laurel verify BADGE --offline exits {offline_status}: without the status list it cannot check the status)")
def ratio(label, a, b):
    print(f"{label:<62} {medians[a] / medians[b]:5.2f}x")
ratio("laurel --version / openssl version", "laurel --version", "openssl version")
ratio("laurel verify --offline / openssl pkeyutl -verify (goal <= 3x)",
      "laurel verify BADGE --offline", "openssl pkeyutl -verify")
ratio("laurel verify --offline --resource / openssl pkeyutl -verify",
      "laurel verify BADGE --offline --resource", "openssl pkeyutl -verify")
PY
