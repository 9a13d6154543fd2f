# End-to-end benchmark: every recording of the workspace through the provider.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

data "bird_voice_recordings" "all" {}

output "recordings" {
  value = length(data.bird_voice_recordings.all.recordings)
}
