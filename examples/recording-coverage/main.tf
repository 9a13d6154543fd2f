# Every answered call recorded: a check block that warns when an answered call of the last
# day has no available recording, or when no call was expected at all (a wrong channel, or a
# window with no calls, would otherwise pass with a coverage of 1).
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
  # A few minutes in the past: a recording still being processed is not yet available.
  end_at = timeadd(plantimestamp(), "-5m")
}

check "every_answered_call_recorded" {
  assert {
    condition     = data.bird_voice_recording_coverage.last_day.expected_calls > 0 && data.bird_voice_recording_coverage.last_day.missing_calls == 0
    error_message = "${data.bird_voice_recording_coverage.last_day.missing_calls} of ${data.bird_voice_recording_coverage.last_day.expected_calls} answered calls of the last day have no available recording, the first at ${try(data.bird_voice_recording_coverage.last_day.missing[0].created_at, "-")}."
  }
}
