# Recordings of one channel in the last day.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

provider "bird" {}

variable "channel_id" {
  description = "The UUID of the voice channel."
  type        = string
  default     = "880d8171-cbab-47bb-81b6-b1a0902da136"
}

data "bird_voice_recordings" "last_day" {
  channel_id = var.channel_id
  start_at   = timeadd(plantimestamp(), "-24h")
  end_at     = plantimestamp()
}

# Minutes of audio: available and completed recordings only. Failed and absent ones may
# carry a duration but hold no audio, and ongoing ones have no duration yet.
output "minutes_recorded" {
  value = sum(concat([0], [
    for r in data.bird_voice_recordings.last_day.recordings : coalesce(r.duration, 0)
    if contains(["available", "completed"], r.status)
  ])) / 60
}
