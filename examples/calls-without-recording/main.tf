# Calls of the last 24 hours that ended without leaving a recording: compare the calls log
# with the recordings' source_id.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

provider "bird" {}

data "bird_voice_calls" "last_day" {
  start_at = timeadd(plantimestamp(), "-24h")
}

# Every recording, without a window: which timestamp Bird's startAt bounds is not
# documented, and a call's recording is created after the call.
data "bird_voice_recordings" "all" {}

locals {
  calls    = data.bird_voice_calls.last_day # one reference to each data source
  recorded = toset([for r in data.bird_voice_recordings.all.recordings : r.source_id if r.source == "call" && r.source_id != null])
  unrecorded = [
    for c in local.calls.calls : c if c.ended_at != null && !contains(local.recorded, c.id)
  ]
}

output "calls_without_recording" {
  value = length(local.unrecorded)
}

output "calls_without_recording_by_status" {
  value = { for c in local.unrecorded : c.status => c.id... }
}
