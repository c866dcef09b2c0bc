#!/usr/bin/env bash
# Instructions per operation, counted by valgrind's callgrind: a measure that does not move with the noise of a
# shared machine, so the effect of a change on the verify, sign and canonicalize paths can be seen.
#
#   Scripts/bench-instructions.sh [OPERATION ...]     (default: every operation `laurel-bench --help` lists)
#
# Each operation runs N1 and N2 times in `laurel-bench --repeat`; (instructions(N2) - instructions(N1)) / (N2 - N1)
# is the cost of one operation without start-up and set-up. The bare Ed25519 operations are printed beside, with
# the ratios the performance goals are stated in. Needs valgrind and a release build (`swift build -c release`).
# LAUREL_BENCH=path picks another binary; PROFILE=1 keeps the callgrind output of the N2 run in
# .build/callgrind/ for `callgrind_annotate`.
#
# Valgrind's virtual CPU has no SHA extensions, so OpenSSL hashes in software under it: the SHA-256 share of a count
# is several times what it is on a CPU with SHA-NI (where `laurel-bench rdfcproofs` measures it in time).
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${LAUREL_BENCH:-.build/release/laurel-bench}
n1=${N1:-20}
n2=${N2:-120}
command -v valgrind > /dev/null || { echo "bench-instructions: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
[ -x "$bench" ] || { echo "bench-instructions: no $bench (swift build -c release)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind reads the symbols of a stripped copy faster and the counts are the same.
cp "$bench" "$work/laurel-bench"
strip "$work/laurel-bench" 2> /dev/null || true
operations=("$@")
if [ ${#operations[@]} -eq 0 ]; then
    operations=(ed25519-verify ed25519-sign sha256 parse expand to-rdf rdfc canonicalize verify-rdfc verify-rdfc-bytes
        sign-rdfc verify-jcs sign-jcs)
fi

count() { # operation n -> total instructions of the run
    local out="$work/$1.$2.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$work/laurel-bench" --repeat "$1" -n "$2" > /dev/null 2>&1 \
        || { echo "bench-instructions: '$1' failed under valgrind" >&2; exit 1; }
    if [ "${PROFILE:-0}" = 1 ] && [ "$2" = "$n2" ]; then
        mkdir -p .build/callgrind && cp "$out" ".build/callgrind/$1.out"
    fi
    sed -n 's/^summary: //p' "$out" | head -1
}

declare -A per
printf '%-20s %14s\n' operation "instructions/op"
for op in "${operations[@]}"; do
    a=$(count "$op" "$n1")
    b=$(count "$op" "$n2")
    per[$op]=$(( (b - a) / (n2 - n1) ))
    printf '%-20s %14d\n' "$op" "${per[$op]}"
done
ratio() { # name numerator denominator
    [ -n "${per[$2]:-}" ] && [ -n "${per[$3]:-}" ] && [ "${per[$3]}" -gt 0 ] \
        && python3 -c "print(f'{\"$1\":<38} {${per[$2]} / ${per[$3]}:.2f}x')"
    return 0
}
echo
ratio "eddsa-rdfc-2022 verify / bare verify" verify-rdfc ed25519-verify
ratio "eddsa-rdfc-2022 sign / bare sign" sign-rdfc ed25519-sign
ratio "eddsa-jcs-2022 verify / bare verify" verify-jcs ed25519-verify
ratio "eddsa-jcs-2022 sign / bare sign" sign-jcs ed25519-sign
if [ -n "${per[sha256]:-}" ]; then
    echo "(SHA-256 runs in software under valgrind: its count overstates it on a CPU with SHA extensions)"
fi
