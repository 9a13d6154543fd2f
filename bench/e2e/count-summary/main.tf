# End-to-end benchmark: the failed recordings counted by the summary.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

data "bird_voice_recordings_summary" "by_status" {
  group_by = ["status"]
}

output "failed" {
  value = sum(concat([0], [for g in data.bird_voice_recordings_summary.by_status.groups : g.count if g.key.status == "failed"]))
}
