#!/usr/bin/env bash
# Load run for `laurel serve`: POST /api/verify with an eddsa-rdfc-2022 credential, on loopback, with wrk.
#
#   Scripts/load-verify.sh [options] [DURATION_SECONDS] [CONNECTIONS] [WRK_THREADS] [typical|rubric]
#       (defaults: 10 8 1 typical)
#
#   --runs N       run wrk N times against the same server and print each run and the medians (default 1)
#   --pin          pin the server to CPU 0 and wrk to CPU 1 (taskset); without it both float over every core
#   --no-build     use the release laurel already built
#   --laurel PATH  use this laurel binary (no build), e.g. a copy of an earlier build to compare with
#   --perf FILE    record the server with `perf record -g` during the (first) run, into FILE
#   --warmup S     send load for S seconds before the measured runs (default 2)
#   --callgrind N  instead of wrk: run the server under valgrind's callgrind, send 20 requests to warm it up, then
#                  N more (one connection, kept alive), and print the instructions per request and where they go
#                  (a measure that does not move with the load of a shared machine); the profile is kept in
#                  .build/callgrind/serve-KIND.out for callgrind_annotate
#
# Builds laurel in release mode, makes a workspace with one signed badge and its published status list — typical:
# a plain achievement (about 2 KB signed, `laurel init` + `achievement new` + `issue` + `status publish`); rubric:
# the `laurel demo` badge (about 10 KB: a three-criterion rubric, alignment, evidence) — starts `laurel serve` on a
# free loopback port, checks that one request answers "valid", runs wrk for the given time and prints requests per
# second and latency percentiles, then the server's peak resident memory, and stops the server. The target is at
# least 4,000 verifications per second with p99 under 5 ms on a 2-core machine (typical badge). Needs wrk (Debian:
# wrk), and taskset (util-linux) for --pin.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1
callgrind=0
laurel=""
pin=0
build=1
perf_out=""
warmup=2
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --pin) pin=1; shift ;;
        --no-build) build=0; shift ;;
        --laurel) laurel="$2"; build=0; shift 2 ;;
        --perf) perf_out="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --callgrind) callgrind="$2"; shift 2 ;;
        --) shift; break ;;
        -*) echo "load-verify: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
duration="${1:-10}"
connections="${2:-8}"
threads="${3:-1}"
kind="${4:-typical}"

if ! command -v wrk >/dev/null 2>&1; then
    echo "load-verify: wrk is not installed (apt-get install wrk)" >&2
    exit 3
fi
server_cpus=()
wrk_cpus=()
if [ "$pin" = 1 ]; then
    server_cpus=(taskset -c 0)
    wrk_cpus=(taskset -c 1)
fi

if [ "$build" = 1 ]; then
    echo "load-verify: building laurel (release)"
    swift build -c release --product laurel 2>&1 | tail -1
fi
[ -n "$laurel" ] || laurel="$(swift build -c release --show-bin-path)/laurel"

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ "$kind" = "rubric" ]; then
    "$laurel" demo --dir "$work/demo" > "$work/setup.log" 2>&1
    workspace="$work/demo/issuer"
    credential="$(ls "$workspace"/credentials/*.json | head -1)"
else
    workspace="$work/issuer"
    credential="$work/badge.json"
    {
        "$laurel" init "$workspace" --name "Example College" --url https://example.edu
        "$laurel" achievement new --workspace "$workspace" --name "Data Literacy" \
            --description "Reads data critically and explains what it shows." --criteria "Complete three tasks."
        "$laurel" issue --workspace "$workspace" --achievement data-literacy --recipient ada@example.org --out "$credential"
        "$laurel" status publish --workspace "$workspace"
    } > "$work/setup.log" 2>&1
fi
grep -q '"cryptosuite": "eddsa-rdfc-2022"' "$credential" || { echo "load-verify: the credential is not eddsa-rdfc-2022" >&2; exit 1; }

# A free loopback port.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
valgrind=()
serve_options=()
if [ "$callgrind" != 0 ]; then
    # Under valgrind the first verifications take seconds.
    serve_options=(--request-timeout 600)
    command -v valgrind > /dev/null || { echo "load-verify: valgrind is not installed (apt-get install valgrind)" >&2; exit 3; }
    valgrind=(valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" --dump-line=no)
    # valgrind cannot read the binary's debug information; the symbol table it keeps is enough for names.
    strip --strip-debug -o "$work/laurel" "$laurel"
    laurel="$work/laurel"
fi
"${server_cpus[@]}" "${valgrind[@]}" "$laurel" serve --workspace "$workspace" --host 127.0.0.1 --port "$port" --offline "${serve_options[@]}" > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done

verdict="$(curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$credential" \
    "http://127.0.0.1:$port/api/verify" | python3 -c 'import json, sys; print(json.load(sys.stdin)["verdict"])')"
echo "load-verify: one request answers: $verdict"
[ "$verdict" = "valid" ] || { echo "load-verify: expected valid" >&2; exit 1; }

if [ "$callgrind" != 0 ]; then
    # One connection, kept alive; every answer must be 200 and "valid".
    send() {
        python3 - "$port" "$credential" "$1" <<'PY'
import http.client, json, sys
port, path, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
body = open(path, "rb").read()
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(count):
    connection.request("POST", "/api/verify", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    answer = response.read()
    assert response.status == 200 and json.loads(answer)["verdict"] == "valid", (response.status, answer[:200])
PY
    }
    send 20
    callgrind_control -z "$server_pid" > /dev/null
    send "$callgrind"
    callgrind_control -d "$server_pid" > /dev/null
    sleep 1
    dump="$(ls -t "$work"/callgrind.out* | grep -v '^$' | head -1)"
    mkdir -p .build/callgrind
    cp "$dump" ".build/callgrind/serve-$kind.out"
    total="$(sed -n 's/^summary: //p;s/^totals: //p' "$dump" | head -1)"
    echo "load-verify: callgrind: $callgrind requests ($kind badge, $(wc -c < "$credential") bytes): $(( total / callgrind )) instructions per request"
    callgrind_annotate --inclusive=yes "$dump" 2> /dev/null | { swift demangle --simplified 2> /dev/null || cat; } \
        > "$work/annotated.txt"
    python3 - "$callgrind" "$total" "$work/annotated.txt" <<'PY'
import re, sys
requests, total = int(sys.argv[1]), int(sys.argv[2])
inclusive = {}
for line in open(sys.argv[3]):
    match = re.match(r"\s*([\d,]+) \([^)]*\)\s+(?:\*\s+)?(?:[^:]*:)?(.*)$", line)
    if match:
        cost = int(match.group(1).replace(",", ""))
        inclusive[match.group(2).strip()] = max(cost, inclusive.get(match.group(2).strip(), 0))
def cost(*patterns):
    return max((value for name, value in inclusive.items() if any(p in name for p in patterns)), default=0)
verify = cost("VerificationService.verifyNow(")
badge_status = cost("StatusPolicy.evaluate(")
schema = cost("SchemaPolicy.check(")
render = cost("VerificationReport.jsonLineBytes.getter", "VerificationReport.jsonLine.getter")
pool = cost("PoolState.work()")
loop = cost("SelectableEventLoop.run()")
cooperative = cost("_dispatch_worker_thread")
clock = cost("PoolState.keepDeadlines()")
rows = [
    ("verification (Verifier.verify)", verify),
    ("  of which the status check", badge_status),
    ("  of which the JSON Schema check", schema),
    ("report rendering (JSON)", render),
    ("pool: hand-over, wake-ups, locks", max(0, pool - verify - render)),
    ("event loop: HTTP, routing, sockets", loop),
    ("Swift's cooperative threads", cooperative),
    ("pool deadline thread", clock),
]
accounted = pool + loop + cooperative + clock
rows.append(("other (main thread, timers, unwinding)", max(0, total - accounted)))
for name, value in rows:
    print("load-verify:   %-40s %9d instructions per request  %5.1f%%" % (name, value // requests, 100 * value / total))
PY
    exit 0
fi

cat > "$work/post.lua" <<LUA
local file = io.open("$credential", "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    io.write(string.format("load-verify: %d requests in %.1f s: %.0f requests/s; errors: %d non-2xx, %d socket\n",
        summary.requests, seconds, summary.requests / seconds, summary.errors.status,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
    io.write(string.format("load-verify: latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, latency.max / 1000))
    io.write(string.format("load-verify-result: %.1f %.3f %.3f %d %d\n", summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        summary.requests))
end
LUA

url="http://127.0.0.1:$port/api/verify"
# The server's user and system CPU time so far, in clock ticks (all its threads).
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
pinned="$([ "$pin" = 1 ] && echo "server on CPU 0, wrk on CPU 1" || echo "not pinned")"
echo "load-verify: wrk -t$threads -c$connections -d${duration}s POST /api/verify ($kind badge, $(wc -c < "$credential") bytes, eddsa-rdfc-2022), $(nproc) cores, $pinned, $runs run(s)"
if [ "$warmup" != 0 ]; then
    "${wrk_cpus[@]}" wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$work/post.lua" "$url" > /dev/null
fi
: > "$work/results"
for run in $(seq 1 "$runs"); do
    perf_pid=""
    if [ -n "$perf_out" ] && [ "$run" = 1 ]; then
        perf record -g -o "$perf_out" -p "$server_pid" -- sleep "$duration" > "$work/perf.log" 2>&1 &
        perf_pid=$!
    fi
    cpu_before="$(server_cpu_ticks)"
    "${wrk_cpus[@]}" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "$url" > "$work/wrk.out"
    cpu_after="$(server_cpu_ticks)"
    if [ -n "$perf_pid" ]; then wait "$perf_pid" || true; fi
    requests="$(awk '/^load-verify-result:/ { print $6 }' "$work/wrk.out")"
    echo "load-verify: server CPU per request: $(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { printf "%.0f", (n > 0 ? (b - a) / hz * 1e6 / n : 0) }') µs" >> "$work/wrk.out"
    if [ "$runs" = 1 ]; then
        grep -v '^load-verify-result:' "$work/wrk.out"
    else
        grep '^load-verify:' "$work/wrk.out" | sed "s/^load-verify:/load-verify: run $run:/"
    fi
    echo "$(grep '^load-verify-result:' "$work/wrk.out" | cut -d' ' -f2-5) $(grep -o 'CPU per request: [0-9]*' "$work/wrk.out" | grep -o '[0-9]*$')" >> "$work/results"
done
if [ "$runs" != 1 ]; then
    python3 - "$work/results" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
rps, p50, p99, errors, cpu = zip(*rows)
print("load-verify: median of %d runs: %.0f requests/s, p50 %.2f ms, p99 %.2f ms, server CPU %.0f µs per request "
      "(requests/s from %.0f to %.0f; %d errors in all)"
      % (len(rows), statistics.median(rps), statistics.median(p50), statistics.median(p99), statistics.median(cpu),
         min(rps), max(rps), sum(errors)))
PY
fi
# Where the server's CPU time went, by thread name (verification workers, event loop, Swift's cooperative threads).
echo "load-verify: server CPU time by thread (whole run, warm-up included):"
for task in /proc/"$server_pid"/task/*; do
    printf '%s %s\n' "$(tr ' ' '_' < "$task/comm")" "$(awk '{ print $14 + $15 }' "$task/stat")"
done | awk -v hz="$(getconf CLK_TCK)" '{ sum[$1] += $2; total += $2 }
    END { for (name in sum) if (sum[name] > 0) printf "load-verify:   %-18s %7.2f s  %5.1f%%\n", name, sum[name] / hz, 100 * sum[name] / total }' | sort -k3 -nr
echo "load-verify: server peak resident memory: $(awk '/VmHWM/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$server_pid/status")"
