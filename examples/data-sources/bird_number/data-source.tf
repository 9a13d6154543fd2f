# One number read on its own. A configuration would name one it knows
# (number = "+3197004499430"); here it comes from the list, so that the example reads
# whatever the workspace holds.
data "bird_numbers" "voice" {
  capability = "voice"
}

locals {
  voice_numbers = [for n in data.bird_numbers.voice.numbers : n.number if n.number != null]
}

data "bird_number" "first" {
  count  = min(length(local.voice_numbers), 1)
  number = local.voice_numbers[0]
}

output "first_voice_number" {
  value = length(data.bird_number.first) == 0 ? null : {
    id           = data.bird_number.first[0].id
    country_code = data.bird_number.first[0].country_code
    sends_sms    = try(data.bird_number.first[0].capabilities.sms.outbound, null)
  }
}
