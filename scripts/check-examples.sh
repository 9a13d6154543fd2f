#!/usr/bin/env bash
# Checks that every example is formatted and passes `terraform validate` against a fresh
# build of the provider, through a dev_overrides CLI configuration of our own.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1

tf=$(command -v terraform || true)
[ -n "$tf" ] || tf=$(./scripts/tofu.sh)

"$tf" fmt -check -recursive -diff examples

. scripts/lib.sh
with_workdir
build_with_overrides "$work"

for dir in $(find examples -name '*.tf' -exec dirname {} \; | sort -u); do
  cp -R "$dir" "$work/example"
  # Registry snippets hold no terraform block; give them the provider's source.
  if ! grep -q required_providers "$work"/example/*.tf; then
    printf 'terraform {\n  required_providers {\n    bird = { source = "birdtf/bird" }\n  }\n}\n' > "$work/example/_providers.tf"
  fi
  if ! out=$("$tf" -chdir="$work/example" validate -no-color 2>&1); then
    echo "$dir does not validate:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$dir: valid"
  rm -rf "$work/example"
done
