# End-to-end benchmark: a summary by status and day of every recording, whose plugin
# process's peak resident memory the benchmark samples.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

data "bird_voice_recordings_summary" "by_status_and_day" {
  group_by = ["status", "day"]
}

output "recordings" {
  value = data.bird_voice_recordings_summary.by_status_and_day.total_count
}

output "groups" {
  value = length(data.bird_voice_recordings_summary.by_status_and_day.groups)
}
