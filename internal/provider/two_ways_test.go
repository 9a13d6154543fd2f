package provider

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// twoWays is one read made twice, by two provider servers of their own: one configured with
// read_parallelism = 1 and one with 8. Under the test harness, two aliased providers reach
// one provider server by reattach, the last configuration winning, so only two servers can
// compare the two reads.
type twoWays struct {
	sequential, parallel readResult
	// requests are what each read sent, as the fake logged them (none against a live Bird).
	sequentialRequests, parallelRequests int
	split                                bool // the parallel read said it split its window
}

// readTwoWays reads typeName with the arguments set through two new provider servers,
// configured with provider and read_parallelism 1 and 8, one after the other; srv, when not
// nil, counts each read's requests. It fails unless both read the same state without an
// error, each sent requests of its own, and only the parallel one said how it read.
func readTwoWays(t *testing.T, srv *birdtest.Server, provider map[string]tftypes.Value, typeName string, set map[string]tftypes.Value) twoWays {
	t.Helper()
	var w twoWays
	for _, parallelism := range []int{1, 8} {
		ps, err := NewServer("test")()
		if err != nil {
			t.Fatal(err)
		}
		cfg := map[string]tftypes.Value{"read_parallelism": tftypes.NewValue(tftypes.Number, parallelism)}
		for k, v := range provider {
			cfg[k] = v
		}
		before := 0
		if srv != nil {
			before = len(srv.Requests())
		}
		got := readRequest(t, ps, configureServerWith(t, ps, cfg, typeName, set))
		sent := 0
		if srv != nil {
			sent = len(srv.Requests()) - before
		}
		if parallelism == 1 {
			w.sequential, w.sequentialRequests = got, sent
		} else {
			w.parallel, w.parallelRequests = got, sent
		}
	}
	if hasError(w.sequential.diags) || hasError(w.parallel.diags) {
		t.Fatalf("%s: sequential %v, parallel %v", typeName, w.sequential.diags, w.parallel.diags)
	}
	if !w.parallel.state.Equal(w.sequential.state) {
		t.Fatalf("%s with read_parallelism 8 and 1 differ: %s", typeName, stateDifference(w.parallel.state, w.sequential.state))
	}
	if srv != nil && (w.sequentialRequests == 0 || w.parallelRequests == 0) {
		t.Fatalf("%s: the sequential read sent %d requests and the parallel one %d: not two reads", typeName, w.sequentialRequests, w.parallelRequests)
	}
	if notes := readNotes(w.sequential.diags); len(notes) != 0 {
		t.Fatalf("%s: the sequential read warned %q", typeName, notes)
	}
	notes := readNotes(w.parallel.diags)
	if len(notes) == 0 {
		t.Fatalf("%s: the parallel read did not say how it read: was it parallel at all?", typeName)
	}
	w.split = strings.HasPrefix(notes[0], "The read was split")
	return w
}

// stateDifference names the first top-level attribute in which states a and b differ, with
// the lengths of the two values where they are lists.
func stateDifference(a, b tftypes.Value) string {
	var as, bs map[string]tftypes.Value
	if a.As(&as) != nil || b.As(&bs) != nil {
		return fmt.Sprintf("%s against %s", a, b)
	}
	for _, name := range slices.Sorted(maps.Keys(as)) {
		x, y := as[name], bs[name]
		if x.Equal(y) {
			continue
		}
		var xs, ys []tftypes.Value
		if x.As(&xs) == nil && y.As(&ys) == nil {
			return fmt.Sprintf("%s holds %d elements against %d", name, len(xs), len(ys))
		}
		return fmt.Sprintf("%s is %s against %s", name, x, y)
	}
	return "no attribute differs"
}

// readNotes returns the details of the warnings that say how a read was read.
func readNotes(diags []*tfprotov6.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityWarning && strings.HasPrefix(d.Summary, "How the ") && strings.HasSuffix(d.Summary, " were read") {
			out = append(out, d.Detail)
		}
	}
	return out
}

// TestSequentialAndParallelReadsAgree reads windows of recordings and calls, listed and
// summarized, with read_parallelism 1 and 8 through two provider servers, under semantics
// where the parallel read splits and under those where it must not (a time range, exclusive
// bounds on whole seconds, an order by another timestamp), with a calls log that holds call
// IDs twice. Where the read can split exactly, it must have split, or this would compare a
// sequential read with another; where no exact split exists, it must not have.
func TestSequentialAndParallelReadsAgree(t *testing.T) {
	// Calls come in pages of 1,000: four times the recordings make enough pages to split.
	recs := birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, 1500, 3)
	answered := birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, 4*len(recs), 3)
	const must, never, may = "must", "never", "may"
	worlds := []struct {
		name   string
		sem    birdtest.Semantics
		shape  birdtest.Shape
		splits string
	}{
		{"inclusive", birdtest.Semantics{}, birdtest.Shape{}, must},
		{"half-open oldest first", birdtest.Semantics{Ends: birdtest.HalfOpen, OldestFirst: true}, birdtest.Shape{}, must},
		// Calls ordered by when they were answered, bounded by it, and queued for minutes: the
		// checks may see createdAt run out of order where two parts meet, and fall back.
		{"started at", birdtest.Semantics{StartedAt: true}, birdtest.Shape{Queued: true}, may},
		{"time range", birdtest.Semantics{TimeRange: true}, birdtest.Shape{}, never},
		{"exclusive whole seconds", birdtest.Semantics{Ends: birdtest.BothExclusive}, birdtest.Shape{WholeSeconds: true}, may},
		// Split, then either contradicted or exact: the comparison is what must hold.
		{"order by other", birdtest.Semantics{StartedAt: true, OrderByOther: true}, birdtest.Shape{DenseInversions: true}, may},
	}
	for _, world := range worlds {
		t.Run(world.name, func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			t.Cleanup(srv.Close)
			data := birdtest.Reshape(recs, world.shape, 3, birdtest.RecordingStamps)
			calls := birdtest.TwinCalls(birdtest.SeedCalls(birdtest.Reshape(answered, world.shape, 3, birdtest.RecordingStamps), 3), 50, birdtest.SeedChannels)
			srv.AddRecordings(testWorkspace, data...)
			srv.AddCalls(testWorkspace, calls...)
			srv.SetSemantics(world.sem)
			provider := map[string]tftypes.Value{
				"access_key":          tftypes.NewValue(tftypes.String, testKey),
				"endpoint":            tftypes.NewValue(tftypes.String, srv.URL),
				"workspace_id":        tftypes.NewValue(tftypes.String, testWorkspace),
				"requests_per_second": tftypes.NewValue(tftypes.Number, 1000),
			}
			str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
			// Windows of each list's own creation times: the newest, a middle and the oldest.
			windows := func(newer, older string) []map[string]tftypes.Value {
				return []map[string]tftypes.Value{
					{"start_at": str(older)},
					{"start_at": str(older), "end_at": str(newer)},
					{"end_at": str(newer)},
				}
			}
			windowsOf := map[string][]map[string]tftypes.Value{
				"recordings": windows(data[500].CreatedAt, data[1400].CreatedAt),
				"calls":      windows(calls[len(calls)/3].CreatedAt, calls[len(calls)*9/10].CreatedAt),
			}
			byStatusAndDay := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("status"), str("day")})
			for _, typeName := range []string{"bird_voice_recordings", "bird_voice_recordings_summary", "bird_voice_calls", "bird_voice_calls_summary"} {
				splits, notes := 0, []string(nil)
				for i, window := range windowsOf[strings.Split(typeName, "_")[2]] {
					if strings.HasSuffix(typeName, "_summary") {
						window = withValue(window, "group_by", byStatusAndDay)
					}
					w := readTwoWays(t, srv, provider, typeName, window)
					notes = append(notes, readNotes(w.parallel.diags)...)
					if w.split {
						splits++
					}
					if w.split && world.splits == never {
						t.Errorf("%s, window %d: split where no exact split exists: %s", typeName, i, readNotes(w.parallel.diags))
					}
				}
				if world.splits == must && splits == 0 {
					t.Errorf("%s: no window was split, so nothing compared a parallel read: %s", typeName, notes)
				}
			}
		})
	}
}

// withValue returns set with name set to v, leaving set itself as it is.
func withValue(set map[string]tftypes.Value, name string, v tftypes.Value) map[string]tftypes.Value {
	out := map[string]tftypes.Value{name: v}
	for k, x := range set {
		out[k] = x
	}
	return out
}

// TestSequentialAndParallelReadsAgreeWithMaxResults: with max_results, both reads are the
// sequential read (a parallel read does not apply it), with the same truncated list.
func TestSequentialAndParallelReadsAgreeWithMaxResults(t *testing.T) {
	srv := newTestServer(t, 600)
	provider := map[string]tftypes.Value{
		"access_key":          tftypes.NewValue(tftypes.String, testKey),
		"endpoint":            tftypes.NewValue(tftypes.String, srv.URL),
		"workspace_id":        tftypes.NewValue(tftypes.String, testWorkspace),
		"requests_per_second": tftypes.NewValue(tftypes.Number, 1000),
	}
	recs := birdtest.SeedRecordings(600, 1)
	w := readTwoWays(t, srv, provider, "bird_voice_recordings", map[string]tftypes.Value{
		"start_at":    tftypes.NewValue(tftypes.String, recs[599].CreatedAt),
		"max_results": tftypes.NewValue(tftypes.Number, 201),
	})
	if w.split || w.parallelRequests != w.sequentialRequests {
		t.Fatalf("with max_results the parallel read split (%v) or sent %d requests against %d", w.split, w.parallelRequests, w.sequentialRequests)
	}
}

// TestWindowedReadLive checks, on a real Bird workspace, that a windowed read returns what a
// sequential one does, through two provider servers configured from the environment.
func TestWindowedReadLive(t *testing.T) {
	if os.Getenv("BIRD_ACC_LIVE") != "1" || os.Getenv(envWorkspaceID) == "" || (os.Getenv(envAccessKey) == "" && os.Getenv(envAccessToken) == "") {
		t.Skip("live test: set BIRD_ACC_LIVE=1, a credential and BIRD_WORKSPACE_ID to check, on a real Bird workspace, that a windowed read returns what a sequential one does")
	}
	for _, days := range []int{30, 90} {
		start := time.Now().AddDate(0, 0, -days).UTC().Format(time.RFC3339)
		readTwoWays(t, nil, nil, "bird_voice_recordings", map[string]tftypes.Value{"start_at": tftypes.NewValue(tftypes.String, start)})
	}
}
