# Downloads a recording's audio through a fresh link that never lands in the plan or the
# state: here the newest available recording (a link works once a recording is available).
# Every attribute of an ephemeral resource is ephemeral (`status` and `created_at` too): it
# can go to a provisioner, a provider block or a write-only argument, never to an output or
# an ordinary resource argument. For metadata to keep, use the bird_voice_recording data
# source.
data "bird_voice_recordings" "available" {
  status      = "available"
  max_results = 1
}

locals {
  recording_id = data.bird_voice_recordings.available.ids[0]
}

ephemeral "bird_voice_recording" "call" {
  id = local.recording_id
}

# triggers_replace, not input: a new ID replaces the resource, which runs the provisioner,
# and so the download, again. A changed input would only update it in place.
resource "terraform_data" "audio_copy" {
  triggers_replace = local.recording_id

  provisioner "local-exec" {
    command = "curl --fail --silent --show-error --output \"$RECORDING_ID.mp3\" \"$AUDIO_URL\""
    environment = {
      RECORDING_ID = local.recording_id
      AUDIO_URL    = ephemeral.bird_voice_recording.call.url
    }
  }
}
