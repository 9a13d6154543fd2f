# Large-state benchmark: the same eight expressions, all through one local that references
# the data source once: the form the documentation advises.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

data "bird_voice_recordings" "all" {}

locals {
  all = data.bird_voice_recordings.all
}

output "count" {
  value = length(local.all.recordings)
}

output "failed" {
  value = length([for r in local.all.recordings : r if r.status == "failed"])
}

output "incoming" {
  value = length([for r in local.all.recordings : r if r.direction == "incoming"])
}

output "newest" {
  value = local.all.recordings[0].id
}

output "seconds" {
  value = sum(concat([0], [for r in local.all.recordings : coalesce(r.duration, 0)]))
}

output "channels" {
  value = length(distinct([for r in local.all.recordings : coalesce(r.channel_id, "none")]))
}

output "stereo" {
  value = length([for r in local.all.recordings : r if coalesce(r.stereo, false)])
}

output "ids" {
  value = length(local.all.ids)
}
