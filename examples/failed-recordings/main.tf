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

output "failed_count" {
  value = length(data.bird_voice_recordings.failed.ids)
}

output "failed_by_channel" {
  value = {
    for r in data.bird_voice_recordings.failed.recordings : coalesce(r.channel_id, "none") => r.id...
  }
}
