#!/usr/bin/env bash
# Runs the demo under Terraform and under OpenTofu and checks its outputs against what the
# built-in Bird API's deterministic seed holds, so the demo cannot rot. The calls' figures
# are checked twice: as the seed's exact counts, and against each other (every call has one
# status and one hang-up cause, and the calls that left no recording are exactly those that
# failed, were busy, went unanswered or were cancelled).
set -euo pipefail
cd "$(dirname "$0")/.."

clis=()
if command -v terraform >/dev/null 2>&1; then clis+=("$(command -v terraform)"); fi
clis+=("$(./scripts/tofu.sh)")

# block NAME prints the lines of the map output NAME, indentation stripped.
block() { sed -n "/^$1 = {\$/,/^}\$/p" <<<"$out" | sed '1d;$d;s/^ *//'; }
# total sums the values of the map lines on stdin.
total() { awk -F' = ' '{ n += $2 } END { print n + 0 }'; }
# value NAME prints the number output NAME.
value() { sed -n "s/^$1 = //p" <<<"$out"; }

fail() {
  echo "demo under $cli: $1" >&2
  echo "$out" >&2
  exit 1
}

for cli in "${clis[@]}"; do
  out=$(TF_CLI="$cli" ./scripts/demo.sh)
  for want in 'recordings = 300' 'failed_recordings = 42' 'archive_jobs = 13' '"incoming" = 150' '"available" = 43' 'total_duration_hours = 20.94' 'failed_last_day = 29' 'stored_recordings = 300' 'storage_mb = 1206' \
    'support_nl_recordings = 100' 'calls = 376' 'calls_without_recording = 94'; do
    grep -qxF -- "$want" <<<"$(sed 's/^ *//' <<<"$out")" || fail "output lacks '$want'"
  done
  for want in 'calls_by_status "completed" = 162' 'calls_by_status "ongoing" = 120' 'calls_by_status "failed" = 23' \
    'calls_by_status "busy" = 23' 'calls_by_status "no-answer" = 24' 'calls_by_status "cancelled" = 24' \
    'hangup_causes "16" = 186' 'hangup_causes "17" = 23' 'hangup_causes "19" = 24' 'hangup_causes "41" = 23' 'hangup_causes "none" = 120'; do
    block "${want%% *}" | grep -qxF -- "${want#* }" || fail "output ${want%% *} lacks '${want#* }'"
  done

  calls=$(value calls)
  [ "$calls" -gt 0 ] || fail "no calls"
  [ "$(block calls_by_status | total)" = "$calls" ] || fail "calls_by_status does not add up to calls"
  [ "$(block hangup_causes | total)" = "$calls" ] || fail "hangup_causes does not add up to calls"
  unrecorded=$(value calls_without_recording)
  [ "$unrecorded" -gt 0 ] || fail "no call without a recording"
  [ "$(block calls_without_recording_by_status | total)" = "$unrecorded" ] || fail "calls_without_recording_by_status does not add up to calls_without_recording"
  [ "$(block calls_by_status | grep -E '^"(failed|busy|no-answer|cancelled)" = ' | total)" = "$unrecorded" ] ||
    fail "the calls without a recording are not the failed, busy, unanswered and cancelled ones"
  [ "$(block calls_without_recording_by_status | grep -vE '^"(failed|busy|no-answer|cancelled)" = ' | total)" = 0 ] ||
    fail "a call that connected is counted without a recording"
  echo "demo under $("$cli" version | sed -n 1p): outputs as expected"
done
