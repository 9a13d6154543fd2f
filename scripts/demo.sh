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

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the provider and the built-in Bird API"
. scripts/lib.sh
build_with_overrides "$work"
go build -o "$work/bin/birdapi" ./internal/cmd/birdapi

"$work/bin/birdapi" -recordings 300 -env-file "$work/bird.env" 2>"$work/birdapi.log" &
server_pid=$!
for _ in $(seq 100); do
  [ -f "$work/bird.env" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/birdapi.log" >&2; exit 1; }
  sleep 0.1
done
[ -f "$work/bird.env" ] || { echo "the built-in Bird API did not start" >&2; exit 1; }
set -a; . "$work/bird.env"; set +a
echo "== built-in Bird API at $BIRD_ENDPOINT"

cp -R examples/demo "$work/demo"

echo "== $("$cli" version | head -1): apply examples/demo"
"$cli" -chdir="$work/demo" apply -auto-approve -input=false -no-color >"$work/apply.log" 2>&1 || { cat "$work/apply.log" >&2; exit 1; }
grep -E '^Apply complete' "$work/apply.log"
echo
echo "== outputs"
"$cli" -chdir="$work/demo" output -no-color
