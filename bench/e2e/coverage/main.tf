# End-to-end benchmark: the answered calls of the last day without a recording, from
# bird_voice_recording_coverage.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

data "bird_voice_recording_coverage" "last_day" {
  start_at = timeadd(plantimestamp(), "-25h")
}

output "gaps" {
  value = data.bird_voice_recording_coverage.last_day.missing_calls
}
