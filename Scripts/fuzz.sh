#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, with AddressSanitizer) of Laurel's parsers and of the whole verifier.
#
#   Scripts/fuzz.sh                 # every target for 30 s (what CI runs)
#   Scripts/fuzz.sh --seconds 600   # every target for 600 s
#   Scripts/fuzz.sh --hours 8       # every target, 8 hours in all, shared equally
#   Scripts/fuzz.sh --seconds 60 json verify   # some targets
#
# Targets: json (parser, serializer round trip, JCS), jsonld (expansion and toRdf with the pinned contexts),
# nquads (N-Quads parser and RDFC-1.0), rdfc (JSON-LD → RDFC-1.0 as eddsa-rdfc-2022 canonicalizes), png and svg
# (badge extraction), jws (compact JWS and VC-JWT verification), verify (Verifier.verify(bytes:) on anything),
# multipart (the server's multipart/form-data and URL-encoded form readers), csv (the roster CSV parser, read in
# blocks of every size).
# Seeds come from Fuzz/corpus/<target>; the working corpus and any crash, leak or timeout input are kept in
# .build/fuzz/. Exit status: 0 when no target crashed, leaked or timed out; 1 otherwise (the input is named).
set -euo pipefail
cd "$(dirname "$0")/.."
all=(json jsonld nquads rdfc png svg jws verify multipart csv)
seconds=30
hours=""
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --hours) hours="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
if [ -n "$hours" ]; then
    seconds=$(python3 -c "print(max(1, int(float('$hours') * 3600 / ${#targets[@]})))")
fi

echo "fuzz: building the fuzz targets (libFuzzer + AddressSanitizer)"
if ! swift build --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    > .build/fuzz-build.log 2>&1; then
    tail -20 .build/fuzz-build.log
    echo "fuzz: FAIL: the fuzz targets did not build (log: .build/fuzz-build.log)"
    exit 1
fi
binary="$(swift build --package-path Fuzz --show-bin-path -Xswiftc -sanitize=fuzzer,address)/LaurelFuzz"
work=.build/fuzz
status=0
for target in "${targets[@]}"; do
    mkdir -p "$work/corpus/$target" "$work/crashes/$target"
    cp -n Fuzz/corpus/"$target"/* "$work/corpus/$target/" 2>/dev/null || true
    log="$work/$target.log"
    # A single input may take at most 10 s and 2 GiB (the verifier's own limits are far below).
    if LAUREL_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=1 "$binary" "$work/corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$work/crashes/$target/" -print_final_stats=1 > "$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
        echo "fuzz: $target: OK, $runs executions in ${seconds} s ($((runs / (seconds > 0 ? seconds : 1))) per second)"
    else
        status=1
        grep -E "ERROR|SUMMARY|Test unit written|deadly signal|timeout" "$log" | head -8
        echo "fuzz: $target: FAIL (log: $log; input in $work/crashes/$target/)"
    fi
done
exit $status
