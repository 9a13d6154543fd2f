# End-to-end benchmark: the summary of bench/e2e/summary-rss, windowed so that the opt-in
# parallel read (BIRD_READ_PARALLELISM=8) splits it into parts, each folded as it arrives.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

data "bird_voice_recordings_summary" "by_status_and_day" {
  group_by = ["status", "day"]
  start_at = "2000-01-01T00:00:00Z"
}

output "recordings" {
  value = data.bird_voice_recordings_summary.by_status_and_day.total_count
}

output "groups" {
  value = length(data.bird_voice_recordings_summary.by_status_and_day.groups)
}
