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
	coverage, _ := readBench(*coverageFile)
	write(os.Stdout, report{
		client: client, provider: prov, windowed: windowed, summary: summary, coverage: coverage, states: readStates(*statesFile),
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

// readE2E parses the plan timings, in milliseconds per run.
func readE2E(file string) map[e2eKey][]float64 {
	raw, err := os.ReadFile(file) //nolint:gosec // the file named on the command line
	if err != nil {
		log.Fatal(err)
	}
	out := map[e2eKey][]float64{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		n, err1 := strconv.Atoi(f[1])
		ms, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil {
			log.Fatalf("bad line %q", line)
		}
		k := e2eKey{cli: f[0], kind: f[2], n: n}
		out[k] = append(out[k], ms)
	}
	return out
}

// refKey names one large-state measurement.
type refKey struct{ cli, kind string }

// refRun is one plan of a large-state configuration.
type refRun struct{ ms, peakKB float64 }

// readRefs parses the large-state plan timings and peak memory.
func readRefs(file string) map[refKey][]refRun {
	raw, err := os.ReadFile(file) //nolint:gosec // the file named on the command line
	if err != nil {
		log.Fatal(err)
	}
	out := map[refKey][]refRun{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		ms, err1 := strconv.ParseFloat(f[2], 64)
		kb, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil {
			log.Fatalf("bad line %q", line)
		}
		k := refKey{cli: f[0], kind: f[1]}
		out[k] = append(out[k], refRun{ms: ms, peakKB: kb})
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

	writeCoverage(p, r.coverage, r.refs, r.states)

	p("\n## 8. Requests per read\n\n| N | requests | ceil(N/99) |\n|---|---|---|\n")
	for _, n := range sizes {
		req, ok := r.client.median(fmt.Sprintf("ListRecordings/N=%d/client", n), "requests/read")
		if ok {
			p("| %d | %.0f | %d |\n", n, req, (n+98)/99)
		}
	}
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

// windowedParallelism is the read_parallelism of the parallel runs (an opt-in; the default is 1).
const windowedParallelism = 8

// writeWindowed renders BenchmarkWindowedRead: the speed-up of parallel windowed reads over
// the sequential read, with the targets they are held to.
func writeWindowed(p func(string, ...any), m metrics) {
	p("\n## 3. Windowed reads at internet speed\n\n`internal/bird` reading N recordings in one `start_at`/`end_at` window from `internal/birdtest` at 150 ms per answer, with Bird's 50 GET/s enforced by the fake with 429s: `read_parallelism = 1` (sequential, the default) and the opt-in 8 (parallel), one right after the other on the same server, for uniform data (a recording every 7 minutes) and bursty data (business hours, clusters of calls seconds apart, gaps of minutes to hours), and for both meanings of the window's bounds. Targets: at least 4x faster on uniform data and 3x on bursty data, no 429, at most 1.25 x ceil(N/99) + 2 x 8 requests, the same IDs in the same order.\n\n")
	p("| N | data | bounds | sequential s | parallel s | speed-up | target | requests | request bound | 429s | same IDs, same order |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, n := range []int{5_000, 20_000} {
		for _, dist := range []string{"uniform", "bursty"} {
			for _, bounds := range []string{"inclusive", "half-open"} {
				base := fmt.Sprintf("WindowedRead/N=%d/%s/%s/", n, dist, bounds)
				seq, ok1 := m.median(base+"sequential", "ns/op")
				par, ok2 := m.median(base+"parallel", "ns/op")
				if !ok1 || !ok2 {
					continue
				}
				req, _ := m.median(base+"parallel", "requests/read")
				refused, _ := m.median(base+"parallel", "429s/read")
				seqRefused, _ := m.median(base+"sequential", "429s/read")
				same, _ := m.median(base+"parallel", "identical")
				target := 4.0
				if dist == "bursty" {
					target = 3
				}
				bound := 1.25*float64((n+98)/99) + 2*windowedParallelism
				p("| %d | %s | %s | %.2f | %.2f | %.1fx | %.0fx %s | %.0f | %.0f %s | %.0f | %s |\n", n, dist, bounds, seq/1e9, par/1e9, seq/par,
					target, mark(seq/par >= target), req, bound, mark(req <= bound), refused+seqRefused, yesNo(same == 1))
			}
		}
	}
	const fallback = "WindowedRead/N=5000/contradicted/inclusive/"
	seq, ok1 := m.median(fallback+"sequential", "ns/op")
	par, ok2 := m.median(fallback+"parallel", "ns/op")
	if !ok1 || !ok2 {
		return
	}
	seqReq, _ := m.median(fallback+"sequential", "requests/read")
	req, _ := m.median(fallback+"parallel", "requests/read")
	same, _ := m.median(fallback+"parallel", "identical")
	p("\nThe cost of a fallback: 5,000 bursty recordings whose calls queued up to 10 minutes, from a fake that bounds `startedAt` but orders by `createdAt`, where the checks find a contradiction and the read goes on sequentially. Target: no more than the sequential read plus the few requests that found the contradiction, and its result.\n\n")
	p("| N | sequential s | parallel s | time ratio | sequential requests | parallel requests | extra requests | same IDs, same order |\n|---|---|---|---|---|---|---|---|\n")
	p("| 5000 | %.2f | %.2f | %.2fx | %.0f | %.0f | %.0f | %s |\n", seq/1e9, par/1e9, par/seq, seqReq, req, req-seqReq, yesNo(same == 1))
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

// writeCoverage renders BenchmarkCoverage and the plans of the coverage against the HCL
// join it replaces, with each one's state.
func writeCoverage(p func(string, ...any), m metrics, refs map[refKey][]refRun, states map[refKey]float64) {
	p("\n## 9. Recording coverage against the join\n\n10,000 calls of a day, four in five completed, an available recording for each completed call but 2%% (133 gaps), at 150 ms per answer with Bird's 50 GET/s enforced with 429s. `bird.ReadCoverage` (the calls, the recordings around them, a lookup by `sourceId` per gap) against the join it replaces (the calls of the window, every recording of the workspace, joined by `sourceId`), one right after the other on the same server, in process. Target for the coverage: at most ceil(calls/1,000) pages of calls + the recordings' pages + one request a gap + 4. This workspace holds only the day's recordings; the join reads every recording of a workspace, whatever the window.\n\n")
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
	writePairs(p, refs, "10. Recording coverage end to end",
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
