# One archival job per available recording, driven by recording metadata with for_each.
terraform {
  required_providers {
    bird = {
      source = "birdtf/bird"
    }
  }
}

provider "bird" {}

data "bird_voice_recordings" "available" {
  status = "available"
}

resource "terraform_data" "archive_job" {
  for_each = { for r in data.bird_voice_recordings.available.recordings : r.id => r }

  input = {
    recording_id = each.key
    created_at   = each.value.created_at
    caller       = try(each.value.originator.number.identity, null)
  }
}
