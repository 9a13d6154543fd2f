package bird_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// everySemantics lists each answer the fake can give where Bird's docs are silent.
var everySemantics = func() []birdtest.Semantics {
	var out []birdtest.Semantics
	for _, halfOpen := range []bool{false, true} {
		for _, oldestFirst := range []bool{false, true} {
			for _, startedAt := range []bool{false, true} {
				for _, bounds := range []birdtest.BoundPrecision{birdtest.BoundsExact, birdtest.BoundsTruncated, birdtest.BoundsRounded} {
					for _, tiesByQuery := range []bool{false, true} {
						for _, orderByOther := range []bool{false, true} {
							out = append(out, birdtest.Semantics{
								HalfOpen: halfOpen, OldestFirst: oldestFirst, StartedAt: startedAt,
								Bounds: bounds, TiesByQuery: tiesByQuery, OrderByOther: orderByOther,
							})
						}
					}
				}
			}
		}
	}
	return out
}()

// windowCase is one random read of the property test.
type windowCase struct {
	semantics   birdtest.Semantics
	shape       birdtest.Shape
	bursty      bool
	n           int
	filter      bird.RecordingFilter
	maxResults  int
	parallelism int
}

// String describes the case for a failure message.
func (c windowCase) String() string {
	return fmt.Sprintf("%+v %+v bursty=%v n=%d startAt=%q endAt=%q max=%d parallelism=%d",
		c.semantics, c.shape, c.bursty, c.n, c.filter.StartAt, c.filter.EndAt, c.maxResults, c.parallelism)
}

// randomWindowCase draws a case: an answer of Bird's, data of every shape, a window whose
// bounds are often exactly a recording's timestamp, a max_results, and a parallelism.
func randomWindowCase(rng *rand.Rand, recs func(bursty bool, n int) []bird.Recording) (windowCase, []bird.Recording) {
	c := windowCase{
		semantics:   everySemantics[rng.IntN(len(everySemantics))],
		shape:       birdtest.Shape{Queued: rng.IntN(3) == 0, Unstarted: rng.IntN(3) == 0},
		bursty:      rng.IntN(2) == 0,
		n:           rng.IntN(1500),
		parallelism: 2 + rng.IntN(7),
	}
	if rng.IntN(4) == 0 {
		c.shape.BulkTie = 120
	}
	data := birdtest.Reshape(recs(c.bursty, c.n), c.shape, uint64(c.n))
	random := func() string {
		return birdtest.SeedEpoch.Add(-time.Duration(rng.Int64N(int64(30 * 24 * time.Hour)))).Format(time.RFC3339Nano)
	}
	bound := func() string {
		if len(data) == 0 || rng.IntN(3) == 0 {
			return random()
		}
		r := data[rng.IntN(len(data))]
		if t := stampOf(c.semantics, &r); t > "0001-01-01T00:00:00Z" {
			return t
		}
		return random()
	}
	a, b := bound(), bound()
	if a > b {
		a, b = b, a
	}
	switch rng.IntN(3) {
	case 0:
		c.filter.StartAt, c.filter.EndAt = a, b
	case 1:
		c.filter.StartAt = a
	default:
		c.filter.EndAt = b
	}
	if rng.IntN(2) == 0 {
		c.maxResults = 1 + rng.IntN(c.n+50)
	}
	return c, data
}

// stampOf returns the timestamp of r that sem bounds.
func stampOf(sem birdtest.Semantics, r *bird.Recording) string {
	if sem.StartedAt {
		return r.StartedAt
	}
	return r.CreatedAt
}

// orderOf returns the timestamp of r that sem orders by.
func orderOf(sem birdtest.Semantics, r *bird.Recording) string {
	if sem.StartedAt != sem.OrderByOther {
		return r.StartedAt
	}
	return r.CreatedAt
}

// inBirdsOrder returns the IDs of recs as the test compares them: in order, except that
// where Bird orders ties differently for every query, or orders by another timestamp than
// the one the parts of a parallel read are cut on, no two reads need agree on the order
// within a run of equal timestamps, so each run's IDs are sorted; and when a read stopped
// at max_results inside such a run, which of its members made the cut is Bird's choice too,
// so the last run is left out.
func inBirdsOrder(sem birdtest.Semantics, recs []bird.Recording, stoppedInRun bool) []string {
	out := ids(recs)
	if !sem.TiesByQuery && !sem.OrderByOther {
		return out
	}
	var runs []string
	for i := 0; i < len(recs); {
		j := i
		for j < len(recs) && orderOf(sem, &recs[j]) == orderOf(sem, &recs[i]) {
			j++
		}
		run := slices.Sorted(slices.Values(out[i:j]))
		runs = append(runs, orderOf(sem, &recs[i])+fmt.Sprint(run))
		i = j
	}
	if stoppedInRun && len(runs) > 0 {
		runs = runs[:len(runs)-1]
	}
	return runs
}

// fallbacks records the reasons windowed reads gave for going on sequentially.
type fallbacks struct {
	mu      sync.Mutex
	reasons []string
}

// Debug implements bird.Logger.
func (f *fallbacks) Debug(_ context.Context, msg string, fields map[string]any) {
	if strings.HasPrefix(msg, "Parallel read contradicted") {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.reasons = append(f.reasons, fmt.Sprint(fields["reason"]))
	}
}

// count returns how many reads fell back.
func (f *fallbacks) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reasons)
}

// readWith lists the case's recordings from srv with a client of the given parallelism.
func readWith(t *testing.T, srv *birdtest.Server, c windowCase, parallelism int) (*bird.Listing[bird.Recording], int) {
	t.Helper()
	return readLogged(t, srv, c, parallelism, nil)
}

// readLogged is readWith, its client logging to log (when not nil).
func readLogged(t *testing.T, srv *birdtest.Server, c windowCase, parallelism int, log bird.Logger) (*bird.Listing[bird.Recording], int) {
	t.Helper()
	client, err := bird.NewClient(bird.Config{
		Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: parallelism, Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	before := len(srv.Requests())
	l, err := client.ListRecordings(t.Context(), testWorkspace, c.filter, bird.ListOptions{MaxResults: c.maxResults})
	if err != nil {
		t.Fatalf("%s: %v", c, err)
	}
	return l, len(srv.Requests()) - before
}

// ids returns the IDs of recordings, in order.
func ids(recs []bird.Recording) []string {
	out := make([]string, len(recs))
	for i := range recs {
		out[i] = recs[i].ID
	}
	return out
}

func TestWindowedReadIsTheSequentialRead(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 29))
	cache := map[string][]bird.Recording{}
	recs := func(bursty bool, n int) []bird.Recording {
		key := fmt.Sprint(bursty, n)
		if _, ok := cache[key]; !ok {
			data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, n, uint64(n))
			if bursty {
				data = birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, n, uint64(n))
			}
			cache[key] = withTiesAndSetupTimes(data, rand.New(rand.NewPCG(uint64(n), 3)))
		}
		return cache[key]
	}
	var fell, tidy, tidyFell fallbacks
	for i := range 400 {
		c, data := randomWindowCase(rng, recs)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			srv.AddRecordings(testWorkspace, data...)
			srv.SetSemantics(c.semantics)
			seq, _ := readWith(t, srv, c, 1)
			log := &fell
			if c.shape == (birdtest.Shape{}) && !c.semantics.StartedAt && !c.semantics.OrderByOther {
				log = &tidyFell
				tidy.reasons = append(tidy.reasons, "")
			}
			got, _ := readLogged(t, srv, c, c.parallelism, log)
			stopped := c.maxResults > 0 && len(seq.Items) == c.maxResults
			if !slices.Equal(inBirdsOrder(c.semantics, got.Items, stopped), inBirdsOrder(c.semantics, seq.Items, stopped)) {
				t.Fatalf("%s:\nthe windowed read gave %d recordings, the sequential %d, or another order", c, len(got.Items), len(seq.Items))
			}
			// Both say truncated exactly when matches pass max_results, and neither when every
			// match was read. When the matches end exactly at max_results, the sequential read
			// says so on a next page token, the windowed one on an unread sub-window, either of
			// which may lead to nothing: both answers are allowed there.
			if total := matchCount(c, data); c.maxResults > 0 && total != c.maxResults {
				want := total > c.maxResults
				if got.Truncated != want || seq.Truncated != want {
					t.Fatalf("%s: %d matches; truncated %v, the sequential read %v; want %v", c, total, got.Truncated, seq.Truncated, want)
				}
			} else if c.maxResults == 0 && (got.Truncated || seq.Truncated) {
				t.Fatalf("%s: truncated without max_results", c)
			}
		})
	}
	// Where the data is tidy and Bird bounds createdAt, the checks must not cry wolf.
	if n := tidyFell.count(); n > 0 {
		t.Errorf("%d of %d reads of tidy data bounded by createdAt fell back: %q", n, tidy.count(), tidyFell.reasons)
	}
	t.Logf("%d reads of other data or semantics fell back: %q", fell.count(), fell.reasons)
}

// withTiesAndSetupTimes makes about a third of the recordings share their createdAt with
// the one before, so that page and window boundaries fall inside ties, and sets each
// startedAt 0 to 3 seconds before createdAt, so that the two timestamps order the recordings
// differently.
func withTiesAndSetupTimes(recs []bird.Recording, rng *rand.Rand) []bird.Recording {
	for i := range recs {
		if i > 0 && rng.IntN(3) == 0 {
			recs[i].CreatedAt = recs[i-1].CreatedAt
		}
		created, _ := time.Parse(time.RFC3339Nano, recs[i].CreatedAt)
		recs[i].StartedAt = created.Add(-time.Duration(rng.IntN(3000)) * time.Millisecond).Format("2006-01-02T15:04:05.000Z")
	}
	return recs
}

// matchCount returns how many recordings match the case's query, read without max_results.
func matchCount(c windowCase, data []bird.Recording) int {
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	srv.AddRecordings(testWorkspace, data...)
	srv.SetSemantics(c.semantics)
	client, _ := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6})
	l, err := client.ListRecordings(context.Background(), testWorkspace, c.filter, bird.ListOptions{})
	if err != nil {
		return -1
	}
	return len(l.Items)
}

func TestWindowedReadHoldsTheRateLimit(t *testing.T) {
	for _, halfOpen := range []bool{false, true} {
		t.Run(fmt.Sprint("halfOpen=", halfOpen), func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 3000, 5)
			srv.AddRecordings(testWorkspace, data...)
			srv.SetSemantics(birdtest.Semantics{HalfOpen: halfOpen})
			srv.SetRateLimit(50)
			srv.SetLatency(20 * time.Millisecond)
			client, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 50, ReadParallelism: 16})
			if err != nil {
				t.Fatal(err)
			}
			l, err := client.ListRecordings(t.Context(), testWorkspace, bird.RecordingFilter{StartAt: data[len(data)-1].CreatedAt}, bird.ListOptions{})
			if err != nil || len(l.Items) != 3000 {
				t.Fatalf("got %v recordings, %v", l, err)
			}
			if n := srv.RateLimited(); n != 0 {
				t.Fatalf("the fake answered %d requests of %d with 429", n, len(srv.Requests()))
			}
		})
	}
}

func TestWindowedReadCancelledEndsEverySubWindow(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 5000, 5)
	srv.AddRecordings(testWorkspace, data...)
	srv.SetLatency(time.Hour) // every request hangs until the client gives up
	client, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 8})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	l, err := client.ListRecordings(ctx, testWorkspace, bird.RecordingFilter{StartAt: data[len(data)-1].CreatedAt}, bird.ListOptions{})
	if !errors.Is(err, context.DeadlineExceeded) || l != nil {
		t.Fatalf("got %v, %v; want no recordings and the deadline", l, err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("the cancelled read took %s to end", took)
	}
}

func TestWindowedReadAfterTheFirstPageGoesParallel(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 2000, 5)
	srv.AddRecordings(testWorkspace, data...)
	srv.SetLatency(50 * time.Millisecond)
	c := windowCase{filter: bird.RecordingFilter{StartAt: data[len(data)-1].CreatedAt, EndAt: data[0].CreatedAt}}
	l, requests := readWith(t, srv, c, 8)
	reqs := srv.Requests()
	if len(l.Items) != 2000 {
		t.Fatalf("%d recordings, want 2000", len(l.Items))
	}
	// The first request is the sequential read's own; then sub-windows, each with its own
	// startAt and endAt.
	first := reqs[0].Query
	if first.Get("startAt") != c.filter.StartAt || first.Get("endAt") != c.filter.EndAt || first.Has("pageToken") {
		t.Fatalf("first request %v, want the query itself", first)
	}
	windows := map[string]bool{}
	for _, r := range reqs[1:] {
		windows[r.Query.Get("startAt")+"/"+r.Query.Get("endAt")] = true
	}
	if len(windows) < 4 {
		t.Fatalf("%d requests over %d sub-windows; want the remainder split for the idle workers", requests, len(windows))
	}
	if bound := 5*21/4 + 2*8; requests > bound {
		t.Fatalf("%d requests, more than 1.25 × ceil(N/99) + 2 × parallelism = %d", requests, bound)
	}
}

func TestWindowedReadWithMaxResultsStopsEarly(t *testing.T) {
	for _, sem := range []birdtest.Semantics{{}, {HalfOpen: true}, {OldestFirst: true}} {
		t.Run(fmt.Sprintf("%+v", sem), func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 3000, 5)
			srv.AddRecordings(testWorkspace, data...)
			srv.SetSemantics(sem)
			srv.SetLatency(10 * time.Millisecond)
			c := windowCase{filter: bird.RecordingFilter{StartAt: data[len(data)-1].CreatedAt}, maxResults: 250}
			want, _ := readWith(t, srv, c, 1)
			got, requests := readWith(t, srv, c, 8)
			if !slices.Equal(ids(got.Items), ids(want.Items)) || !got.Truncated {
				t.Fatalf("%d recordings, truncated %v; want the sequential read's %d, truncated", len(got.Items), got.Truncated, len(want.Items))
			}
			// ceil(250/99) requests, plus one for each sub-window opened.
			windows := map[string]bool{}
			reqs := srv.Requests()
			for _, r := range reqs[len(reqs)-requests:] {
				windows[r.Query.Get("startAt")+"/"+r.Query.Get("endAt")] = true
			}
			if bound := 3 + len(windows) - 1; requests > bound {
				t.Fatalf("%d requests over %d sub-windows, more than %d", requests, len(windows)-1, bound)
			}
		})
	}
}

// TestWindowedReadSurvivesTheTraps replays, at 5,000 recordings, the answers of Bird's under
// which the parallel read once returned a fraction of the data, or never ended.
func TestWindowedReadSurvivesTheTraps(t *testing.T) {
	base := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 5000, 5)
	// Calls seconds apart, each started up to ten minutes after it was created; the one that
	// started last was created before the 99th to start, so that the first page's createdAt
	// runs oldest first from its first result to its last.
	queued := birdtest.Reshape(birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, 5000, 5), birdtest.Shape{Queued: true}, 5)
	byStart := slices.SortedFunc(slices.Values(queued), func(a, b bird.Recording) int { return strings.Compare(b.StartedAt, a.StartedAt) })
	ninetyNinth, _ := time.Parse(time.RFC3339Nano, byStart[98].CreatedAt)
	for i := range queued {
		if queued[i].ID == byStart[0].ID {
			queued[i].CreatedAt = ninetyNinth.Add(-time.Millisecond).Format("2006-01-02T15:04:05.000Z")
		}
	}
	for _, trap := range []struct {
		name      string
		semantics birdtest.Semantics
		data      []bird.Recording
		filter    bird.RecordingFilter
	}{
		{
			name:      "bounded and sorted by startedAt, calls queued before they started",
			semantics: birdtest.Semantics{StartedAt: true},
			data:      queued,
			filter:    bird.RecordingFilter{StartAt: "2026-01-01T00:00:00Z"},
		},
		{
			name:   "a bulk import: the newest 120 share one createdAt, their startedAt rising",
			data:   birdtest.Reshape(base, birdtest.Shape{BulkTie: 120}, 5),
			filter: bird.RecordingFilter{StartAt: base[len(base)-1].CreatedAt},
		},
		{
			name:      "calls never answered, bounded by startedAt, with an open start",
			semantics: birdtest.Semantics{StartedAt: true},
			data:      birdtest.Reshape(base, birdtest.Shape{Unstarted: true}, 5),
			filter:    bird.RecordingFilter{EndAt: birdtest.SeedEpoch.Format(time.RFC3339)},
		},
	} {
		t.Run(trap.name, func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			srv.AddRecordings(testWorkspace, trap.data...)
			srv.SetSemantics(trap.semantics)
			c := windowCase{filter: trap.filter}
			want, _ := readWith(t, srv, c, 1)
			client, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 8})
			if err != nil {
				t.Fatal(err)
			}
			// A read that never ends fails here instead of hanging the suite.
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			got, err := client.ListRecordings(ctx, testWorkspace, trap.filter, bird.ListOptions{})
			if err != nil {
				t.Fatalf("the sequential read gave %d recordings; the windowed read failed: %v", len(want.Items), err)
			}
			if !slices.Equal(ids(got.Items), ids(want.Items)) {
				t.Fatalf("the windowed read gave %d recordings, the sequential read %d, or another order", len(got.Items), len(want.Items))
			}
		})
	}
}

func TestSharedReadOutlivesAnImpatientCaller(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	srv.AddRecordings(testWorkspace, birdtest.SeedRecordings(250, 5)...)
	srv.SetLatency(200 * time.Millisecond) // three pages: 600 ms
	client, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ShareReads: true})
	if err != nil {
		t.Fatal(err)
	}
	impatient, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	var wg sync.WaitGroup
	var impatientErr error
	wg.Go(func() {
		_, impatientErr = client.ListRecordings(impatient, testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
	})
	l, err := client.ListRecordings(t.Context(), testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
	wg.Wait()
	if !errors.Is(impatientErr, context.DeadlineExceeded) {
		t.Fatalf("the caller with 100 ms got %v, want its own deadline", impatientErr)
	}
	if err != nil || len(l.Items) != 250 {
		t.Fatalf("the patient caller got %v, %v; want every recording", l, err)
	}
}

// TestWindowedReadWithMaxResultsCancelsTheRest: once the results in order reach
// max_results, the sub-windows still in flight are cancelled, not waited for.
func TestWindowedReadWithMaxResultsCancelsTheRest(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 3000, 5)
	srv.AddRecordings(testWorkspace, data...)
	// Every sub-window older than the 300th recording answers nothing until the client
	// gives up: only the newest part of the window can ever be read.
	deep := data[300].CreatedAt
	srv.FailEvery(1, birdtest.Fault{Hang: true, Only: func(r *http.Request) bool {
		end := r.URL.Query().Get("endAt")
		return end != "" && end < deep
	}})
	// Each answer takes long enough for every sub-window's first request to be sent.
	srv.SetLatency(100 * time.Millisecond)
	client, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 8})
	if err != nil {
		t.Fatal(err)
	}
	// Without the cancellation the read would wait out its sub-windows' requests (30 s
	// each): this deadline fails it instead.
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	filter := bird.RecordingFilter{StartAt: data[len(data)-1].CreatedAt}
	l, err := client.ListRecordings(ctx, testWorkspace, filter, bird.ListOptions{MaxResults: 150})
	if err != nil || ctx.Err() != nil {
		t.Fatalf("%v; the read ended at its deadline (%v) instead of when it had enough", err, ctx.Err())
	}
	if !slices.Equal(ids(l.Items), ids(data[:150])) || !l.Truncated {
		t.Fatalf("%d recordings, truncated %v; want the newest 150, truncated", len(l.Items), l.Truncated)
	}
	hung := 0
	for _, r := range srv.Requests() {
		if end := r.Query.Get("endAt"); end != "" && end < deep {
			hung++
		}
	}
	if hung == 0 {
		t.Fatal("no sub-window was left hanging: the test proves nothing")
	}
}

// TestWindowedReadNoticesAnOrderByAnotherTimestamp: where Bird bounds one timestamp and
// orders by the other, and calls wait minutes between the two, the checks see it and the
// read goes on sequentially: the sequential read's recordings, in its order.
func TestWindowedReadNoticesAnOrderByAnotherTimestamp(t *testing.T) {
	data := birdtest.Reshape(birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, 3000, 7), birdtest.Shape{Queued: true}, 7)
	for _, sem := range []birdtest.Semantics{{OrderByOther: true}, {StartedAt: true, OrderByOther: true}, {OldestFirst: true, OrderByOther: true}} {
		t.Run(fmt.Sprintf("%+v", sem), func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			srv.AddRecordings(testWorkspace, data...)
			srv.SetSemantics(sem)
			c := windowCase{filter: bird.RecordingFilter{StartAt: "2026-01-01T00:00:00Z"}}
			want, _ := readWith(t, srv, c, 1)
			var log fallbacks
			got, _ := readLogged(t, srv, c, 8, &log)
			if !slices.Equal(ids(got.Items), ids(want.Items)) {
				t.Fatalf("the windowed read gave %d recordings, the sequential read %d, or another order", len(got.Items), len(want.Items))
			}
			if log.count() != 1 {
				t.Fatalf("%d fallbacks logged, want 1", log.count())
			}
		})
	}
}
