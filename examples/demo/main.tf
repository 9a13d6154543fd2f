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

locals {
  recordings = data.bird_voice_recordings.all.recordings
  calls      = data.bird_voice_calls.all.calls
  # The calls that a recording was made of.
  recorded_calls = toset([for r in local.recordings : r.source_id if r.source == "call" && r.source_id != null])
  # Calls that ended (ended_at is null while a call goes on) and left no recording.
  unrecorded = [for c in local.calls : c if c.ended_at != null && !contains(local.recorded_calls, c.id)]
  # A call's Q.850 hang-up cause, as a map key; "none" when Bird gives none.
  causes = [for c in local.calls : c.hangup_cause_code == null ? "none" : tostring(c.hangup_cause_code)]
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

output "by_direction" {
  value = { for d in distinct([for r in local.recordings : coalesce(r.direction, "unknown")]) :
  d => length([for r in local.recordings : r if coalesce(r.direction, "unknown") == d]) }
}

output "by_status" {
  value = { for s in distinct([for r in local.recordings : r.status]) :
  s => length([for r in local.recordings : r if r.status == s]) }
}

output "total_duration_hours" {
  value = floor(sum(concat([0], [for r in local.recordings : coalesce(r.duration, 0)])) / 36) / 100
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
  value = { for s in distinct([for c in local.calls : c.status]) :
  s => length([for c in local.calls : c if c.status == s]) }
}

output "calls_without_recording" {
  value = length(local.unrecorded)
}

output "calls_without_recording_by_status" {
  value = { for s in distinct([for c in local.unrecorded : c.status]) :
  s => length([for c in local.unrecorded : c if c.status == s]) }
}

output "hangup_causes" {
  value = { for code in distinct(local.causes) : code => length([for c in local.causes : c if c == code]) }
}
