#!/usr/bin/env bash
# Batch issuance benchmark: N eddsa-rdfc-2022 credentials from a CSV roster, whole process, with wall time and
# peak memory from /usr/bin/time. Usage: Scripts/bench-batch.sh [ROWS] [LAUREL_BINARY] [files|jsonl]
# (files: one file per credential, the default; jsonl: one JSON Lines file)
# Build first: swift build -c release   (the default binary is .build/release/laurel)
#
# Besides wall time and peak memory it prints the CPU time (user + sys) per credential, and beside it the CPU
# time of one in-process eddsa-rdfc-2022 sign of the typical credential (`laurel-bench --repeat sign-rdfc`,
# measured right after the batch as the difference of two run lengths, so start-up and set-up drop out; the
# median of three) and the
# ratio of the two: what a credential costs beyond its signature. LAUREL_BENCH=path picks the laurel-bench
# binary (default: beside LAUREL_BINARY); without one the ratio is left out.
set -euo pipefail
rows=${1:-100000}
laurel=${2:-.build/release/laurel}
output=${3:-files}
[ -x "$laurel" ] || { echo "no laurel binary at $laurel (swift build -c release)"; exit 2; }
bench=${LAUREL_BENCH:-$(dirname "$laurel")/laurel-bench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$laurel" init "$work/ws" --name "Bench College" --url https://bench.example.edu > /dev/null
cat > "$work/rubric.json" <<'JSON'
[ { "id": "analysis", "name": "Analysis", "requiredLevel": "proficient",
    "levels": [ { "id": "developing", "name": "Developing", "points": "1", "description": "Describes the data." },
                { "id": "proficient", "name": "Proficient", "points": "2", "description": "Explains the data." } ] } ]
JSON
"$laurel" achievement new --workspace "$work/ws" --name "Data Literacy" --description "Reads and explains data." \
    --criteria "Complete three tasks." --rubric "$work/rubric.json" \
    --alignment "Data analysis=https://example.org/framework/1" > /dev/null
python3 - "$rows" "$work/roster.csv" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("recipient,name,results,evidence,narrative\n")
    for i in range(rows):
        f.write(f"learner{i}@example.org,Learner {i},analysis=proficient,https://example.org/projects/{i},Completed the tasks.\n")
PY
echo "issuing $rows eddsa-rdfc-2022 credentials on $(nproc) cores ($output)"
out_args=()
[ "$output" = jsonl ] && out_args=(--out "$work/credentials.jsonl")
/usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" \
    "$laurel" issue --workspace "$work/ws" --achievement data-literacy --batch "$work/roster.csv" "${out_args[@]}" 2>&1 \
    | grep -vE "^issuing:" | tail -4
read -r wall user sys peak < "$work/time.txt"
echo "wall $wall s, user $user s, sys $sys s, peak memory $peak KB"
if [ "$output" = jsonl ]; then
    echo "lines: $(wc -l < "$work/credentials.jsonl")"
else
    echo "files: $(ls "$work/ws/credentials/data-literacy" | wc -l)"
fi
sign=""
if [ -x "$bench" ]; then
    # CPU seconds (user + sys) of N in-process signs: a long run minus a short one.
    cpu() { /usr/bin/time -o "$work/sign.txt" -f "%U %S" "$bench" --repeat sign-rdfc -n "$1" > /dev/null
        awk '{ print $1 + $2 }' "$work/sign.txt"; }
    # Three measurements, the median: a busy machine makes single ones jump.
    runs=()
    for _ in 1 2 3; do
        short=$(cpu 200)
        long=$(cpu 2200)
        runs+=("$(python3 -c "print(max(($long - $short) / 2000 * 1e6, 1e-9))")")
    done
    sign=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)
fi
python3 - "$rows" "$wall" "$user" "$sys" "$sign" <<'PY'
import sys
rows, wall, user, sys_, sign = int(sys.argv[1]), *map(float, sys.argv[2:5]), sys.argv[5]
per = (user + sys_) / rows * 1e6
line = f"{rows / wall:.0f} credentials/s; CPU per credential {per:.0f} µs"
if sign:
    line += f"; in-process sign {float(sign):.0f} µs; ratio {per / float(sign):.2f}x"
print(line)
PY
