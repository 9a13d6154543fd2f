# How much storage the recordings take, for a capacity report.
data "bird_voice_recording_metrics" "workspace" {}

output "recordings_stored" {
  value = data.bird_voice_recording_metrics.workspace.counter
}

output "storage_per_day" {
  value = data.bird_voice_recording_metrics.workspace.daily_storage_usage
}
