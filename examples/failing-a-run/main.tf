# Two ways to act on what a data source reads: a postcondition fails the run, a check block
# only warns.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

provider "bird" {}

data "bird_voice_recordings_summary" "failed_last_day" {
  status   = "failed"
  start_at = timeadd(plantimestamp(), "-24h")

  # Fails the run: plan or apply stops with this error, and nothing is applied.
  lifecycle {
    postcondition {
      condition     = self.total_count <= 50
      error_message = "${self.total_count} recordings failed in the last 24 hours, more than 50: stopping."
    }
  }
}

# Warns only: plan and apply go on, and show this message as a warning.
check "few_failed_recordings" {
  assert {
    condition     = data.bird_voice_recordings_summary.failed_last_day.total_count <= 10
    error_message = "${data.bird_voice_recordings_summary.failed_last_day.total_count} recordings failed in the last 24 hours, more than 10."
  }
}

output "failed_last_day" {
  value = data.bird_voice_recordings_summary.failed_last_day.total_count
}
