# The demo: read the recordings of a Bird workspace, summarise them, and drive one piece of
# infrastructure per long recording. `make demo` runs it against the built-in Bird API; to
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

locals {
  recordings = data.bird_voice_recordings.all.recordings
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
