#!/usr/bin/env bash
# Cross-implementation check of Laurel's Data Integrity proofs against independent implementations.
#
#   Scripts/interop-check.sh INTEROP_DIR [WORK_DIR]
#
# INTEROP_DIR is the interop checker folder (it holds the `crosscheck` command; see its README.md).
# WORK_DIR (default: .build/interop) receives the credentials exchanged in both directions.
#
# 1. Laurel -> peers: a Swift test (EddsaRdfc2022InteropTests, enabled by LAUREL_INTEROP_OUT) signs a few
#    credentials with Laurel's library and writes them with a manifest of expected verdicts; then
#    `crosscheck verify --manifest` has the peers judge them.
# 2. peers -> Laurel: `crosscheck issue` writes credentials signed by the peers with their manifest; the same
#    test suite (enabled by LAUREL_INTEROP_IN) has Laurel judge each one.
#
# Exit status: 0 when every verdict in both directions agrees with its manifest; 1 when any disagrees or a step
# fails; 2 for a usage error; 3 when the checker's own environment cannot be set up (its Python packages could not
# be installed), so nothing was checked. The project's own `swift test` never depends on this: without the
# variables the two interop tests are reported as skipped.
set -uo pipefail

usage() {
    echo "usage: $0 INTEROP_DIR [WORK_DIR]" >&2
    echo "  INTEROP_DIR: the folder holding the 'crosscheck' command" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
interop="$(cd "$1" 2>/dev/null && pwd)" || { echo "interop-check: no folder '$1'" >&2; usage; }
crosscheck="$interop/crosscheck"
[ -x "$crosscheck" ] || { echo "interop-check: '$crosscheck' is missing or not executable" >&2; exit 2; }

if [ -x "$interop/setup" ] && ! "$interop/setup"; then
    echo "interop-check: the checker could not be set up (see above); nothing was checked" >&2
    exit 3
fi

cd "$(dirname "$0")/.."
work="${2:-.build/interop}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
out="$work/laurel-issued"
in="$work/peer-issued"
rm -rf "$out" "$in"
mkdir -p "$out" "$in"
status=0

echo "interop-check: building the tests"
if ! swift build --build-tests >"$work/build.log" 2>&1; then
    tail -20 "$work/build.log"
    echo "interop-check: FAIL: the build failed (log: $work/build.log)"
    exit 1
fi

# 1. Laurel issues, the peers verify.
echo "interop-check: [1/2] Laurel signs credentials into $out"
LAUREL_INTEROP_OUT="$out" swift test --skip-build --filter 'EddsaRdfc2022InteropTests/writeLaurelCredentials' \
    >"$work/laurel-issue.log" 2>&1
if ! grep -q '^interop: wrote ' "$work/laurel-issue.log" || [ ! -f "$out/manifest.json" ]; then
    tail -20 "$work/laurel-issue.log"
    echo "interop-check: FAIL: Laurel did not write its credentials (log: $work/laurel-issue.log)"
    exit 1
fi
grep '^interop: ' "$work/laurel-issue.log"
echo "interop-check: [1/2] the peers verify Laurel's credentials"
if "$crosscheck" verify --manifest "$out/manifest.json" | tee "$work/peers-verify.log"; then
    echo "interop-check: [1/2] OK: the peers agree with every expected verdict on Laurel's credentials"
else
    echo "interop-check: [1/2] FAIL: a peer disagreed (see above; log: $work/peers-verify.log)"
    status=1
fi

# 1b. Badges issued the way an issuer does it (`laurel init` / `achievement new` / `issue`), with status entries.
echo "interop-check: [1b] laurel issue writes badges (eddsa-rdfc-2022, eddsa-jcs-2022, VC-JWT) into $out/cli"
laurel_bin="$(swift build --show-bin-path 2>/dev/null)/laurel"
cli="$out/cli"
mkdir -p "$cli"
if "$laurel_bin" init "$cli/ws" --name "Interop College" --url https://interop.example.edu >/dev/null \
    && "$laurel_bin" achievement new --workspace "$cli/ws" --name "Interop Skills" --description "Works across tools." \
        --criteria "Issued by the interop check." >/dev/null \
    && "$laurel_bin" issue --workspace "$cli/ws" --achievement interop-skills --recipient ada@example.org \
        --evidence https://example.org/projects/1 --out "$cli/laurel-cli-rdfc.json" >/dev/null \
    && "$laurel_bin" issue --workspace "$cli/ws" --achievement interop-skills --recipient did:example:learner \
        --proof eddsa-jcs-2022 --out "$cli/laurel-cli-jcs.json" >/dev/null \
    && "$laurel_bin" issue --workspace "$cli/ws" --achievement interop-skills --recipient did:example:learner \
        --proof vc-jwt --out "$cli/laurel-cli.jwt" >/dev/null \
    && "$laurel_bin" status publish --workspace "$cli/ws" >/dev/null \
    && "$laurel_bin" bake "$cli/laurel-cli-rdfc.json" --out "$cli/laurel-cli-rdfc.svg" >/dev/null \
    && "$laurel_bin" bake "$cli/laurel-cli.jwt" --out "$cli/laurel-cli-jwt.svg" >/dev/null; then
    baked=("$cli/laurel-cli-rdfc.svg" "$cli/laurel-cli-jwt.svg")
    sample_png="$interop/../conformance/credentials/1edtech-validator/ob30/simple-json.png"
    if [ -f "$sample_png" ] \
        && "$laurel_bin" bake "$cli/laurel-cli-rdfc.json" --image "$sample_png" --out "$cli/laurel-cli-rdfc.png" >/dev/null \
        && "$laurel_bin" bake "$cli/laurel-cli.jwt" --image "$sample_png" --out "$cli/laurel-cli-jwt.png" >/dev/null; then
        baked+=("$cli/laurel-cli-rdfc.png" "$cli/laurel-cli-jwt.png")
    fi
    if "$crosscheck" verify --require-status \
        --resource "https://interop.example.edu/status/revocation/1=$cli/ws/status/revocation/1.json" \
        "$cli/laurel-cli-rdfc.json" "$cli/laurel-cli-jcs.json" "$cli/laurel-cli.jwt" "${baked[@]}" \
        | tee "$work/peers-verify-cli.log"; then
        echo "interop-check: [1b] OK: the peers accept the badges laurel issue wrote, and the images laurel bake made"
        # Revoke one: the peers must now read the same bit of the republished list as set.
        revoked_id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" "$cli/laurel-cli-rdfc.json")
        "$laurel_bin" revoke --workspace "$cli/ws" "$revoked_id" --reason "interop check" >/dev/null
        if "$crosscheck" verify --require-status \
            --resource "https://interop.example.edu/status/revocation/1=$cli/ws/status/revocation/1.json" \
            "$cli/laurel-cli-rdfc.json" > "$work/peers-verify-revoked.log" 2>&1; then
            cat "$work/peers-verify-revoked.log"
            echo "interop-check: [1b] FAIL: a peer did not see the revocation"
            status=1
        elif grep -q "revoked\|is set at index" "$work/peers-verify-revoked.log"; then
            grep -E "^(PASS|FAIL)" "$work/peers-verify-revoked.log"
            echo "interop-check: [1b] OK: after laurel revoke, the peers read the badge as revoked (same bit order)"
        else
            cat "$work/peers-verify-revoked.log"
            echo "interop-check: [1b] FAIL: the peers rejected the revoked badge for another reason"
            status=1
        fi
    else
        echo "interop-check: [1b] FAIL: a peer rejected a badge laurel issue wrote (log: $work/peers-verify-cli.log)"
        status=1
    fi
else
    echo "interop-check: [1b] FAIL: laurel could not issue the badges"
    status=1
fi

# 2. The peers issue, Laurel verifies.
echo "interop-check: [2/2] the peers sign credentials into $in"
if ! "$crosscheck" issue "$in"; then
    echo "interop-check: FAIL: crosscheck issue failed"
    exit 1
fi
echo "interop-check: [2/2] Laurel verifies the peers' credentials"
LAUREL_INTEROP_IN="$in" swift test --skip-build --filter 'EddsaRdfc2022InteropTests/verifyPeerCredentials' \
    >"$work/laurel-verify.log" 2>&1
laurel_status=$?
grep '^interop: ' "$work/laurel-verify.log"
if [ $laurel_status -eq 0 ] && grep -q '^interop: Laurel agreed with ' "$work/laurel-verify.log" \
    && ! grep -q '^interop: DISAGREE' "$work/laurel-verify.log"; then
    echo "interop-check: [2/2] OK: Laurel agrees with every expected verdict on the peers' credentials"
else
    grep -E '✘' "$work/laurel-verify.log" | head -20
    echo "interop-check: [2/2] FAIL: Laurel disagreed or the test did not run (log: $work/laurel-verify.log)"
    status=1
fi

# 3. The same peer credentials through the whole verifier, as an employer runs it: `laurel verify` (offline; for an
#    https issuer whose key is only in its method's fragment, with the issuer's controller document as a local copy).
echo "interop-check: [3/3] laurel verify on the peers' credentials"
laurel_bin="$(swift build --show-bin-path 2>/dev/null)/laurel"
if [ -x "$laurel_bin" ] && python3 - "$in" "$laurel_bin" <<'PY'
import json, subprocess, sys
folder, laurel = sys.argv[1], sys.argv[2]
manifest = json.load(open(f"{folder}/manifest.json"))
agree = 0
def issuer_document(path):
    """The controller document an https (or did:web) issuer would publish for the `<issuer>#z6Mk...` methods of
    its proofs: Laurel proves such a key only from the issuer's own document, never from the fragment alone."""
    try:
        credential = json.load(open(path))
    except (ValueError, UnicodeDecodeError):
        return []
    issuer = credential.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    proofs = credential.get("proof") or []
    proofs = proofs if isinstance(proofs, list) else [proofs]
    methods = [p.get("verificationMethod") for p in proofs if isinstance(p, dict)]
    methods = sorted({m for m in methods if isinstance(m, str) and isinstance(issuer, str) and m.startswith(issuer + "#z6Mk")})
    if not methods or not issuer.startswith("https://"):
        return []
    document = {"id": issuer, "assertionMethod": methods, "verificationMethod": [
        {"id": m, "type": "Multikey", "controller": issuer, "publicKeyMultibase": m.split("#", 1)[1]} for m in methods]}
    out = path + ".issuer-document.json"
    json.dump(document, open(out, "w"))
    return ["--resource", f"{issuer}={out}"]

for entry in manifest["files"]:
    path = f"{folder}/{entry['file']}"
    run = subprocess.run([laurel, "verify", path, "--format", "json", "--offline"] + issuer_document(path),
                         capture_output=True, text=True)
    report = json.loads(run.stdout.splitlines()[0])
    ok = (report["verdict"] == "valid") == (entry["expect"] == "valid")
    agree += ok
    failing = [c["id"] for c in report["checks"] if c["outcome"] == "fail"]
    print(f"{'agree' if ok else 'DISAGREE'}: {entry['file']}: expected {entry['expect']}, laurel verify says {report['verdict']}"
          + (f" ({', '.join(failing)})" if failing else ""))
print(f"laurel verify agreed with {agree} of {len(manifest['files'])} expected verdicts")
sys.exit(0 if agree == len(manifest["files"]) else 1)
PY
then
    echo "interop-check: [3/3] OK: laurel verify agrees with every expected verdict"
else
    echo "interop-check: [3/3] FAIL: laurel verify disagreed (see above)"
    status=1
fi

if [ $status -eq 0 ]; then
    echo "interop-check: PASS (both directions)"
else
    echo "interop-check: FAIL"
fi
exit $status
