# The channel a team knows by name, so that no configuration copies its UUID.
data "bird_channel" "support" {
  name = "Support NL"
}

# Its recordings of the last 24 hours.
data "bird_voice_recordings" "support_last_day" {
  channel_id = data.bird_channel.support.id
  start_at   = timeadd(plantimestamp(), "-24h")
}

output "support_channel_id" {
  value = data.bird_channel.support.id
}

output "support_recordings_last_day" {
  value = length(data.bird_voice_recordings.support_last_day.ids)
}
