# Shared by the scripts: sourced, not run.

# build_with_overrides builds the provider into $1/bin and writes $1/cli.tfrc, a CLI
# configuration of our own (never the user's) whose dev_overrides point both registries'
# addresses of the provider at that build, then exports TF_CLI_CONFIG_FILE to it. OpenTofu
# reads the short source "birdtf/bird" as an address on its own registry, hence both.
build_with_overrides() {
  local work=$1
  go build -o "$work/bin/terraform-provider-bird" .
  cat > "$work/cli.tfrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/birdtf/bird"  = "$work/bin"
    "registry.opentofu.org/birdtf/bird" = "$work/bin"
  }
  direct {}
}
RC
  export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
}
