#!/usr/bin/env bash
# Runs examples/demo through Terraform (or OpenTofu) against the built-in Bird API, with a
# freshly built provider, then stops the server and cleans up. TF_CLI=<path> picks the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1

cli="${TF_CLI:-$(command -v terraform || true)}"
if [ -z "$cli" ]; then
  cli=$(./scripts/tofu.sh)
fi

. scripts/lib.sh
with_workdir

echo "== building the provider and the built-in Bird API"
build_with_overrides "$work"
start_birdapi 400
echo "== built-in Bird API at $BIRD_ENDPOINT"

cp -R examples/demo "$work/demo"

echo "== $("$cli" version | sed -n 1p): apply examples/demo"
"$cli" -chdir="$work/demo" apply -auto-approve -input=false -no-color >"$work/apply.log" 2>&1 || { cat "$work/apply.log" >&2; exit 1; }
grep -E '^Apply complete' "$work/apply.log"
echo
echo "== outputs"
"$cli" -chdir="$work/demo" output -no-color
