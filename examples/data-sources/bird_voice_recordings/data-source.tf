# Every recording of the provider's workspace, newest first.
data "bird_voice_recordings" "all" {}

# The 20 newest incoming recordings of one channel in October 2026, with their audio links.
data "bird_voice_recordings" "support_line" {
  channel_id   = "880d8171-cbab-47bb-81b6-b1a0902da136"
  direction    = "incoming"
  start_at     = "2026-10-01T00:00:00Z"
  end_at       = "2026-10-31T23:59:59Z"
  max_results  = 20
  include_urls = true

  timeouts = {
    read = "5m"
  }
}

output "support_line_recording_ids" {
  value = data.bird_voice_recordings.support_line.ids
}
