# The voice channels of the workspace, by name (two channels may share a name).
data "bird_channels" "voice" {
  platform = "voice"
}

output "voice_channels" {
  value = { for c in data.bird_channels.voice.channels : coalesce(c.name, c.id) => c.id... }
}

# One channel by its exact name: the provider matches it, since Bird has no name filter.
data "bird_channels" "support" {
  name = "Support NL"
}

output "support_channel_ids" {
  value = data.bird_channels.support.ids
}
