package bird_test

import (
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestFoldKeepsNoPage: once Each has folded a read of many pages, sequential or parallel
// (split into parts, on data written to the millisecond), no decoded page is reachable (every page's slice is collected by the next GC), and the
// live heap has grown by less than one page's JSON would take, so neither the pages' bytes
// nor their facts outlive the fold.
func TestFoldKeepsNoPage(t *testing.T) {
	const n, bound = 30_000, 48 << 10 // a page of 99 recordings is about 70 KB of JSON
	filter := bird.RecordingFilter{StartAt: "2020-01-01T00:00:00Z"}
	for _, parallelism := range []int{1, 8} {
		client, srv := newTestClient(t, 0, func(c *bird.Config) { c.ReadParallelism = parallelism })
		srv.AddRecordings(testWorkspace, birdtest.SeedRecordingsAt(birdtest.SeedEpoch.Add(-234*time.Millisecond), n, 1)...)
		each := func(fold func([]bird.RecordingFact)) {
			t.Helper()
			notes, err := bird.Each(t.Context(), client, bird.RecordingFacts, testWorkspace, filter, func() func([]bird.RecordingFact) { return fold })
			if err != nil {
				t.Fatal(err)
			}
			if split := len(notes) == 1 && strings.HasPrefix(notes[0], "The read was split"); split != (parallelism > 1) {
				t.Fatalf("parallelism %d: notes %q", parallelism, notes)
			}
			srv.ResetRequests() // the fake's log of requests is not the client's memory
		}
		// Open the connections the measured read reuses: a parallel read opens as many as its
		// parts were read at once, which differs from one read to the next, so twice.
		each(func([]bird.RecordingFact) {})
		each(func([]bird.RecordingFact) {})
		before := liveHeap()
		var pages []weak.Pointer[bird.RecordingFact]
		folded := 0
		each(func(page []bird.RecordingFact) {
			folded += len(page)
			if len(page) > 0 {
				pages = append(pages, weak.Make(&page[0]))
			}
		})
		grown := int64(liveHeap()) - int64(before)
		for i, p := range pages {
			if p.Value() != nil {
				t.Fatalf("parallelism %d: page %d of %d outlived the fold", parallelism, i, len(pages))
			}
		}
		if folded != n || len(pages) == 0 {
			t.Fatalf("parallelism %d: folded %d recordings in %d pages, want %d", parallelism, folded, len(pages), n)
		}
		// A parallel read holds as many connections as it read parts at once, which differs
		// from one read to the next by a few (their buffers on both ends: ±200 KB seen, of
		// either sign); 30,000 facts kept would be several MB.
		limit := int64(bound)
		if parallelism > 1 {
			limit = 256 << 10
		}
		if grown > limit {
			t.Fatalf("parallelism %d: the live heap grew by %d bytes over the read, more than %d", parallelism, grown, limit)
		}
		t.Logf("parallelism %d: %d pages, live heap grew by %d bytes", parallelism, len(pages), grown)
	}
}

// liveHeap returns the bytes of live heap objects after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestParallelFoldFollowsTheParts: an opted-in parallel read that splits folds each part's
// pages as they arrive and keeps, per part, only what its checks need: the live heap during
// the read (sampled in the fold, after a collection) stays far below what the list of the
// same read holds, measured side by side on the same client and data.
func TestParallelFoldFollowsTheParts(t *testing.T) {
	const n = 60_000 // the peak stays about 3.5 MB from 15,000 to 120,000; the list grows
	filter := bird.RecordingFilter{StartAt: "2020-01-01T00:00:00Z"}
	client, srv := newTestClient(t, 0, func(c *bird.Config) { c.ReadParallelism = 8 })
	srv.AddRecordings(testWorkspace, birdtest.SeedRecordingsAt(birdtest.SeedEpoch.Add(-234*time.Millisecond), n, 1)...)
	before := liveHeap()
	list, err := bird.List(t.Context(), client, bird.RecordingFacts, testWorkspace, filter, bird.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	listed := int64(liveHeap()) - int64(before)
	if len(list.Items) != n {
		t.Fatalf("listed %d recordings, want %d", len(list.Items), n)
	}
	list = nil
	base := liveHeap()
	var peak int64
	folded, pages := 0, 0
	notes, err := bird.Each(t.Context(), client, bird.RecordingFacts, testWorkspace, filter, func() func([]bird.RecordingFact) {
		folded, pages = 0, 0
		return func(page []bird.RecordingFact) {
			folded += len(page)
			if pages++; pages%10 == 1 {
				peak = max(peak, int64(liveHeap())-int64(base))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if folded != n || len(notes) != 1 || !strings.HasPrefix(notes[0], "The read was split") {
		t.Fatalf("folded %d recordings (want %d), notes %q: want a split read", folded, n, notes)
	}
	if peak > listed/4 {
		t.Fatalf("the live heap rose by up to %d bytes during the streamed read, more than a quarter of the %d the list holds", peak, listed)
	}
	t.Logf("%d pages; the live heap rose by up to %d bytes during the streamed read; the list holds %d", pages, peak, listed)
}
