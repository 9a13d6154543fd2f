// Command benchreport turns the output of make bench (Go benchmark results and end-to-end
// plan timings) into BENCHMARKS.md: medians of the repeated runs, and ratios measured side
// by side in the same run.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"maps"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

func main() {
	clientFile := flag.String("client", "", "go test -bench output of internal/bird")
	providerFile := flag.String("provider", "", "go test -bench output of internal/provider")
	windowedFile := flag.String("windowed", "", "go test -bench output of BenchmarkWindowedRead")
	summaryFile := flag.String("summary", "", "go test -bench output of BenchmarkSummaryAtScale")
	summaryMemoryFile := flag.String("summary-memory", "", "go test -bench output of BenchmarkSummaryRetained and BenchmarkSummarySpeed")
	rssFile := flag.String("rss", "", "TSV of CLI, N, milliseconds, the plugin's peak KB (VmHWM)")
	coverageFile := flag.String("coverage", "", "go test -bench output of BenchmarkCoverage")
	statesFile := flag.String("states", "", "TSV of CLI, kind, state bytes")
	e2eFile := flag.String("e2e", "", "TSV of CLI, N, kind, milliseconds")
	refsFile := flag.String("refs", "", "TSV of CLI, kind, milliseconds, peak KB")
	versions := flag.String("versions", "", "tool versions, one per line")
	command := flag.String("command", "make bench", "the command that produced the figures")
	took := flag.String("took", "", "how long the command took")
	flag.Parse()

	client, cpu := readBench(*clientFile)
	prov, _ := readBench(*providerFile)
	windowed, _ := readBench(*windowedFile)
	summary, _ := readBench(*summaryFile)
	summaryMemory, _ := readBench(*summaryMemoryFile)
	coverage, _ := readBench(*coverageFile)
	write(os.Stdout, report{
		client: client, provider: prov, windowed: windowed, summary: summary, summaryMemory: summaryMemory, rss: readRSS(*rssFile),
		coverage: coverage, states: readStates(*statesFile),
		e2e: readE2E(*e2eFile), refs: readRefs(*refsFile),
		cpu: cpu, versions: *versions, command: *command, took: *took,
	})
}

// metrics maps a benchmark name (without the -GOMAXPROCS suffix) and a unit to the values
// of the repeated runs.
type metrics map[string]map[string][]float64

// median returns the median of the runs of one benchmark's unit, and whether there were any.
func (m metrics) median(name, unit string) (float64, bool) {
	vals := slices.Clone(m[name][unit])
	if len(vals) == 0 {
		return 0, false
	}
	slices.Sort(vals)
	return vals[len(vals)/2], true
}

// medians returns the medians of unit for benchmarks a and b, and whether both ran.
func (m metrics) medians(a, b, unit string) (ma, mb float64, ok bool) {
	ma, okA := m.median(a, unit)
	mb, okB := m.median(b, unit)
	return ma, mb, okA && okB
}

// readBench parses go test -bench output; it also returns the cpu line.
func readBench(file string) (metrics, string) {
	f, err := os.Open(file) //nolint:gosec // the file named on the command line
	if err != nil {
		log.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	m, cpu := metrics{}, ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "cpu: ") {
			cpu = strings.TrimPrefix(line, "cpu: ")
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := strings.TrimPrefix(fields[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i]
		}
		if m[name] == nil {
			m[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err == nil {
				m[name][fields[i+1]] = append(m[name][fields[i+1]], v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	return m, cpu
}

// e2eKey names one end-to-end measurement.
type e2eKey struct {
	cli, kind string
	n         int
}

// readTSV returns the lines of a TSV file of four fields each, the first as text and the
// others as numbers; a line of another width is skipped.
func readTSV(file string) []tsvRow {
	raw, err := os.ReadFile(file) //nolint:gosec // the file named on the command line
	if err != nil {
		log.Fatal(err)
	}
	var out []tsvRow
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		row := tsvRow{text: f[0], fields: f[1:]}
		for _, v := range f[1:] {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				x = math.NaN() // a text field (a kind)
			}
			row.nums = append(row.nums, x)
		}
		out = append(out, row)
	}
	return out
}

// tsvRow is one line of a TSV file: its first field, the others as written and as numbers
// (NaN where one is not a number).
type tsvRow struct {
	text   string
	fields []string
	nums   []float64
}

// number returns the i-th field after the first as a number, failing on one that is not.
func (r tsvRow) number(i int) float64 {
	if math.IsNaN(r.nums[i]) {
		log.Fatalf("bad line %q %q: field %d is not a number", r.text, r.fields, i+2)
	}
	return r.nums[i]
}

// readE2E parses the plan timings (CLI, N, kind, milliseconds), in milliseconds per run.
func readE2E(file string) map[e2eKey][]float64 {
	out := map[e2eKey][]float64{}
	for _, r := range readTSV(file) {
		k := e2eKey{cli: r.text, kind: r.fields[1], n: int(r.number(0))}
		out[k] = append(out[k], r.number(2))
	}
	return out
}

// refKey names one large-state measurement.
type refKey struct{ cli, kind string }

// refRun is one plan of a large-state configuration.
type refRun struct{ ms, peakKB float64 }

// rssRun is one plan of a summary, with its plugin process's peak resident memory.
type rssRun struct {
	cli        string
	n          int
	ms, peakKB float64
}

// readRSS parses the summary's plans (CLI, N, milliseconds, the plugin's peak KB).
func readRSS(file string) []rssRun {
	var out []rssRun
	for _, r := range readTSV(file) {
		out = append(out, rssRun{cli: r.text, n: int(r.number(0)), ms: r.number(1), peakKB: r.number(2)})
	}
	return out
}

// readRefs parses the large-state plan timings and peak memory (CLI, kind, milliseconds,
// peak KB).
func readRefs(file string) map[refKey][]refRun {
	out := map[refKey][]refRun{}
	for _, r := range readTSV(file) {
		k := refKey{cli: r.text, kind: r.fields[0]}
		out[k] = append(out[k], refRun{ms: r.number(1), peakKB: r.number(2)})
	}
	return out
}

// readStates parses the state sizes, in bytes, of one apply each.
func readStates(file string) map[refKey]float64 {
	raw, err := os.ReadFile(file) //nolint:gosec // the file named on the command line
	if err != nil {
		log.Fatal(err)
	}
	out := map[refKey]float64{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		bytes, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			log.Fatalf("bad line %q", line)
		}
		out[refKey{cli: f[0], kind: f[1]}] = bytes
	}
	return out
}

// report holds what BENCHMARKS.md shows.
type report struct {
	client, provider metrics
	windowed         metrics
	summary          metrics
	summaryMemory    metrics
	rss              []rssRun
	coverage         metrics
	states           map[refKey]float64
	e2e              map[e2eKey][]float64
	refs             map[refKey][]refRun
	cpu, versions    string
	command, took    string
}

// sizes are the N the Go benchmarks run at.
var sizes = []int{1_000, 10_000, 100_000}

// write renders the report as Markdown.
func write(w io.Writer, r report) {
	p := func(format string, args ...any) { _, _ = fmt.Fprintf(w, format, args...) }
	p("# Benchmarks\n\nWritten by `%s` (scripts/bench.sh, internal/cmd/benchreport). Every figure is the median of repeated runs in the same invocation; ratios compare figures measured side by side, because absolute times on these shared machines move from run to run.\n\n", r.command)
	p("- Machine: %s, %s/%s, %d CPUs\n", r.cpu, runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	for _, v := range strings.Split(strings.TrimSpace(r.versions), "\n") {
		p("- %s\n", v)
	}
	if r.took != "" {
		p("- `%s` took %s\n", r.command, r.took)
	}

	p("\n## 1. Client vs. floor\n\n`internal/bird` listing N recordings from `internal/birdtest` (frozen: pages served from memory), against plain `net/http` requests of `limit=99` pages decoded by `encoding/json` into the same structs, on the same server, one right after the other for each N. Bytes and allocations include the in-process server's, the same for both.\n\n")
	p("| N | client ns/rec | floor ns/rec | ratio | client B/rec | floor B/rec | client allocs/rec | floor allocs/rec |\n|---|---|---|---|---|---|---|---|\n")
	for _, n := range sizes {
		c, f := fmt.Sprintf("ListRecordings/N=%d/client", n), fmt.Sprintf("ListRecordings/N=%d/floor", n)
		cns, ok1 := r.client.median(c, "ns/rec")
		fns, ok2 := r.client.median(f, "ns/rec")
		if !ok1 || !ok2 {
			continue
		}
		cb, _ := r.client.median(c, "B/rec")
		fb, _ := r.client.median(f, "B/rec")
		ca, _ := r.client.median(c, "allocs/rec")
		fa, _ := r.client.median(f, "allocs/rec")
		p("| %d | %.0f | %.0f | %.2fx | %.0f | %.0f | %.1f | %.1f |\n", n, cns, fns, cns/fns, cb, fb, ca, fa)
	}

	p("\n## 2. Data source read, in process\n\n*Mapping*: API structs to the state handed to the framework (`BenchmarkRecordingsState`). *RPC*: the whole `ReadDataSource` call as Terraform makes it: listing from the in-memory API, mapping, and encoding the state for the wire (`BenchmarkReadDataSource`). Peak is the largest heap seen during one read, above the heap before it.\n\n")
	p("| N | mapping µs/rec | mapping allocs/rec | mapping peak MB | RPC µs/rec | RPC allocs/rec | RPC peak MB |\n|---|---|---|---|---|---|---|\n")
	for _, n := range sizes {
		ms, rd := fmt.Sprintf("RecordingsState/N=%d", n), fmt.Sprintf("ReadDataSource/N=%d", n)
		mns, ok1 := r.provider.median(ms, "ns/rec")
		rns, ok2 := r.provider.median(rd, "ns/rec")
		if !ok1 || !ok2 {
			continue
		}
		ma, _ := r.provider.median(ms, "allocs/rec")
		mp, _ := r.provider.median(ms, "peak-MB")
		ra, _ := r.provider.median(rd, "allocs/rec")
		rp, _ := r.provider.median(rd, "peak-MB")
		p("| %d | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f |\n", n, mns/1000, ma, mp, rns/1000, ra, rp)
	}

	writeWindowed(p, r.windowed)

	p("\n## 4. End to end: `plan`, provider vs. `jsondecode` floor\n\n`plan` of a configuration reading N recordings through the provider (dev_overrides, against the built-in Bird API), against the same CLI reading the same recordings from a local JSON file with `jsondecode(file(...))`. Median of 5 runs each, the two alternating.\n\n")
	p("| CLI | N | provider s | jsondecode s | ratio |\n|---|---|---|---|---|\n")
	var keys []e2eKey
	for k := range r.e2e {
		if k.kind == "provider" {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b e2eKey) int {
		if c := strings.Compare(a.cli, b.cli); c != 0 {
			return c
		}
		return a.n - b.n
	})
	for _, k := range keys {
		pv := medianOf(r.e2e[k])
		fv := medianOf(r.e2e[e2eKey{cli: k.cli, kind: "jsondecode", n: k.n}])
		p("| %s | %d | %.2f | %.2f | %.2fx |\n", k.cli, k.n, pv/1000, fv/1000, pv/fv)
	}

	writePairs(p, r.refs, "5. References to a large state",
		"`plan` of 10,000 recordings with eight expressions over them (counts, filters, a sum, the first ID, the length of `ids`): each expression referencing `data.bird_voice_recordings.all` itself, against all eight going through one `locals { all = data.bird_voice_recordings.all }`. Median of 3 runs each, the two alternating; peak is the CLI's largest resident memory.",
		"refs-each", "each references the data source", "refs-local", "through one local")

	writeSummary(p, r.summary)
	writePairs(p, r.refs, "7. Counting: the summary against the list",
		"`plan` counting the failed recordings of 10,000: `length([for r in data.bird_voice_recordings.all.recordings : r if r.status == \"failed\"])` against the `\"failed\"` group of `bird_voice_recordings_summary` by status. Median of 3 runs each, the two alternating, with the same count checked each time.",
		"count-list", "the list", "count-summary", "the summary")

	p("\n## 8. Requests per read\n\n| N | requests | ceil(N/99) |\n|---|---|---|\n")
	for _, n := range sizes {
		req, ok := r.client.median(fmt.Sprintf("ListRecordings/N=%d/client", n), "requests/read")
		if ok {
			p("| %d | %.0f | %d |\n", n, req, (n+98)/99)
		}
	}

	writeSummaryMemory(p, r.summaryMemory, r.rss)
	writeCoverage(p, r.coverage, r.refs, r.states)
}

// medianOf returns the median of vals, 0 for none.
func medianOf(vals []float64) float64 {
	if len(vals) == 0 {
		return 0
	}
	v := slices.Clone(vals)
	slices.Sort(v)
	return v[len(v)/2]
}

// windowedTargets are the speed-ups the parallel read is held to, by N and data: within 15%
// of what it reached before it probed (5.2x and 4.0x at 5,000, 6.6x and 5.1x at 20,000).
var windowedTargets = map[int]map[string]float64{
	5_000:  {"uniform": 0.85 * 5.2, "bursty": 0.85 * 4.0},
	20_000: {"uniform": 0.85 * 6.6, "bursty": 0.85 * 5.1},
}

// writeWindowed renders BenchmarkWindowedRead: the speed-up of parallel windowed reads over
// the sequential read, with the targets they are held to, and what reads that cannot split
// cost.
func writeWindowed(p func(string, ...any), m metrics) {
	p("\n## 3. Windowed reads at internet speed\n\n`internal/bird` reading N recordings in one `start_at`/`end_at` window from `internal/birdtest` at 150 ms per answer, with Bird's 50 GET/s enforced by the fake with 429s, one right after the other on the same server: `read_parallelism = 1` (sequential, the default), and `read_parallelism = 8` set, both with its probes (*parallel*: a plan's first read of the endpoint) and with them already established (*probed*: every later read in the same plan). Uniform data is a recording every 7 minutes, bursty data business hours, clusters of calls seconds apart and gaps of minutes to hours, both with Bird's millisecond timestamps; for both meanings of the window's bounds. Targets: within 15%% of the speed-ups before the probes (5.2x and 4.0x at 5,000; 6.6x and 5.1x at 20,000), no 429, the same IDs in the same order.\n\n")
	p("| N | data | bounds | sequential s | parallel s | speed-up | target | probed s | speed-up | requests | probes | 429s | split | same IDs, same order |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, n := range []int{5_000, 20_000} {
		for _, dist := range []string{"uniform", "bursty"} {
			for _, bounds := range []string{"inclusive", "half-open"} {
				base := fmt.Sprintf("WindowedRead/N=%d/%s/%s/", n, dist, bounds)
				seq, ok1 := m.median(base+"sequential", "ns/op")
				par, ok2 := m.median(base+"parallel", "ns/op")
				probed, ok3 := m.median(base+"probed", "ns/op")
				if !ok1 || !ok2 || !ok3 {
					continue
				}
				req, _ := m.median(base+"parallel", "requests/read")
				probes, _ := m.median(base+"parallel", "probes/read")
				refused := 0.0
				for _, mode := range []string{"sequential", "parallel", "probed"} {
					v, _ := m.median(base+mode, "429s/read")
					refused += v
				}
				split, _ := m.median(base+"parallel", "split")
				same, _ := m.median(base+"parallel", "identical")
				sameProbed, _ := m.median(base+"probed", "identical")
				target := windowedTargets[n][dist]
				p("| %d | %s | %s | %.2f | %.2f | %.1fx | %.1fx %s | %.2f | %.1fx | %.0f | %.0f | %.0f | %s | %s |\n", n, dist, bounds, seq/1e9, par/1e9, seq/par,
					target, mark(seq/par >= target), probed/1e9, seq/probed, req, probes, refused, yesNo(split == 1), yesNo(same == 1 && sameProbed == 1))
			}
		}
	}
	p("\nReads that cannot split: 5,000 bursty recordings where the probes find that no exact split exists (*time range*: `startAt` compares `startedAt` and `endAt` `endedAt`; *exclusive, whole seconds*: both bounds exclude their instant and every timestamp is on a whole second, so the probes cannot tell how precisely Bird compares), or where Bird orders by another timestamp than the bounds compare (*order by other*: bounded by `startedAt`, ordered by `createdAt`, calls queued up to 10 minutes), which the first pages show before a split, or the checks after it. Each is read sequentially, with a warning that says why. Target: the sequential read's result, at the cost of the probes and of what was read before the contradiction.\n\n")
	p("| N | world | sequential s | parallel s | time ratio | probed s | time ratio | sequential requests | parallel requests | probes | same IDs, same order |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, world := range []struct{ name, label string }{{"time-range", "time range"}, {"exclusive-whole-seconds", "exclusive, whole seconds"}, {"order-by-other", "order by other"}} {
		base := "WindowedRead/N=5000/" + world.name + "/"
		seq, ok1 := m.median(base+"sequential", "ns/op")
		par, ok2 := m.median(base+"parallel", "ns/op")
		probed, ok3 := m.median(base+"probed", "ns/op")
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		seqReq, _ := m.median(base+"sequential", "requests/read")
		req, _ := m.median(base+"parallel", "requests/read")
		probes, _ := m.median(base+"parallel", "probes/read")
		same, _ := m.median(base+"parallel", "identical")
		sameProbed, _ := m.median(base+"probed", "identical")
		p("| 5000 | %s | %.2f | %.2f | %.2fx | %.2f | %.2fx | %.0f | %.0f | %.0f | %s |\n", world.label, seq/1e9, par/1e9, par/seq, probed/1e9, probed/seq, seqReq, req, probes, yesNo(same == 1 && sameProbed == 1))
	}
}

// writePairs renders plans of two kinds side by side, for each CLI: the median time and peak
// memory of each, and the ratio of the first to the second.
func writePairs(p func(string, ...any), refs map[refKey][]refRun, title, text, kindA, labelA, kindB, labelB string) {
	p("\n## %s\n\n%s\n\n", title, text)
	p("| CLI | %s: s | peak MB | %s: s | peak MB | ratio |\n|---|---|---|---|---|---|\n", labelA, labelB)
	var clis []string
	for k := range refs {
		if k.kind == kindA {
			clis = append(clis, k.cli)
		}
	}
	slices.Sort(clis)
	med := func(runs []refRun, f func(refRun) float64) float64 {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		return medianOf(v)
	}
	ms := func(r refRun) float64 { return r.ms }
	kb := func(r refRun) float64 { return r.peakKB }
	for _, cli := range clis {
		a, b := refs[refKey{cli, kindA}], refs[refKey{cli, kindB}]
		p("| %s | %.2f | %.0f | %.2f | %.0f | %.2fx |\n", cli, med(a, ms)/1000, med(a, kb)/1024, med(b, ms)/1000, med(b, kb)/1024, med(a, ms)/med(b, ms))
	}
}

// writeSummary renders BenchmarkSummaryAtScale: the summary of 120,000 recordings with
// links against the list of them.
func writeSummary(p func(string, ...any), m metrics) {
	p("\n## 6. A summary of 120,000 recordings\n\n`ReadDataSource` of 120,000 recordings, each with a 1.6 KB presigned link, from `internal/birdtest` at Bird's 50 requests per second enforced with 429s: `bird_voice_recordings_summary` grouped by status and day, then `bird_voice_recordings` with `include_urls`, one after the other. Peak is the largest heap during the read.\n\n")
	p("| read | s | peak MB | state KB | requests | 429s | result |\n|---|---|---|---|---|---|---|\n")
	for _, name := range []string{"summary", "list"} {
		base := "SummaryAtScale/" + name
		ns, ok := m.median(base, "ns/op")
		if !ok {
			continue
		}
		peak, _ := m.median(base, "peak-MB")
		state, _ := m.median(base, "state-KB")
		req, _ := m.median(base, "requests/read")
		refused, _ := m.median(base, "429s/read")
		failed, _ := m.median(base, "failed")
		result := "state written"
		if failed > 0 {
			result = "refused: the state passes the protocol's cap"
		}
		p("| %s | %.1f | %.0f | %.0f | %.0f | %.0f | %s |\n", name, ns/1e9, peak, state, req, refused, result)
	}
}

// writeSummaryMemory renders what a summary costs in memory: the plugin's peak through the
// CLI, the heap it keeps after the read, and the time of the streaming fold against the
// list folded whole.
func writeSummaryMemory(p func(string, ...any), m metrics, rss []rssRun) {
	p("\n## 9. A summary's memory\n\n*Peak through the CLI*: `plan` of `bird_voice_recordings_summary` by status and day of every recording of the built-in Bird API (30 days), with `requests_per_second = 1000`; peak is the provider plugin process's `VmHWM` (`/proc/<pid>/status`, sampled while the CLI runs), the API in a process of its own. The rows at `read_parallelism` 8 set `start_at`, so that the opt-in parallel read splits the window into parts, each folded as it arrives (at 100,000 and 300,000: the built-in API's windowed pages cost it a scan each). Targets: at most 100 MB at 1,000,000, and at most 1.25x the figure at 100,000.\n\n")
	p("| CLI | N | s | plugin peak MB | target |\n|---|---|---|---|---|\n")
	base := map[string]float64{} // each CLI's, and read_parallelism's, peak at 100,000
	for _, r := range rss {
		if r.n == 100_000 {
			base[r.cli] = r.peakKB
		}
	}
	for _, r := range rss {
		target := "-"
		switch b := base[r.cli]; {
		case r.n == 1_000_000:
			target = "100 MB " + mark(r.peakKB <= 100*1024)
			if b > 0 {
				target += fmt.Sprintf(", %.2fx of 100,000 (1.25x) %s", r.peakKB/b, mark(r.peakKB <= 1.25*b))
			}
		case r.n > 100_000 && b > 0:
			target = fmt.Sprintf("%.2fx of 100,000", r.peakKB/b)
		}
		p("| %s | %d | %.1f | %.1f | %s |\n", r.cli, r.n, r.ms/1000, r.peakKB/1024, target)
	}
	p("\n*Retained*: `ReadDataSource` of the summary through a fresh provider, sequentially (the default), from `internal/birdtest` in process (not frozen), recordings spread evenly over the span (`BenchmarkSummaryRetained`). Retained is the live heap the provider grew by, after the read and a GC, with the summary it shares kept and the state it answered dropped. Target: under 1 MB by status and day over 30 days.\n\n")
	p("| group_by | span | N | groups | retained KB | target |\n|---|---|---|---|---|---|\n")
	for _, name := range slices.Sorted(maps.Keys(m)) {
		row := m[name]
		by, span, ok := retainedCase(name)
		if !ok {
			continue
		}
		kb := medianOf(row["retained-KB"])
		target := "-"
		if span == "30 days" {
			target = "1 MB " + mark(kb < 1024)
		}
		p("| %s | %s | %s | %.0f | %.0f | %s |\n", by, span, strings.TrimPrefix(name[strings.LastIndexByte(name, '/')+1:], "N="), medianOf(row["groups"]), kb, target)
	}
	p("\n*Speed*: 120,000 recordings with 1.6 KB links, at 150 ms an answer and Bird's 50 requests per second, by status and day (`BenchmarkSummarySpeed`): the read before the streaming fold (the facts listed whole, then folded) and the summary's read now (`bird.Fold`), one right after the other at each `read_parallelism`, in data that a parallel read splits (*split*: both reads at 8 were split into parts). Target: within 10%%.\n\n")
	p("| read_parallelism | listed then folded: s | peak MB | streaming fold: s | peak MB | time ratio | target | split |\n|---|---|---|---|---|---|---|---|\n")
	for _, par := range []int{1, 8} {
		base := fmt.Sprintf("SummarySpeed/parallelism=%d/", par)
		old, now, ok := m.medians(base+"list", base+"fold", "ns/op")
		if !ok {
			continue
		}
		oldPeak, nowPeak, _ := m.medians(base+"list", base+"fold", "peak-MB")
		oldSplit, nowSplit, _ := m.medians(base+"list", base+"fold", "split")
		split := "- (sequential)"
		if par > 1 {
			split = yesNo(oldSplit == 1 && nowSplit == 1)
		}
		p("| %d | %.1f | %.0f | %.1f | %.0f | %.2fx | 1.10x %s | %s |\n", par, old/1e9, oldPeak, now/1e9, nowPeak, now/old, mark(now <= 1.1*old), split)
	}
}

// retainedCase names a BenchmarkSummaryRetained case: its group_by and span.
func retainedCase(name string) (by, span string, ok bool) {
	switch {
	case strings.HasPrefix(name, "SummaryRetained/status-day-30d/"):
		return "status, day", "30 days", true
	case strings.HasPrefix(name, "SummaryRetained/status-hour-year/"):
		return "status, hour", "a year", true
	}
	return "", "", false
}

// writeCoverage renders BenchmarkCoverage and the plans of the coverage against the HCL
// join it replaces, with each one's state.
func writeCoverage(p func(string, ...any), m metrics, refs map[refKey][]refRun, states map[refKey]float64) {
	p("\n## 10. Recording coverage against the join\n\n10,000 calls of a day, four in five completed, an available recording for each completed call but 2%% (133 gaps), at 150 ms per answer with Bird's 50 GET/s enforced with 429s. `bird.ReadCoverage` (the calls, the recordings around them, a lookup by `sourceId` per gap) against the join it replaces (the calls of the window, every recording of the workspace, joined by `sourceId`), one right after the other on the same server, in process. Target for the coverage: at most ceil(calls/1,000) pages of calls + the recordings' pages + one request a gap + 4. This workspace holds only the day's recordings; the join reads every recording of a workspace, whatever the window.\n\n")
	p("| read | s | requests | request bound | 429s | gaps | exact |\n|---|---|---|---|---|---|---|\n")
	for _, name := range []string{"coverage", "join"} {
		base := "Coverage/" + name
		ns, ok := m.median(base, "ns/op")
		if !ok {
			continue
		}
		req, _ := m.median(base, "requests/read")
		bound, _ := m.median(base, "bound")
		refused, _ := m.median(base, "429s/read")
		gaps, _ := m.median(base, "gaps")
		exact, _ := m.median(base, "exact")
		target := "-"
		if name == "coverage" {
			target = fmt.Sprintf("%.0f %s", bound, mark(req <= bound))
		}
		p("| %s | %.2f | %.0f | %s | %.0f | %.0f | %s |\n", name, ns/1e9, req, target, refused, gaps, yesNo(exact == 1))
	}
	writePairs(p, refs, "11. Recording coverage end to end",
		"`plan` of the same 10,000 calls through the built-in Bird API at 150 ms per answer and 50/s: `bird_voice_recording_coverage` against the HCL join over `bird_voice_calls` and `bird_voice_recordings`. Median of 3 runs each, the two alternating, with the same number of gaps checked each time; peak is the CLI's largest resident memory, state the size of `terraform.tfstate` after one apply of each.",
		"coverage", "coverage", "coverage-join", "join")
	p("\n| CLI | coverage state KB | join state KB |\n|---|---|---|\n")
	var clis []string
	for k := range states {
		if k.kind == "coverage" {
			clis = append(clis, k.cli)
		}
	}
	slices.Sort(clis)
	for _, cli := range clis {
		p("| %s | %.0f | %.0f |\n", cli, states[refKey{cli, "coverage"}]/1024, states[refKey{cli, "coverage-join"}]/1024)
	}
}

// yesNo says yes, or a bold no.
func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

// mark says whether a target is met.
func mark(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}
