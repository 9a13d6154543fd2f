#!/usr/bin/env bash
# Runs the demo under Terraform and under OpenTofu and checks its outputs against what the
# built-in Bird API's deterministic seed (birdtest.SeedContactCentre, 400 recordings) holds,
# so the demo cannot rot. The seed's figures do not depend on the day or hour it starts, the
# last 24 hours' included. The calls' figures are checked twice: as the seed's exact counts,
# and against each other (every call has one status and one hang-up cause, and the calls
# that ended without a recording are those that failed, were busy, went unanswered or were
# cancelled, and the completed calls seeded with no recording at all). The recording
# coverage is checked as exact figures per channel, which add up to its totals.
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
  for want in 'recordings = 400' 'failed_recordings = 45' 'archive_jobs = 42' '"incoming" = 265' '"outgoing" = 135' 'total_duration_hours = 38.3' 'audio_hours = 35.12' \
    'failed_last_day = 2' 'stored_recordings = 400' 'storage_mb = 2206' 'support_nl_recordings = 101' 'calls = 528' 'calls_without_recording = 143' \
    'answered_calls_without_recording = 71' 'recording_coverage = 0.814621409921671'; do
    grep -qxF -- "$want" <<<"$(sed 's/^ *//' <<<"$out")" || fail "output lacks '$want'"
  done
  for want in 'by_status "available" = 325' 'by_status "completed" = 2' 'by_status "failed" = 45' 'by_status "absent" = 23' \
    'by_status "ongoing" = 2' 'by_status "paused" = 2' 'by_status "accepted" = 1' \
    'calls_by_status "completed" = 383' 'calls_by_status "no-answer" = 48' 'calls_by_status "busy" = 24' 'calls_by_status "failed" = 24' \
    'calls_by_status "cancelled" = 24' 'calls_by_status "ongoing" = 5' 'calls_by_status "ringing" = 5' 'calls_by_status "starting" = 5' \
    'calls_by_status "accepted" = 5' 'calls_by_status "scheduled" = 5' \
    'calls_by_channel "Support NL" = 131' 'calls_by_channel "Support GB" = 156' 'calls_by_channel "Sales NL" = 81' \
    'calls_by_channel "Sales GB" = 80' 'calls_by_channel "Billing NL" = 80' \
    'calls_without_recording_by_status "completed" = 23' \
    'hangup_causes "16" = 407' 'hangup_causes "17" = 24' 'hangup_causes "18" = 24' 'hangup_causes "19" = 24' 'hangup_causes "1" = 6' \
    'hangup_causes "21" = 6' 'hangup_causes "38" = 6' 'hangup_causes "41" = 6' 'hangup_causes "none" = 25' \
    'recording_coverage_by_channel "Billing NL" = "46/57"' 'recording_coverage_by_channel "Sales GB" = "42/57"' \
    'recording_coverage_by_channel "Sales NL" = "49/58"' 'recording_coverage_by_channel "Support GB" = "97/116"' \
    'recording_coverage_by_channel "Support NL" = "78/95"'; do
    block "${want%% *}" | grep -qxF -- "${want#* }" || fail "output ${want%% *} lacks '${want#* }'"
  done

  calls=$(value calls)
  [ "$calls" -gt 0 ] || fail "no calls"
  [ "$(block calls_by_status | total)" = "$calls" ] || fail "calls_by_status does not add up to calls"
  [ "$(block hangup_causes | total)" = "$calls" ] || fail "hangup_causes does not add up to calls"
  unrecorded=$(value calls_without_recording)
  [ "$unrecorded" -gt 0 ] || fail "no call without a recording"
  [ "$(block calls_without_recording_by_status | total)" = "$unrecorded" ] || fail "calls_without_recording_by_status does not add up to calls_without_recording"
  unanswered=$(block calls_by_status | grep -E '^"(failed|busy|no-answer|cancelled)" = ' | total)
  [ "$(block calls_without_recording_by_status | grep -E '^"(failed|busy|no-answer|cancelled)" = ' | total)" = "$unanswered" ] ||
    fail "the calls without a recording are not all the failed, busy, unanswered and cancelled ones"
  [ "$(block calls_without_recording_by_status | grep -vE '^"(failed|busy|no-answer|cancelled|completed)" = ' | total)" = 0 ] ||
    fail "a call not ended is counted without a recording"
  [ "$(block calls_by_channel | total)" = "$calls" ] || fail "calls_by_channel does not add up to calls"
  [ "$(block by_status | total)" = "$(value recordings)" ] || fail "by_status does not add up to recordings"
  # Coverage: every completed call is expected, and the gaps are at least the completed calls
  # seeded with no recording at all, which the HCL join above finds too.
  expected=$(block recording_coverage_by_channel | awk -F'[/"]' '{ n += $(NF-1) } END { print n + 0 }')
  recorded=$(block recording_coverage_by_channel | awk -F'[/"]' '{ n += $(NF-2) } END { print n + 0 }')
  [ "$expected" = "$(block calls_by_status | sed -n 's/^"completed" = //p')" ] || fail "the calls expected to be recorded are not the completed ones"
  [ "$((expected - recorded))" = "$(value answered_calls_without_recording)" ] || fail "recording_coverage_by_channel does not add up to answered_calls_without_recording"
  [ "$(value answered_calls_without_recording)" -ge "$(block calls_without_recording_by_status | sed -n 's/^"completed" = //p')" ] ||
    fail "fewer answered calls without a recording than completed calls the join finds without any"
  # The voice numbers are those of the five voice channels, not the SMS channel's.
  [ "$(block voice_numbers_by_country | tr -d '\n')" = '"GB" = ["+442038080100","+442038080200",]"NL" = ["+3197004499430","+3197004499431","+3197004499432",]' ] ||
    fail "voice_numbers_by_country is not the voice channels' numbers per country"
  echo "demo under $("$cli" version | sed -n 1p): outputs as expected"
done
