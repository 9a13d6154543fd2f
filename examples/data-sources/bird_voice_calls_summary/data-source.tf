# Calls per Q.850 hang-up cause: a report of why calls ended.
data "bird_voice_calls_summary" "by_cause" {
  group_by = ["hangup_cause_code"]
}

# Unanswered incoming calls per channel and hour, over the last day.
data "bird_voice_calls_summary" "unanswered" {
  direction = "incoming"
  status    = "no-answer"
  start_at  = timeadd(plantimestamp(), "-24h")
  group_by  = ["channel_id", "hour"]
}

output "calls_per_hangup_cause" {
  # "" is a call Bird gives no hang-up cause, such as one still going on.
  value = {
    for g in data.bird_voice_calls_summary.by_cause.groups :
    (g.key.hangup_cause_code != "" ? g.key.hangup_cause_code : "none") => g.count
  }
}

output "unanswered_per_channel_hour" {
  value = [
    for g in data.bird_voice_calls_summary.unanswered.groups :
    { channel_id = g.key.channel_id, hour = g.key.hour, calls = g.count }
  ]
}

# Minutes of calls: the sum of every call's duration (seconds in every example of Bird's);
# a call without one, such as one still going on, counts 0.
output "call_minutes" {
  value = floor(data.bird_voice_calls_summary.by_cause.total_duration_seconds / 60)
}
