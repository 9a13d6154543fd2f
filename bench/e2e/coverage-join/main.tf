# End-to-end benchmark: the same gaps from the HCL join the coverage replaces, the calls of
# the window against every recording of the workspace.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

data "bird_voice_calls" "last_day" {
  start_at = timeadd(plantimestamp(), "-25h")
}

data "bird_voice_recordings" "all" {}

locals {
  recorded = toset([for r in data.bird_voice_recordings.all.recordings : r.source_id if r.source == "call" && r.status == "available"])
}

output "gaps" {
  value = length([for c in data.bird_voice_calls.last_day.calls : c if c.status == "completed" && !contains(local.recorded, c.id)])
}
