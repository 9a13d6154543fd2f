#!/usr/bin/env bash
# Checks every example: formatted, valid, and applied as pasted against the built-in Bird
# API, under Terraform and under OpenTofu, through a fresh build of the provider and a
# dev_overrides CLI configuration of our own. An example that fails when pasted fails here.
# EXAMPLES names the directories to check instead of all of examples/ (space-separated):
# EXAMPLES=examples/data-sources/bird_channel make examples-check.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1

clis=()
if command -v terraform >/dev/null 2>&1; then clis+=("$(command -v terraform)"); fi
clis+=("$(./scripts/tofu.sh)")

"${clis[0]}" fmt -check -recursive -diff examples

. scripts/lib.sh
with_workdir
build_with_overrides "$work"

# An example that names an object by one of the IDs SeedExamples serves needs
# `birdapi -examples`; every other example must apply against the plain built-in API, as a
# user who starts it as the README says would run it.
example_ids=$(grep -oE 'Example[A-Za-z]+ID += "[0-9a-f-]{36}"' internal/birdtest/seed.go | grep -oE '[0-9a-f-]{36}')
[ -n "$example_ids" ] || { echo "no example IDs found in internal/birdtest/seed.go" >&2; exit 1; }
plain=() by_id=()
# shellcheck disable=SC2086 # EXAMPLES is a list of directories
for dir in $(find ${EXAMPLES:-examples} -name '*.tf' -exec dirname {} \; | sort -u); do
  if grep -qF "$example_ids" "$dir"/*.tf; then by_id+=("$dir"); else plain+=("$dir"); fi
done

# check_examples SERVER DIR... validates and applies each example under every CLI.
check_examples() {
  local server=$1
  shift
  for cli in "${clis[@]}"; do
    name=$("$cli" version | sed -n 1p) # sed reads it all: head would end the CLI with SIGPIPE
    for dir in "$@"; do
      rm -rf "$work/example"
      cp -R "$dir" "$work/example"
      # Registry snippets hold no terraform block; give them the provider's source.
      if ! grep -q required_providers "$work"/example/*.tf; then
        printf 'terraform {\n  required_providers {\n    bird = { source = "birdtf/bird" }\n  }\n}\n' > "$work/example/_providers.tf"
      fi
      if ! out=$("$cli" -chdir="$work/example" validate -no-color 2>&1); then
        echo "$dir does not validate under $name:" >&2
        echo "$out" >&2
        exit 1
      fi
      if ! out=$("$cli" -chdir="$work/example" apply -auto-approve -input=false -no-color 2>&1); then
        echo "$dir does not apply under $name against the $server:" >&2
        echo "$out" >&2
        exit 1
      fi
      echo "$dir: valid, and applies under $name against the $server"
    done
  done
}

start_birdapi 400
check_examples "built-in Bird API" "${plain[@]}"
stop_birdapi
start_birdapi 400 -examples
check_examples "built-in Bird API with -examples" "${by_id[@]}"
