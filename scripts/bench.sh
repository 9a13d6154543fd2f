#!/usr/bin/env bash
# make bench: measures the read path against its floors, side by side in one run, and writes
# BENCHMARKS.md; DESIGN.md says what each layer is measured against.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1

. scripts/lib.sh
with_workdir
began=$(date +%s)

clis=()
if command -v terraform >/dev/null 2>&1; then clis+=("$(command -v terraform)"); fi
clis+=("$(./scripts/tofu.sh)")

echo "== 1. client vs floor (internal/bird)"
go test -run '^$' -bench 'ListRecordings' -benchtime 500ms -count 5 ./internal/bird | tee "$work/client.txt"
echo "== 2. data source read (internal/provider)"
go test -run '^$' -bench 'RecordingsState|ReadDataSource' -benchtime 1x -count 3 -timeout 30m ./internal/provider | tee "$work/provider.txt"

echo "== 3. windowed reads at internet speed (internal/bird)"
go test -run '^$' -bench 'WindowedRead' -benchtime 1x -count 1 -timeout 30m ./internal/bird | tee "$work/windowed.txt"
echo "== 3b. a summary of 120,000 recordings with links, against the list (internal/provider)"
go test -run '^$' -bench 'SummaryAtScale' -benchtime 1x -count 1 -timeout 30m ./internal/provider | tee "$work/summary.txt"

echo "== 3c. a summary's retained memory, and its speed before and after the streaming fold (internal/provider)"
go test -run '^$' -bench 'SummaryRetained|SummarySpeed' -benchtime 1x -count 1 -timeout 60m ./internal/provider | tee "$work/summarymem.txt"
echo "== 3d. recording coverage against the join at internet speed (internal/bird)"
go test -run '^$' -bench 'Coverage' -benchtime 1x -count 1 -timeout 30m ./internal/bird | tee "$work/coverage.txt"

echo "== 4. end to end: terraform plan, provider vs jsondecode; references to a large state"
build_with_overrides "$work"
: > "$work/e2e.tsv"
: > "$work/refs.tsv"
# plan_ms CLI DIR prints how long a plan of DIR takes, in milliseconds, then its peak memory
# in KB (0 where /usr/bin/time is missing).
plan_ms() {
  local cli=$1 dir=$2 start end rss=0
  start=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$work/rss" "$cli" -chdir="$dir" plan -input=false -lock=false -no-color > "$work/plan.log" 2>&1 || { cat "$work/plan.log" >&2; exit 1; }
    rss=$(tail -1 "$work/rss")
  else
    "$cli" -chdir="$dir" plan -input=false -lock=false -no-color > "$work/plan.log" 2>&1 || { cat "$work/plan.log" >&2; exit 1; }
  fi
  end=$(date +%s%N)
  printf '%d\t%d\n' "$(( (end - start) / 1000000 ))" "$rss"
}
for n in 1000 10000; do
  start_birdapi "$n" -dump "$work/recordings.json"
  rm -rf "$work/provider" "$work/jsondecode"
  cp -R bench/e2e/provider bench/e2e/jsondecode "$work/"
  cp "$work/recordings.json" "$work/jsondecode/"
  for cli in "${clis[@]}"; do
    name=$("$cli" version | sed -n 1p)
    # Provider and floor alternate, so that a drift in the machine's load hits both alike.
    for _ in 1 2 3 4 5; do
      for kind in provider jsondecode; do
        read -r ms _ < <(plan_ms "$cli" "$work/$kind")
        grep -q "recordings *= *$n" "$work/plan.log" || { echo "$kind under $name did not plan $n recordings" >&2; cat "$work/plan.log" >&2; exit 1; }
        printf '%s\t%d\t%s\t%d\n' "$name" "$n" "$kind" "$ms" | tee -a "$work/e2e.tsv"
      done
    done
    if [ "$n" = 10000 ]; then
      # Eight expressions over the recordings: each referencing the data source, or all
      # through one local; alternating, three runs each.
      rm -rf "$work/refs-each" "$work/refs-local"
      cp -R bench/e2e/refs-each bench/e2e/refs-local "$work/"
      for _ in 1 2 3; do
        for kind in refs-each refs-local; do
          read -r ms rss < <(plan_ms "$cli" "$work/$kind")
          grep -q "count *= *$n" "$work/plan.log" || { echo "$kind under $name did not plan $n recordings" >&2; cat "$work/plan.log" >&2; exit 1; }
          printf '%s\t%s\t%d\t%d\n' "$name" "$kind" "$ms" "$rss" | tee -a "$work/refs.tsv"
        done
      done
      # Counting the failed recordings: from the list, then from the summary, alternating;
      # both must give the same count.
      rm -rf "$work/count-list" "$work/count-summary"
      cp -R bench/e2e/count-list bench/e2e/count-summary "$work/"
      for _ in 1 2 3; do
        counts=""
        for kind in count-list count-summary; do
          read -r ms rss < <(plan_ms "$cli" "$work/$kind")
          counts+=" $(grep -m1 -o 'failed *= *[0-9]*' "$work/plan.log" | grep -o '[0-9]*$')"
          printf '%s\t%s\t%d\t%d\n' "$name" "$kind" "$ms" "$rss" | tee -a "$work/refs.tsv"
        done
        read -r a b <<<"$counts"
        [ -n "$a" ] && [ "$a" = "$b" ] || { echo "the list counted $a failed recordings and the summary $b under $name" >&2; exit 1; }
      done
    fi
  done
  stop_birdapi
done

echo "== 9. a summary's peak memory through the CLI: the plugin process's VmHWM"
: > "$work/rss.tsv"
# plugin_peak CLI DIR plans DIR, sampling the VmHWM of every plugin process the CLI starts
# from our build; prints how long the plan took, in milliseconds, then the largest VmHWM in KB.
plugin_peak() {
  local cli=$1 dir=$2 peak=0 start end pid hwm cli_pid
  start=$(date +%s%N)
  "$cli" -chdir="$dir" plan -input=false -lock=false -no-color > "$work/plan.log" 2>&1 &
  cli_pid=$!
  while kill -0 "$cli_pid" 2>/dev/null; do
    for pid in $(pgrep -P "$cli_pid" -f "$work/bin/terraform-provider-bird" || true); do
      hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      if [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ]; then peak=$hwm; fi
    done
    sleep 0.02
  done
  wait "$cli_pid" || { cat "$work/plan.log" >&2; exit 1; }
  end=$(date +%s%N)
  printf '%d\t%d\n' "$(( (end - start) / 1000000 ))" "$peak"
}
# The 1,000,000 take about three minutes (the built-in API seeds them in a minute, and
# pages them in two); BENCH_RSS_SIZES picks others.
# Then the same summary windowed, read in parallel (read_parallelism 8), which must split, at
# 100,000 and 300,000 only (BENCH_RSS_PARALLEL_SIZES): the built-in API answers a windowed
# page by scanning its recordings from the newest, so a parallel read of 1,000,000 costs it
# some 10,000 scans of up to a million each, past the read's 20-minute timeout.
rm -rf "$work/summary-rss"
cp -R bench/e2e/summary-rss "$work/"
for n in $(printf '%s\n' ${BENCH_RSS_SIZES:-100000 1000000} ${BENCH_RSS_PARALLEL_SIZES:-100000 300000} | sort -nu); do
  start_birdapi "$n"
  name=$("${clis[0]}" version | sed -n 1p)
  for parallelism in 1 8; do
    case " ${BENCH_RSS_SIZES:-100000 1000000} " in *" $n "*) ;; *) [ "$parallelism" = 8 ] || continue ;; esac
    case " ${BENCH_RSS_PARALLEL_SIZES:-100000 300000} " in *" $n "*) ;; *) [ "$parallelism" = 1 ] || continue ;; esac
    label=$name
    unset TF_VAR_start_at
    if [ "$parallelism" = 8 ]; then export TF_VAR_start_at=2000-01-01T00:00:00Z label="$name, read_parallelism 8"; fi
    read -r ms kb < <(BIRD_REQUESTS_PER_SECOND=1000 BIRD_READ_PARALLELISM=$parallelism plugin_peak "${clis[0]}" "$work/summary-rss")
    grep -q "recordings *= *$n" "$work/plan.log" || { echo "the summary under $label did not count $n recordings" >&2; cat "$work/plan.log" >&2; exit 1; }
    if [ "$parallelism" = 8 ] && ! grep -q "was split" "$work/plan.log"; then echo "the summary under $label did not split" >&2; cat "$work/plan.log" >&2; exit 1; fi
    printf '%s\t%d\t%d\t%d\n' "$label" "$n" "$ms" "$kb" | tee -a "$work/rss.tsv"
  done
  unset TF_VAR_start_at
  stop_birdapi
done

# Recording coverage end to end: 10,000 calls at 150 ms and 50/s, the data source against the
# HCL join, alternating, with the same gaps; then one apply of each for its state's size.
: > "$work/states.tsv"
start_birdapi 100 -coverage-calls 10000 -latency 150ms -rate-limit 50
rm -rf "$work/coverage" "$work/coverage-join"
cp -R bench/e2e/coverage bench/e2e/coverage-join "$work/"
for cli in "${clis[@]}"; do
  name=$("$cli" version | sed -n 1p)
  for _ in 1 2 3; do
    gaps=""
    for kind in coverage coverage-join; do
      read -r ms rss < <(plan_ms "$cli" "$work/$kind")
      gaps+=" $(grep -m1 -o 'gaps *= *[0-9]*' "$work/plan.log" | grep -o '[0-9]*$')"
      printf '%s\t%s\t%d\t%d\n' "$name" "$kind" "$ms" "$rss" | tee -a "$work/refs.tsv"
    done
    read -r a b <<<"$gaps"
    [ -n "$a" ] && [ "$a" = "$b" ] || { echo "the coverage found $a gaps and the join $b under $name" >&2; exit 1; }
  done
  for kind in coverage coverage-join; do
    rm -f "$work/$kind/terraform.tfstate"
    "$cli" -chdir="$work/$kind" apply -auto-approve -input=false -lock=false -no-color > "$work/apply.log" 2>&1 || { cat "$work/apply.log" >&2; exit 1; }
    printf '%s\t%s\t%d\n' "$name" "$kind" "$(wc -c < "$work/$kind/terraform.tfstate")" | tee -a "$work/states.tsv"
  done
done
stop_birdapi

versions=$(printf '%s\n' "$(go version)"; for cli in "${clis[@]}"; do "$cli" version | sed -n 1p; done)
go run ./internal/cmd/benchreport -client "$work/client.txt" -provider "$work/provider.txt" -windowed "$work/windowed.txt" -summary "$work/summary.txt" \
  -summary-memory "$work/summarymem.txt" -rss "$work/rss.tsv" -coverage "$work/coverage.txt" -states "$work/states.tsv" \
  -e2e "$work/e2e.tsv" -refs "$work/refs.tsv" \
  -versions "$versions" -command "make bench" -took "$(( ($(date +%s) - began + 59) / 60 )) minutes" > BENCHMARKS.md
cat BENCHMARKS.md
