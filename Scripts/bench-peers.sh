#!/usr/bin/env bash
# eddsa-rdfc-2022 sign and verify of the same credential by Laurel and by two Python peers that share no code
# with it: the interop checker's reference implementation (ref/, pyld + cryptography) and openbadgeslib 4.6.3.
# The credential is `BenchCredentials.typical` (Sources/laurel-bench/Bench+JCS.swift), signed by every
# implementation with the same Ed25519 key (seed 0x42 repeated), verification method and `created`, so all
# three sign the same data (the two peers' signatures are checked to be equal). Each time is per operation, in one
# process with the contexts already loaded: the median of ROUNDS rounds (default 5, at least 5).
#
#   Scripts/bench-peers.sh [INTEROP_DIR]     (default: ../shared/interop beside the repository)
#
# Needs the shared interop checker and its Python environment (its `setup` builds the environment once, with pip
# access) and a release build of laurel-bench (swift build -c release --product laurel-bench). Without the
# interop folder it says so and exits 3; Laurel's own tests never depend on it.
#
# What each side does per operation:
#   Laurel          sign-rdfc: add the proof (expansion in safe mode, RDFC-1.0, SHA-256, Ed25519)
#                   verify-rdfc: check the proof of the parsed credential, key known (same steps)
#   reference       sign: di_eddsa.sign (a safe-mode expansion, then RDFC-1.0 of document and proof options)
#                   verify: di_eddsa.verify_one, key known (RDFC-1.0 and the signature check; no safe mode)
#   openbadgeslib   sign: add_data_integrity_proof; verify: verify_data_integrity_proof, key given
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
interop=${1:-${INTEROP_DIR:-$(dirname "$repo")/shared/interop}}
rounds=${ROUNDS:-5}
bench=${LAUREL_BENCH:-.build/release/laurel-bench}
if [ ! -d "$interop" ] || [ ! -f "$interop/setup" ] || [ ! -d "$interop/ref" ]; then
    echo "bench-peers: cannot run: no interop checker at $interop (give its folder as the argument)" >&2
    exit 3
fi
[ "$rounds" -ge 5 ] || { echo "bench-peers: ROUNDS must be at least 5" >&2; exit 2; }
[ -x "$bench" ] || { echo "bench-peers: no $bench (swift build -c release --product laurel-bench)" >&2; exit 2; }
interop=$(cd "$interop" && pwd)
"$interop/setup" || { echo "bench-peers: the interop Python environment could not be set up" >&2; exit 2; }
venv=${INTEROP_VENV:-$HOME/.cache/laurel-interop/venv}
export PYTHONDONTWRITEBYTECODE=1

laurel_time() { # operation n -> microseconds per operation
    local line
    line=$("$bench" --repeat "$1" -n "$2" --time --rounds "$rounds")
    sed -E 's/^[^:]*: ([0-9.]+) µs per operation.*/\1/' <<< "$line"
}
laurel_sign=$(laurel_time sign-rdfc 200)
laurel_verify=$(laurel_time verify-rdfc 200)

"$venv/bin/python" - "$interop" "$repo/Sources/laurel-bench/Bench+JCS.swift" "$rounds" "$laurel_sign" \
    "$laurel_verify" <<'PY'
import json, re, statistics, sys, textwrap, time
from datetime import datetime, timezone

interop, swift_source, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
laurel = {"sign": float(sys.argv[4]), "verify": float(sys.argv[5])}
sys.path.insert(0, interop)

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from ref import di_eddsa, keys
from openbadgeslib.ob3.ldp import add_data_integrity_proof, verify_data_integrity_proof

match = re.search(r'static let typical = #"""\n(.*?)\n[ \t]*"""#', open(swift_source, encoding="utf-8").read(), re.S)
if not match:
    sys.exit("bench-peers: BenchCredentials.typical was not found in " + swift_source)
typical = json.loads(textwrap.dedent(match.group(1)))
private = Ed25519PrivateKey.from_private_bytes(bytes([0x42] * 32))
public = private.public_key()
private_pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
public_pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
method = typical["issuer"]["id"] + "#" + keys.multikey_from_public(public)
created = "2024-04-03T09:44:42Z"
created_datetime = datetime(2024, 4, 3, 9, 44, 42, tzinfo=timezone.utc)

def ref_sign():
    return di_eddsa.sign(typical, private, verification_method=method, created=created)

def obl_sign():
    return add_data_integrity_proof(typical, private_pem, method, created=created_datetime)

ref_signed = ref_sign()
obl_signed = obl_sign()
if ref_signed["proof"]["proofValue"] != obl_signed["proof"]["proofValue"]:
    sys.exit("bench-peers: the reference and openbadgeslib signatures differ; they do not sign the same data")
di_eddsa.verify_one(ref_signed, ref_signed["proof"], public)
verify_data_integrity_proof(ref_signed, public_pem)

def median_us(operation, count):
    operation()  # untimed: first-use work (contexts) is not counted, as on Laurel's side
    per_operation = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(count):
            operation()
        per_operation.append((time.perf_counter() - start) / count * 1e6)
    return statistics.median(per_operation)

peers = {
    "reference (pyld)": {
        "sign": median_us(ref_sign, 5),
        "verify": median_us(lambda: di_eddsa.verify_one(ref_signed, ref_signed["proof"], public), 5),
    },
    "openbadgeslib 4.6.3": {
        "sign": median_us(obl_sign, 5),
        "verify": median_us(lambda: verify_data_integrity_proof(ref_signed, public_pem), 5),
    },
}

size = len(json.dumps(typical, separators=(",", ":")).encode())
print(f"eddsa-rdfc-2022 on the typical credential ({size} B compact), per operation, median of {rounds} rounds")
print(f"{'implementation':<22} {'sign':>12} {'verify':>12}")
print(f"{'Laurel':<22} {laurel['sign'] / 1000:9.3f} ms {laurel['verify'] / 1000:9.3f} ms")
for name, row in peers.items():
    print(f"{name:<22} {row['sign'] / 1000:9.3f} ms {row['verify'] / 1000:9.3f} ms")
print()
for name, row in peers.items():
    print(f"{name + ' / Laurel':<34} sign {row['sign'] / laurel['sign']:6.1f}x   "
          f"verify {row['verify'] / laurel['verify']:6.1f}x")
PY
