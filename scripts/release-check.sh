#!/usr/bin/env bash
# make release-check: builds a snapshot release with GoReleaser, signed as the release
# workflow signs it but with a throwaway GPG key, and verifies what the Terraform and
# OpenTofu Registries require of it (internal/cmd/releasecheck): the signature over the
# SHA256SUMS, that the SHA256SUMS lists exactly the zips and the manifest with their sums, the
# zips and the manifest. Then that the linux/amd64 build, installed from a filesystem mirror
# of its zip, serves the provider. GoReleaser is installed at its pin, once, into a cache
# outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
export TF_CLI_CONFIG_FILE=/dev/null

# The one place the GoReleaser pin lives (release.yml names the same version). v2.15.0 and
# v2.15.1 rewrite the SHA256SUMS after signing it, so their signatures do not verify.
GORELEASER_VERSION="${GORELEASER_VERSION:-v2.17.0}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-bird/goreleaser-${GORELEASER_VERSION}"
goreleaser="$cache/goreleaser"
if ! "$goreleaser" --version 2>/dev/null | grep -q "GitVersion: *${GORELEASER_VERSION}$"; then
  echo "installing GoReleaser ${GORELEASER_VERSION} into $cache (once, about 5 minutes)" >&2
  mkdir -p "$cache"
  GOBIN="$cache" go install "github.com/goreleaser/goreleaser/v2@${GORELEASER_VERSION}"
fi

command -v gpg >/dev/null || { echo "gpg is not on PATH: make release-check signs the snapshot and verifies its signature, as the Registries do; install GnuPG" >&2; exit 1; }
work=$(mktemp -d)
# A throwaway key in a GnuPG home of its own: the user's keys are neither used nor changed.
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
trap 'gpgconf --kill all 2>/dev/null || true; rm -rf "$work"' EXIT
# RSA, a key type both Registries accept.
gpg --batch --quiet --passphrase '' --quick-gen-key "Release check <release-check@example.invalid>" rsa3072 sign 1d
# Set as release.yml sets it, for the signs step of .goreleaser.yml.
GPG_FINGERPRINT=$(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')
export GPG_FINGERPRINT
gpg --batch --armor --export "$GPG_FINGERPRINT" >"$work/release-key.asc"

"$goreleaser" check
"$goreleaser" release --snapshot --clean --skip=publish

version=$(go run ./internal/cmd/releasecheck -dist dist -config .goreleaser.yml -key "$work/release-key.asc")
echo "verified the release files of $version, and their signature by $GPG_FINGERPRINT"

tf=$(command -v terraform || true)
[ -n "$tf" ] || tf=$(./scripts/tofu.sh)
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
echo "the linux/amd64 build, installed from a filesystem mirror of its zip, serves the provider ($($tf version | sed -n 1p))"
echo "release: $(ls dist/*.zip | wc -l) zips, $(du -cb dist/*.zip | tail -1 | cut -f1) bytes"
