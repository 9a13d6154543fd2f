# One recording, by the ID a webhook or another system gave.
data "bird_voice_recording" "call" {
  id = "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd"
}

# duration is null until the call ends: guard arithmetic on it.
output "call_minutes" {
  value = data.bird_voice_recording.call.duration == null ? null : data.bird_voice_recording.call.duration / 60
}
