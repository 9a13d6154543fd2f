# Answered calls of the last 24 hours without a usable recording, by status of what they
# have: the calls that should have been recorded, each gap confirmed by Bird's own answer for
# that call, in state only the gaps.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

provider "bird" {}

data "bird_voice_recording_coverage" "last_day" {
  start_at = timeadd(plantimestamp(), "-24h")
  end_at   = timeadd(plantimestamp(), "-5m")
}

output "answered_calls_without_recording" {
  value = data.bird_voice_recording_coverage.last_day.missing_calls
}

# "none" when the call has no recording at all, else the statuses of those it has.
output "gaps_by_kind" {
  value = {
    for c in data.bird_voice_recording_coverage.last_day.missing :
    (length(c.recordings) == 0 ? "none" : join("+", sort(distinct([for r in c.recordings : r.status])))) => c.call_id...
  }
}
