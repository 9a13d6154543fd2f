#!/usr/bin/env bash
# Runs the demo under Terraform and under OpenTofu and checks its outputs against what the
# built-in Bird API's deterministic seed holds, so the demo cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."

clis=()
if command -v terraform >/dev/null 2>&1; then clis+=("$(command -v terraform)"); fi
clis+=("$(./scripts/tofu.sh)")

for cli in "${clis[@]}"; do
  out=$(TF_CLI="$cli" ./scripts/demo.sh)
  for want in 'recordings = 300' 'failed_recordings = 42' 'archive_jobs = 13' '"incoming" = 150' '"available" = 43' 'total_duration_hours = 20.94' 'failed_last_day = 29' 'stored_recordings = 300' 'storage_mb = 1206'; do
    if ! grep -qxF -- "$want" <<<"$(sed 's/^ *//' <<<"$out")"; then
      echo "demo under $cli: output lacks '$want':" >&2
      echo "$out" >&2
      exit 1
    fi
  done
  echo "demo under $("$cli" version | head -1): outputs as expected"
done
