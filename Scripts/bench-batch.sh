#!/usr/bin/env bash
# Batch issuance benchmark: N eddsa-rdfc-2022 credentials from a CSV roster, whole process, with wall time and
# peak memory from /usr/bin/time. Usage: Scripts/bench-batch.sh [ROWS] [LAUREL_BINARY] [files|jsonl]
# (files: one file per credential, the default; jsonl: one JSON Lines file)
# Build first: swift build -c release   (the default binary is .build/release/laurel)
set -euo pipefail
rows=${1:-100000}
laurel=${2:-.build/release/laurel}
output=${3:-files}
[ -x "$laurel" ] || { echo "no laurel binary at $laurel (swift build -c release)"; exit 2; }
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
/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak memory %M KB" \
    "$laurel" issue --workspace "$work/ws" --achievement data-literacy --batch "$work/roster.csv" "${out_args[@]}" 2>&1 \
    | grep -vE "^issuing:" | tail -4
if [ "$output" = jsonl ]; then
    echo "lines: $(wc -l < "$work/credentials.jsonl")"
else
    echo "files: $(ls "$work/ws/credentials/data-literacy" | wc -l)"
fi
