# Failed recordings, for an alert or a report.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

provider "bird" {}

data "bird_voice_recordings" "failed" {
  status = "failed"
}

# One reference to the data source: every expression that names it costs a pass over it.
locals {
  failed = data.bird_voice_recordings.failed
}

output "failed_count" {
  value = length(local.failed.ids)
}

output "failed_by_channel" {
  value = {
    for r in local.failed.recordings : coalesce(r.channel_id, "none") => r.id...
  }
}
