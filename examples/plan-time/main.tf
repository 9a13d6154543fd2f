# Read at plan time, and a for_each that time passing does not shrink.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

provider "bird" {}

variable "archive_since" {
  description = "Archive the available recordings created since this time. A fixed start: a recording never leaves the window, so no archive job is destroyed as time passes."
  type        = string
  default     = "2026-01-01T00:00:00Z"
}

# plantimestamp() is known at plan time, so this is read during the plan, and its values
# are known there. With timestamp() (known only at apply), or with depends_on, the read
# would wait for the apply, and the for_each below would fail at plan.
data "bird_voice_recordings_summary" "last_week" {
  status   = "available"
  start_at = timeadd(plantimestamp(), "-168h") # a week: timeadd takes hours at most, not "7d"
}

data "bird_voice_recordings" "to_archive" {
  status   = "available"
  start_at = var.archive_since
}

resource "terraform_data" "archive_job" {
  for_each = toset(data.bird_voice_recordings.to_archive.ids)

  input = each.key
}

output "available_last_week" {
  value = data.bird_voice_recordings_summary.last_week.total_count
}

output "archive_jobs" {
  value = length(terraform_data.archive_job)
}
