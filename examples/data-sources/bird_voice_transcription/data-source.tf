data "bird_voice_transcription" "call" {
  id = "0f4f8c9e-1c57-4b7a-9d3e-5a2b1c0d9e8f"
}

output "summary" {
  value = data.bird_voice_transcription.call.summary
}
