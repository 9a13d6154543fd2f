# End-to-end benchmark: a summary by status and day of every recording, whose plugin
# process's peak resident memory the benchmark samples.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

# Set (TF_VAR_start_at) for the opt-in parallel read, which splits only a time window.
variable "start_at" {
  type    = string
  default = null
}

data "bird_voice_recordings_summary" "by_status_and_day" {
  group_by = ["status", "day"]
  start_at = var.start_at
}

output "recordings" {
  value = data.bird_voice_recordings_summary.by_status_and_day.total_count
}

output "groups" {
  value = length(data.bird_voice_recordings_summary.by_status_and_day.groups)
}
