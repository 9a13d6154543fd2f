# Opens a fresh audio link that never lands in the plan or the state. Hand it to another
# provider's configuration, or to a module input declared ephemeral, for example a
# transcription service's provider block: `audio_url = ephemeral.bird_voice_recording.call.url`.
ephemeral "bird_voice_recording" "call" {
  id = "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd"
}

locals {
  # Still ephemeral: usable in provider blocks and ephemeral contexts only.
  audio_url = ephemeral.bird_voice_recording.call.url
}
