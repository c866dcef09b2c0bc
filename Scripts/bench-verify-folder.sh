#!/usr/bin/env bash
# Verification throughput: issue N eddsa-rdfc-2022 badges, publish the status list, then time `laurel verify` on
# the whole folder (all cores), whole process. Usage: Scripts/bench-verify-folder.sh [N] [LAUREL_BINARY]
# Prints badges per second, CPU time (user + sys) per badge and the peak memory of the verify run.
set -euo pipefail
rows=${1:-100000}
laurel=${2:-.build/release/laurel}
[ -x "$laurel" ] || { echo "no laurel binary at $laurel (swift build -c release)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$laurel" init "$work/ws" --name "Bench College" --url https://bench.example.edu > /dev/null
"$laurel" achievement new --workspace "$work/ws" --name "Data Literacy" --description "Reads and explains data." \
    --criteria "Complete three tasks." > /dev/null
python3 -c "
print('recipient,name,evidence')
for i in range($rows): print(f'learner{i}@example.org,Learner {i},https://example.org/projects/{i}')
" > "$work/roster.csv"
"$laurel" issue --workspace "$work/ws" --achievement data-literacy --batch "$work/roster.csv" > /dev/null 2>&1
"$laurel" status publish --workspace "$work/ws" > /dev/null
folder="$work/ws/credentials/data-literacy"
count=$(ls "$folder" | wc -l)
echo "verifying $count eddsa-rdfc-2022 badges on $(nproc) cores"
start=$(date +%s.%N)
/usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$laurel" verify "$folder" --format json --offline \
    --resource "https://bench.example.edu/status/revocation/1=$work/ws/status/revocation/1.json" \
    > "$work/report.jsonl" 2> "$work/stderr.txt" || true
end=$(date +%s.%N)
read -r wall user sys peak < "$work/time.txt"
echo "wall $wall s, user $user s, sys $sys s, peak memory $peak KB"
valid=$(grep -c '"verdict":"valid"' "$work/report.jsonl" || true)
python3 -c "print(f'{$valid} of {$count} valid; {$count / ($end - $start):.0f} badges per second; CPU per badge {($user + $sys) / $count * 1e6:.0f} µs')"
