#!/usr/bin/env bash
# Runs the README's "Using it" walkthrough exactly as printed, in order, in a new temporary folder, with the
# example files of Scripts/readme-example/ and the built `laurel` on PATH. Fails on the first command that fails.
#
#   Scripts/readme-walkthrough.sh [LAUREL_BINARY]      (default: the debug build, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
laurel_bin="${1:-}"
if [ -z "$laurel_bin" ]; then
    swift build --product laurel >/dev/null
    laurel_bin="$(swift build --show-bin-path)/laurel"
fi
[ -x "$laurel_bin" ] || { echo "readme-walkthrough: no laurel binary at $laurel_bin" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp Scripts/readme-example/rubric.json Scripts/readme-example/roster.csv Scripts/readme-example/report.pdf "$work/"
cp Keys/demo-learner.pem "$work/"
chmod 600 "$work/demo-learner.pem"
# The walkthrough: the first ```sh block after "## Using it".
awk '/^## Using it/ { found = 1 } found && /^```sh$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' \
    README.md > "$work/walkthrough.sh"
lines=$(grep -c '^laurel \|^[a-z]*=\$(laurel ' "$work/walkthrough.sh" || true)
[ "$lines" -gt 20 ] || { echo "readme-walkthrough: the README's walkthrough was not found" >&2; exit 1; }
mkdir -p "$work/bin"
ln -s "$(cd "$(dirname "$laurel_bin")" && pwd)/$(basename "$laurel_bin")" "$work/bin/laurel"
echo "readme-walkthrough: running $lines README commands in $work"
(cd "$work" && PATH="$work/bin:$PATH" bash -euo pipefail -x walkthrough.sh) > "$work/log" 2>&1 || {
    tail -40 "$work/log"
    echo "readme-walkthrough: FAIL: a README command failed (above)"
    exit 1
}
echo "readme-walkthrough: OK: every README command worked as printed"
