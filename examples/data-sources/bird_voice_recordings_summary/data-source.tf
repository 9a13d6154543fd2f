# Failed recordings of the last day, per channel: one small group per channel in state,
# whatever the number of recordings.
data "bird_voice_recordings_summary" "failed_last_day" {
  status   = "failed"
  start_at = timeadd(plantimestamp(), "-24h")
  group_by = ["channel_id"]
}

# Minutes of audio per day (UTC) over the last 30 days, for a storage budget. Grouped by
# status too, to count only the recordings with audio: available ones (Bird: the audio can
# be downloaded) and completed ones (finished, about to be available: an assumption).
# Failed and absent recordings may carry a duration, but no audio.
data "bird_voice_recordings_summary" "per_day" {
  start_at = timeadd(plantimestamp(), "-720h") # 30 days: timeadd takes hours, not "30d"
  group_by = ["day", "status"]
}

locals {
  audio_statuses = ["available", "completed"]
  # A channel_id of "" counts the recordings Bird gives no channel.
  failed_per_channel = {
    for g in data.bird_voice_recordings_summary.failed_last_day.groups :
    (g.key.channel_id != "" ? g.key.channel_id : "none") => g.count
  }
}

# An alert: warns on plan and apply when a channel failed to record more than 50 calls in a
# day.
check "failed_recordings_per_channel" {
  assert {
    condition     = alltrue([for n in values(local.failed_per_channel) : n <= 50])
    error_message = "A channel failed to record more than 50 calls in the last day: ${jsonencode(local.failed_per_channel)}"
  }
}

output "failed_last_day" {
  value = data.bird_voice_recordings_summary.failed_last_day.total_count
}

output "audio_minutes_per_day" {
  value = {
    for day in distinct([for g in data.bird_voice_recordings_summary.per_day.groups : g.key.day]) :
    day => floor(sum(concat([0], [
      for g in data.bird_voice_recordings_summary.per_day.groups :
      g.duration_seconds if g.key.day == day && contains(local.audio_statuses, g.key.status)
    ])) / 60)
  }
}
