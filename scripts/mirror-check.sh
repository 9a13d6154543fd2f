#!/usr/bin/env bash
# make mirror-check: runs the README's air-gapped install as written, so that it cannot
# drift. It builds the zips of two platforms with `make package` into a filesystem mirror
# (the packed layout), records them with `providers lock -fs-mirror -platform`, checks that
# the lock file holds exactly the h1: hash of each zip's contents, then installs from the
# mirror with `init`, which must add nothing and warn of no incomplete lock file, and reads
# the provider's schema: under Terraform and under OpenTofu.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
export TF_CLI_CONFIG_FILE=/dev/null

clis=()
if command -v terraform >/dev/null 2>&1; then clis+=("$(command -v terraform)"); fi
clis+=("$(./scripts/tofu.sh)")

version=0.1.0
# This machine's platform, which init installs, and another, as a laptop beside a runner.
host="$(go env GOOS)_$(go env GOARCH)"
other=linux_arm64
[ "$host" != "$other" ] || other=linux_amd64
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mirror="$work/mirror"
packages="$mirror/registry.terraform.io/birdtf/bird"
for platform in "$host" "$other"; do
  make --no-print-directory package VERSION="$version" GOOS="${platform%_*}" GOARCH="${platform#*_}" DIST="$packages" >/dev/null
done

# h1 prints the h1: hash of a zip: dirhash's Hash1 of its files, the SHA-256 of the lines
# "<sha256>  <name>" in name order, in base64.
h1() {
  local dir
  dir=$(mktemp -d -p "$work")
  unzip -q "$1" -d "$dir"
  echo "h1:$(cd "$dir" && LC_ALL=C sha256sum -- * | openssl dgst -sha256 -binary | base64)"
}

cat > "$work/cli.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/birdtf/bird"]
  }
  direct {
    exclude = ["registry.terraform.io/birdtf/bird"]
  }
}
RC

for cli in "${clis[@]}"; do
  name=$("$cli" version | sed -n 1p) # sed reads it all: head would end the CLI with SIGPIPE
  config="$work/config"
  rm -rf "$config"
  mkdir -p "$config"
  cat > "$config/main.tf" <<TF
terraform {
  required_providers {
    bird = {
      source  = "registry.terraform.io/birdtf/bird"
      version = "$version"
    }
  }
}
TF
  lock="$config/.terraform.lock.hcl"
  "$cli" -chdir="$config" providers lock -fs-mirror="$mirror" -platform="$host" -platform="$other" -no-color >"$work/lock.log" 2>&1 \
    || { cat "$work/lock.log" >&2; exit 1; }
  for platform in "$host" "$other"; do
    want=$(h1 "$packages/terraform-provider-bird_${version}_${platform}.zip")
    grep -qF "\"$want\"" "$lock" || { echo "$name: the lock file lacks $want, the hash of the $platform zip:" >&2; cat "$lock" >&2; exit 1; }
  done
  [ "$(grep -cE '"(h1|zh):' "$lock")" -eq 2 ] || { echo "$name: want one hash per platform in the lock file:" >&2; cat "$lock" >&2; exit 1; }
  cp "$lock" "$work/lock.before"
  TF_CLI_CONFIG_FILE="$work/cli.tfrc" "$cli" -chdir="$config" init -input=false -no-color >"$work/init.log" 2>&1 \
    || { cat "$work/init.log" >&2; exit 1; }
  if grep -qi 'incomplete lock file' "$work/init.log" || ! cmp -s "$lock" "$work/lock.before"; then
    echo "$name: init from the mirror warned or changed the lock file:" >&2
    cat "$work/init.log" "$lock" >&2
    exit 1
  fi
  TF_CLI_CONFIG_FILE="$work/cli.tfrc" "$cli" -chdir="$config" providers schema -json | grep -q '"bird_voice_recordings"' \
    || { echo "$name: the provider installed from the mirror does not serve bird_voice_recordings" >&2; exit 1; }
  echo "$name: providers lock -fs-mirror recorded the h1: hash of the $host and $other zips, and init installed from the mirror"
done
