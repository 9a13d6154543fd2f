# The demo: read the recordings and calls of a Bird workspace, summarise them, and drive one
# piece of infrastructure per long recording. `make demo` runs it against the built-in Bird API; to
# run it against Bird, set BIRD_ACCESS_KEY and BIRD_WORKSPACE_ID and leave BIRD_ENDPOINT unset.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

# Credentials, workspace and endpoint come from BIRD_ACCESS_KEY, BIRD_WORKSPACE_ID and
# BIRD_ENDPOINT.
provider "bird" {}

variable "long_call_seconds" {
  description = "Recordings at least this long get an archival job."
  type        = number
  default     = 600
}

data "bird_voice_recordings" "all" {}

data "bird_voice_recordings" "failed" {
  status = "failed"
}

# The README's example: the failed recordings of the last 24 hours.
data "bird_voice_recordings" "failed_last_day" {
  status   = "failed"
  start_at = timeadd(plantimestamp(), "-24h")
}

data "bird_voice_recording_metrics" "storage" {}

# A channel by the name the team uses, not a UUID copied from the dashboard.
data "bird_channel" "support" {
  name = "Support NL"
}

data "bird_voice_recordings" "support" {
  channel_id = data.bird_channel.support.id
}

# The calls log: every call, those that left a recording and those that did not.
data "bird_voice_calls" "all" {}

# The counts come from summaries: a few values per group in state, whatever the number of
# recordings and calls. Summaries with the same filters share one read, so these two cost
# one read of the recordings, and the two below one read of the calls. The lists stay for
# what needs the objects themselves (archival jobs, calls without a recording), and their
# lengths (outputs recordings and calls) are what scripts/demo-test.sh checks the summaries'
# counts add up to.
data "bird_voice_recordings_summary" "by_direction" {
  group_by = ["direction"]
}

data "bird_voice_recordings_summary" "by_status" {
  group_by = ["status"]
}

data "bird_voice_calls_summary" "by_status" {
  group_by = ["status"]
}

data "bird_voice_calls_summary" "by_hangup_cause" {
  group_by = ["hangup_cause_code"]
}

data "bird_voice_calls_summary" "by_channel" {
  group_by = ["channel_id"]
}

# The voice channels, to name the channels the calls are on.
data "bird_channels" "voice" {
  platform = "voice"
}

locals {
  recordings = data.bird_voice_recordings.all.recordings
  calls      = data.bird_voice_calls.all.calls
  # The calls that a recording was made of.
  recorded_calls = toset([for r in local.recordings : r.source_id if r.source == "call" && r.source_id != null])
  # Calls that ended (ended_at is null while a call goes on) and left no recording.
  unrecorded = [for c in local.calls : c if c.ended_at != null && !contains(local.recorded_calls, c.id)]
  long = {
    for r in local.recordings : r.id => r
    if r.status == "available" && coalesce(r.duration, 0) >= var.long_call_seconds
  }
}

# Stands for infrastructure driven by recording metadata: an archival job per long recording.
resource "terraform_data" "archive_job" {
  for_each = local.long

  input = {
    recording_id = each.key
    channel_id   = each.value.channel_id
    created_at   = each.value.created_at
    duration     = each.value.duration
  }
}

output "recordings" {
  value = length(local.recordings)
}

# A summary's key is "" where Bird leaves the field out, and coalesce skips "".
output "by_direction" {
  value = { for g in data.bird_voice_recordings_summary.by_direction.groups : coalesce(g.key.direction, "unknown") => g.count }
}

output "by_status" {
  value = { for g in data.bird_voice_recordings_summary.by_status.groups : g.key.status => g.count }
}

# Every recording's duration, whatever its status: failed and absent recordings carry one too.
output "total_duration_hours" {
  value = floor(data.bird_voice_recordings_summary.by_status.total_duration_seconds / 36) / 100
}

# Hours of audio: available recordings (Bird documents that their audio can be downloaded)
# and completed ones (finished, and by the provider's assumption about to be available).
output "audio_hours" {
  value = floor(sum(concat([0], [for g in data.bird_voice_recordings_summary.by_status.groups : g.duration_seconds if contains(["available", "completed"], g.key.status)])) / 36) / 100
}

output "failed_recordings" {
  value = length(data.bird_voice_recordings.failed.ids)
}

output "failed_last_day" {
  value = length(data.bird_voice_recordings.failed_last_day.ids)
}

output "stored_recordings" {
  value = data.bird_voice_recording_metrics.storage.counter
}

output "storage_mb" {
  value = floor(sum(concat([0], values(coalesce(data.bird_voice_recording_metrics.storage.daily_storage_usage, {})))) / 1000000)
}

output "archive_jobs" {
  value = length(terraform_data.archive_job)
}

output "support_nl_recordings" {
  value = length(data.bird_voice_recordings.support.ids)
}

output "calls" {
  value = length(local.calls)
}

output "calls_by_status" {
  value = { for g in data.bird_voice_calls_summary.by_status.groups : g.key.status => g.count }
}

output "calls_by_channel" {
  value = {
    for g in data.bird_voice_calls_summary.by_channel.groups :
    try(one([for c in data.bird_channels.voice.channels : c.name if c.id == g.key.channel_id]), g.key.channel_id) => g.count
  }
}

output "calls_without_recording" {
  value = length(local.unrecorded)
}

output "calls_without_recording_by_status" {
  value = { for s in distinct([for c in local.unrecorded : c.status]) :
  s => length([for c in local.unrecorded : c if c.status == s]) }
}

# A call's Q.850 hang-up cause; "none" when Bird gives none.
# The numbers that take calls, by country.
data "bird_numbers" "voice" {
  capability = "voice"
}

output "voice_numbers_by_country" {
  value = { for n in data.bird_numbers.voice.numbers : coalesce(n.country_code, "unknown") => n.number... }
}

output "hangup_causes" {
  value = { for g in data.bird_voice_calls_summary.by_hangup_cause.groups : coalesce(g.key.hangup_cause_code, "none") => g.count }
}

# Every answered call recorded? The calls of the month that should have a recording
# (completed, by default) and those without an available one, per channel, each gap
# confirmed by Bird's own answer for that call. The window ends five minutes ago, so that
# recordings still being processed are not counted as gaps.
data "bird_voice_recording_coverage" "month" {
  start_at = timeadd(plantimestamp(), "-744h")
  end_at   = timeadd(plantimestamp(), "-5m")
  group_by = ["channel_id"]
}

output "recording_coverage" {
  value = data.bird_voice_recording_coverage.month.coverage
}

output "answered_calls_without_recording" {
  value = data.bird_voice_recording_coverage.month.missing_calls
}

# "recorded/expected" answered calls, per channel.
output "recording_coverage_by_channel" {
  value = {
    for g in data.bird_voice_recording_coverage.month.groups :
    try(one([for c in data.bird_channels.voice.channels : c.name if c.id == g.key.channel_id]), g.key.channel_id) => "${g.recorded_calls}/${g.expected_calls}"
  }
}
