#!/usr/bin/env bash
# make release-check: builds a snapshot release with GoReleaser, unsigned and unpublished, and
# verifies what the Terraform Registry requires of it (internal/cmd/releasecheck), then that
# the linux/amd64 build, installed from a filesystem mirror of its zip, serves the provider.
# GoReleaser is installed at its pin, once, into a cache outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
export TF_CLI_CONFIG_FILE=/dev/null

# The one place the GoReleaser pin lives.
GORELEASER_VERSION="${GORELEASER_VERSION:-v2.15.1}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-bird/goreleaser-${GORELEASER_VERSION}"
goreleaser="$cache/goreleaser"
if ! "$goreleaser" --version 2>/dev/null | grep -q "GitVersion: *${GORELEASER_VERSION}$"; then
  echo "installing GoReleaser ${GORELEASER_VERSION} into $cache (once, about 5 minutes)" >&2
  mkdir -p "$cache"
  GOBIN="$cache" go install "github.com/goreleaser/goreleaser/v2@${GORELEASER_VERSION}"
fi

"$goreleaser" check
"$goreleaser" release --snapshot --clean --skip=sign,publish

version=$(go run ./internal/cmd/releasecheck -dist dist -config .goreleaser.yml)
echo "verified the release files of $version"

tf=$(command -v terraform || true)
[ -n "$tf" ] || tf=$(./scripts/tofu.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mirror="$work/mirror/registry.terraform.io/birdtf/bird"
mkdir -p "$mirror" "$work/config"
cp "dist/terraform-provider-bird_${version}_linux_amd64.zip" "$mirror/"
cat > "$work/cli.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/birdtf/bird"]
  }
}
RC
cat > "$work/config/main.tf" <<TF
terraform {
  required_providers {
    bird = {
      source  = "registry.terraform.io/birdtf/bird"
      version = "$version"
    }
  }
}
TF
TF_CLI_CONFIG_FILE="$work/cli.tfrc" "$tf" -chdir="$work/config" init -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; exit 1; }
TF_CLI_CONFIG_FILE="$work/cli.tfrc" "$tf" -chdir="$work/config" providers schema -json >"$work/schema.json"
grep -q '"bird_voice_recordings"' "$work/schema.json" || { echo "the linux/amd64 build from the mirror does not serve bird_voice_recordings" >&2; exit 1; }
echo "the linux/amd64 build, installed from a filesystem mirror of its zip, serves the provider ($($tf version | head -1))"
echo "release: $(ls dist/*.zip | wc -l) zips, $(du -cb dist/*.zip | tail -1 | cut -f1) bytes"
