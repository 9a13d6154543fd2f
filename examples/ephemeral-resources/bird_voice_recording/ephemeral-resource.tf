# Downloads a recording's audio through a fresh link that never lands in the plan or the
# state. Every attribute of an ephemeral resource is ephemeral (`status` and `created_at`
# too): it can go to a provisioner, a provider block or a write-only argument, never to an
# output or an ordinary resource argument. For metadata to keep, use the
# bird_voice_recording data source.
locals {
  recording_id = "2d0f6b1c-8a4e-4c3b-9f7a-1e5d3c2b4a69"
}

ephemeral "bird_voice_recording" "call" {
  id = local.recording_id
}

resource "terraform_data" "audio_copy" {
  input = local.recording_id

  provisioner "local-exec" {
    command = "curl --fail --silent --show-error --output \"$RECORDING_ID.mp3\" \"$AUDIO_URL\""
    environment = {
      RECORDING_ID = local.recording_id
      AUDIO_URL    = ephemeral.bird_voice_recording.call.url
    }
  }
}
