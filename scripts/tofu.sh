#!/usr/bin/env bash
# Prints the path of an OpenTofu CLI: the `tofu` on PATH, else a pinned release built from
# source through the Go module proxy and cached outside the repository (the first build takes
# about 5 minutes on 2 cores; later runs reuse the binary).
#
# `go install github.com/opentofu/opentofu/cmd/tofu@VERSION` does not work because OpenTofu's
# go.mod has a replace directive, so the module is downloaded and built as the main module in
# a writable copy.
set -euo pipefail

# The one place the OpenTofu pin lives: the newest release that builds with Go 1.26 and
# supports ephemeral resources.
TOFU_VERSION="${TOFU_VERSION:-v1.12.6}"

if [ -z "${TOFU_FORCE_BUILD:-}" ] && command -v tofu >/dev/null 2>&1; then
  command -v tofu
  exit 0
fi

cache="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-bird/opentofu-${TOFU_VERSION}"
bin="$cache/tofu"
if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

echo "building OpenTofu ${TOFU_VERSION} from source into $cache (once, about 5 minutes)" >&2
mkdir -p "$cache"
dir=$(go mod download -json "github.com/opentofu/opentofu@${TOFU_VERSION}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  echo "could not download github.com/opentofu/opentofu@${TOFU_VERSION}; install OpenTofu (https://opentofu.org/docs/intro/install/) and put tofu on PATH" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$dir/." "$work/"
chmod -R u+w "$work"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$bin.tmp" ./cmd/tofu)
mv "$bin.tmp" "$bin"
echo "$bin"
