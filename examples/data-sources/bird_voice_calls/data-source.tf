# The calls on the "Support NL" channel in the last 24 hours that failed, went unanswered
# or were busy, and why: the hang-up cause (Q.850), the SIP code and who hung up.
data "bird_channel" "support" {
  name = "Support NL"
}

data "bird_voice_calls" "missed" {
  for_each = toset(["failed", "no-answer", "busy"])

  channel_ids = [data.bird_channel.support.id]
  status      = each.key
  start_at    = timeadd(plantimestamp(), "-24h")
}

output "missed_calls_by_status" {
  value = { for status, d in data.bird_voice_calls.missed : status => length(d.ids) }
}

output "missed_calls" {
  value = flatten([for d in values(data.bird_voice_calls.missed) : [for c in d.calls : {
    id                = c.id
    status            = c.status
    from              = c.from
    hangup_cause_code = c.hangup_cause_code # null when Bird leaves it out
    hangup_sip_code   = c.hangup_sip_code
    hangup_source     = c.hangup_source
    reason            = c.reason
  }]])
}
