#!/usr/bin/env bash
# Load run for `laurel serve`: POST /api/verify with an eddsa-rdfc-2022 credential, on loopback, with wrk.
#
#   Scripts/load-verify.sh [DURATION_SECONDS] [CONNECTIONS] [WRK_THREADS] [typical|rubric]   (defaults: 10 8 1 typical)
#
# Builds laurel in release mode, makes a workspace with one signed badge and its published status list — typical:
# a plain achievement (about 2 KB signed, `laurel init` + `achievement new` + `issue` + `status publish`); rubric:
# the `laurel demo` badge (about 10 KB: a three-criterion rubric, alignment, evidence) — starts `laurel serve` on a free loopback port, checks that one request answers "valid", runs wrk
# for the given time and prints requests per second and latency percentiles, then stops the server. The target
# is at least 3,000 verifications per second with p99 under 20 ms on a 2-core machine. Needs wrk (Debian: wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-10}"
connections="${2:-8}"
threads="${3:-1}"
kind="${4:-typical}"

if ! command -v wrk >/dev/null 2>&1; then
    echo "load-verify: wrk is not installed (apt-get install wrk)" >&2
    exit 3
fi

echo "load-verify: building laurel (release)"
swift build -c release --product laurel 2>&1 | tail -1
laurel="$(swift build -c release --show-bin-path)/laurel"

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
"$laurel" serve --workspace "$workspace" --host 127.0.0.1 --port "$port" --offline > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done

verdict="$(curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$credential" \
    "http://127.0.0.1:$port/api/verify" | python3 -c 'import json, sys; print(json.load(sys.stdin)["verdict"])')"
echo "load-verify: one request answers: $verdict"
[ "$verdict" = "valid" ] || { echo "load-verify: expected valid" >&2; exit 1; }

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
end
LUA

echo "load-verify: wrk -t$threads -c$connections -d${duration}s POST /api/verify ($kind badge, $(wc -c < "$credential") bytes, eddsa-rdfc-2022), $(nproc) cores"
wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/api/verify"
