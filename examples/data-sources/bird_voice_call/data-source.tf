# The newest failed call, read on its own. A webhook or another system would give the ID;
# here it comes from the calls log, so that the example reads whatever the workspace holds.
data "bird_voice_calls" "failed" {
  status      = "failed"
  max_results = 1
}

# With channel_id the call is read directly; with id alone, from the calls log.
data "bird_voice_call" "failed" {
  count = length(data.bird_voice_calls.failed.calls)

  id         = data.bird_voice_calls.failed.calls[0].id
  channel_id = data.bird_voice_calls.failed.calls[0].channel_id
}

output "failed_call" {
  value = length(data.bird_voice_call.failed) == 0 ? null : {
    from              = data.bird_voice_call.failed[0].from
    to                = data.bird_voice_call.failed[0].to
    ringing_at        = data.bird_voice_call.failed[0].ringing_at # null when it never rang
    hangup_cause_code = data.bird_voice_call.failed[0].hangup_cause_code
    reason            = data.bird_voice_call.failed[0].reason
  }
}
