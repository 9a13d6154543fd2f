#!/usr/bin/env bash
# make package: builds the provider for one platform into the zip a release holds for it,
# terraform-provider-bird_<version>_<os>_<arch>.zip with terraform-provider-bird_v<version>
# inside (.exe on Windows), the names and build flags of .goreleaser.yml, for a filesystem
# mirror or a private registry. Prints the zip's path.
#
#   scripts/package.sh VERSION GOOS GOARCH [DIR]   (DIR defaults to dist)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$1 goos=$2 goarch=$3 dir=${4:-dist}

bin="terraform-provider-bird_v${version}"
[ "$goos" = windows ] && bin+=".exe"
zip="$dir/terraform-provider-bird_${version}_${goos}_${goarch}.zip"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath -ldflags "-s -w -X main.version=${version}" -o "$build/$bin" .
mkdir -p "$dir"
rm -f "$zip"
# -j: the binary at the zip's root; -X: no extra file attributes, as a release's zip.
zip -q -j -X "$zip" "$build/$bin"
echo "$zip"
