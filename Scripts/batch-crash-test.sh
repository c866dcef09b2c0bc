#!/usr/bin/env bash
# Kill a batch with SIGKILL halfway through 20,000 rows, rerun it, and check that every row was issued exactly
# once and that the ledger and the output files agree. Usage: Scripts/batch-crash-test.sh [LAUREL_BINARY]
set -euo pipefail
laurel=${1:-.build/release/laurel}
rows=${ROWS:-20000}
[ -x "$laurel" ] || { echo "no laurel binary at $laurel (swift build -c release)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$laurel" init "$work/ws" --name "Crash College" --url https://crash.example.edu > /dev/null
"$laurel" achievement new --workspace "$work/ws" --name "Teamwork" --description "Works well with others." \
    --criteria "Peer-reviewed project." > /dev/null
python3 -c "
import sys
print('recipient,name')
for i in range($rows): print(f'learner{i}@example.org,Learner {i}')
" > "$work/roster.csv"
out="$work/ws/credentials/teamwork"
"$laurel" issue --workspace "$work/ws" --achievement teamwork --batch "$work/roster.csv" > /dev/null 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
    count=$( (ls "$out" 2>/dev/null || true) | wc -l)
    if [ "$count" -ge $((rows / 2)) ]; then kill -9 "$pid"; echo "killed with SIGKILL at $count files"; break; fi
    sleep 0.05
done
wait "$pid" 2>/dev/null || true
"$laurel" issue --workspace "$work/ws" --achievement teamwork --batch "$work/roster.csv" | head -1
python3 - "$work/ws" "$rows" <<'PY'
import hashlib, os, sqlite3, sys
ws, rows = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(os.path.join(ws, "ledger.sqlite"))
records = db.execute("SELECT id, state, output_path, sha256, recipient FROM credentials").fetchall()
issued = [r for r in records if r[1] == "issued"]
problems = []
if len(records) != rows: problems.append(f"{len(records)} ledger rows for {rows} roster rows")
if len(issued) != rows: problems.append(f"{len(issued)} issued")
if len({r[4] for r in issued}) != rows: problems.append("a recipient was issued twice")
folder = os.path.join(ws, "credentials", "teamwork")
files = [f for f in os.listdir(folder) if f.endswith(".json")]
if len(files) != rows: problems.append(f"{len(files)} credential files")
for r in issued:
    with open(r[2], "rb") as f:
        if hashlib.sha256(f.read()).hexdigest() != r[3]: problems.append(f"digest mismatch for {r[0]}")
if problems:
    print("FAILED: " + "; ".join(problems[:10])); sys.exit(1)
print(f"ok: {rows} rows issued exactly once; {len(files)} files, each matching its ledger digest")
PY
