# End-to-end benchmark floor: the same recordings from a local JSON file, the least
# Terraform itself can spend to hold that data.
output "recordings" {
  value = length(jsondecode(file("${path.module}/recordings.json")))
}
