# The transcriptions of one recording, with links to them.
data "bird_voice_transcriptions" "call" {
  recording_id = "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd"
  include_urls = true
}

output "summaries" {
  value = [for t in data.bird_voice_transcriptions.call.transcriptions : t.summary if t.status == "available"]
}
