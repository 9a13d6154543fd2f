# Large-state benchmark: eight expressions, each referencing the data source itself.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

data "bird_voice_recordings" "all" {}

output "count" {
  value = length(data.bird_voice_recordings.all.recordings)
}

output "failed" {
  value = length([for r in data.bird_voice_recordings.all.recordings : r if r.status == "failed"])
}

output "incoming" {
  value = length([for r in data.bird_voice_recordings.all.recordings : r if r.direction == "incoming"])
}

output "newest" {
  value = data.bird_voice_recordings.all.recordings[0].id
}

output "seconds" {
  value = sum(concat([0], [for r in data.bird_voice_recordings.all.recordings : coalesce(r.duration, 0)]))
}

output "channels" {
  value = length(distinct([for r in data.bird_voice_recordings.all.recordings : coalesce(r.channel_id, "none")]))
}

output "stereo" {
  value = length([for r in data.bird_voice_recordings.all.recordings : r if coalesce(r.stereo, false)])
}

output "ids" {
  value = length(data.bird_voice_recordings.all.ids)
}
