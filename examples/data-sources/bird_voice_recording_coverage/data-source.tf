# The answered calls of the last day on the support channel that have no available
# recording, per channel.
data "bird_channel" "support" {
  name = "Support NL"
}

data "bird_voice_recording_coverage" "support" {
  start_at          = timeadd(plantimestamp(), "-24h")
  end_at            = timeadd(plantimestamp(), "-5m") # recordings still being processed are no gap
  channel_ids       = [data.bird_channel.support.id]
  call_statuses     = ["completed"] # the calls that should have a recording (default)
  recorded_statuses = ["available"] # what counts as recorded (default)
  min_call_duration = 0             # seconds; shorter calls are not expected (default 0)
  group_by          = ["channel_id"]
}

output "support_coverage" {
  value = data.bird_voice_recording_coverage.support.coverage
}

# Each gap: the call, and the recordings it has that did not count (failed, absent, ...).
output "support_gaps" {
  value = [
    for c in data.bird_voice_recording_coverage.support.missing :
    "${c.call_id} at ${c.created_at}: ${length(c.recordings) == 0 ? "no recording" : join(", ", [for r in c.recordings : r.status])}"
  ]
}
