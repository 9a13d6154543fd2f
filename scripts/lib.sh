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

# with_workdir makes a temporary directory, $work, that stop_birdapi and rm -rf clean up on
# exit.
with_workdir() {
  work=$(mktemp -d)
  server_pid=""
  trap 'stop_birdapi; rm -rf "$work"' EXIT
}

# start_birdapi N [extra flags...] starts the built-in Bird API (built into $work/bin) with N
# seeded recordings, waits until it listens, and exports BIRD_ENDPOINT, BIRD_ACCESS_KEY and
# BIRD_WORKSPACE_ID for it.
start_birdapi() {
  local n=$1
  shift
  [ -x "$work/bin/birdapi" ] || go build -o "$work/bin/birdapi" ./internal/cmd/birdapi
  rm -f "$work/bird.env"
  "$work/bin/birdapi" -recordings "$n" -env-file "$work/bird.env" "$@" 2>"$work/birdapi.log" &
  server_pid=$!
  for _ in $(seq 300); do
    [ -f "$work/bird.env" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/birdapi.log" >&2; return 1; }
    sleep 0.1
  done
  [ -f "$work/bird.env" ] || { echo "the built-in Bird API did not start" >&2; return 1; }
  set -a; . "$work/bird.env"; set +a
}

# stop_birdapi stops the server start_birdapi started, if any.
stop_birdapi() {
  if [ -n "${server_pid:-}" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
