package bird_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// windowCase is a read of recordings: a filter and a max_results.
type windowCase struct {
	filter     bird.RecordingFilter
	maxResults int
}

// String describes the case for a failure message.
func (c windowCase) String() string {
	return fmt.Sprintf("startAt=%q endAt=%q max=%d", c.filter.StartAt, c.filter.EndAt, c.maxResults)
}

// fallbacks records the reasons windowed reads gave for going on sequentially, or, with
// about, those of the debug lines that contain it.
type fallbacks struct {
	about   string
	mu      sync.Mutex
	reasons []string
}

// Debug implements bird.Logger.
func (f *fallbacks) Debug(_ context.Context, msg string, fields map[string]any) {
	if f.about == "" && strings.HasPrefix(msg, "Parallel read contradicted") || f.about != "" && strings.Contains(msg, f.about) {
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

func TestWindowedReadHoldsTheRateLimit(t *testing.T) {
	for _, ends := range []birdtest.Ends{birdtest.BothInclusive, birdtest.HalfOpen} {
		t.Run(fmt.Sprint("ends=", ends), func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 3000, 5)
			srv.AddRecordings(testWorkspace, data...)
			srv.SetSemantics(birdtest.Semantics{Ends: ends})
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
	for _, sem := range []birdtest.Semantics{{}, {Ends: birdtest.HalfOpen}, {OldestFirst: true}} {
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
	queued := birdtest.Reshape(birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, 5000, 5), birdtest.Shape{Queued: true}, 5, birdtest.RecordingStamps)
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
			data:   birdtest.Reshape(base, birdtest.Shape{BulkTie: 120}, 5, birdtest.RecordingStamps),
			filter: bird.RecordingFilter{StartAt: base[len(base)-1].CreatedAt},
		},
		{
			name:      "calls never answered, bounded by startedAt, with an open start",
			semantics: birdtest.Semantics{StartedAt: true},
			data:      birdtest.Reshape(base, birdtest.Shape{Unstarted: true}, 5, birdtest.RecordingStamps),
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

// TestWindowedReadNoticesAnOrderByAnotherTimestamp: where Bird bounds one timestamp and
// orders by the other, and calls wait minutes between the two, the read sees it before it
// splits, or the checks see it after, and it reads sequentially: the sequential read's
// recordings, in its order.
func TestWindowedReadNoticesAnOrderByAnotherTimestamp(t *testing.T) {
	data := birdtest.Reshape(birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, 3000, 7), birdtest.Shape{Queued: true}, 7, birdtest.RecordingStamps)
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
			if len(got.Notes) != 1 || !strings.Contains(got.Notes[0], "was not split, because Bird orders") && !strings.Contains(got.Notes[0], "was contradicted") || log.count() > 1 {
				t.Fatalf("notes %q and %d fallbacks logged, want a read that did not split or fell back once", got.Notes, log.count())
			}
		})
	}
}

// TestWindowedReadSaysHowItWasRead: a read asked to read in parallel says in its notes
// whether it split, did not split, or fell back, and why; a sequential read says nothing.
func TestWindowedReadSaysHowItWasRead(t *testing.T) {
	// Calls queue for minutes from the fourth page on: the first pages show no sign that
	// Bird orders by startedAt and bounds createdAt, the pages of the parts do.
	tidy := birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, 3000, 7)
	data := slices.Concat(tidy[:300], birdtest.Reshape(tidy[300:], birdtest.Shape{Queued: true}, 7, birdtest.RecordingStamps))
	for name, tc := range map[string]struct {
		sem         birdtest.Semantics
		parallelism int
		want        string
	}{
		"sequential":  {parallelism: 1},
		"split":       {parallelism: 8, want: "was split into parts"},
		"not split":   {sem: birdtest.Semantics{TimeRange: true}, parallelism: 8, want: "was not split, because startAt compares startedAt and endAt compares endedAt"},
		"fallen back": {sem: birdtest.Semantics{OrderByOther: true}, parallelism: 8, want: "was contradicted"},
	} {
		t.Run(name, func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			srv.AddRecordings(testWorkspace, data...)
			srv.SetSemantics(tc.sem)
			l, _ := readWith(t, srv, windowCase{filter: bird.RecordingFilter{StartAt: "2026-01-01T00:00:00Z"}}, tc.parallelism)
			switch {
			case tc.want == "" && len(l.Notes) != 0:
				t.Fatalf("a sequential read noted %q", l.Notes)
			case tc.want != "" && (len(l.Notes) != 1 || !strings.Contains(l.Notes[0], tc.want)):
				t.Fatalf("notes %q, want one that says %q", l.Notes, tc.want)
			}
		})
	}
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	srv.AddRecordings(testWorkspace, birdtest.SeedRecordings(1, 1)...)
	l, _ := readWith(t, srv, windowCase{filter: bird.RecordingFilter{StartAt: "2020-01-01T00:00:00Z"}}, 8)
	if len(l.Notes) != 1 || !strings.Contains(l.Notes[0], "was not split") {
		t.Fatalf("notes %q of a one-page read, want one that says it did not split", l.Notes)
	}
}
