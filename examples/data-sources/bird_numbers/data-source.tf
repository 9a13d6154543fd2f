# The numbers that take calls, by country.
data "bird_numbers" "voice" {
  capability           = "voice"
  capability_direction = "inbound"
}

output "voice_numbers_by_country" {
  value = { for n in data.bird_numbers.voice.numbers : coalesce(n.country_code, "unknown") => n.number... }
}

# The Dutch numbers that start with +3197.
data "bird_numbers" "nl_097" {
  number_prefix = "+3197"
  country_codes = ["NL"]
}

output "nl_097_number_ids" {
  value = data.bird_numbers.nl_097.ids
}
