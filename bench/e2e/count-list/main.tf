# End-to-end benchmark: the failed recordings counted from the list, the way a user would
# before the summaries.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

data "bird_voice_recordings" "all" {}

output "failed" {
  value = length([for r in data.bird_voice_recordings.all.recordings : r if r.status == "failed"])
}
