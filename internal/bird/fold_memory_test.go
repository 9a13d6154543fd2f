package bird_test

import (
	"runtime"
	"testing"
	"weak"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestFoldKeepsNoPage: once Each has folded a read of many pages, sequential or parallel,
// no decoded page is reachable (every page's slice is collected by the next GC), and the
// live heap has grown by less than one page's JSON would take, so neither the pages' bytes
// nor their facts outlive the fold.
func TestFoldKeepsNoPage(t *testing.T) {
	const n, bound = 30_000, 48 << 10 // a page of 99 recordings is about 70 KB of JSON
	filter := bird.RecordingFilter{StartAt: "2020-01-01T00:00:00Z"}
	for _, parallelism := range []int{1, 8} {
		client, srv := newTestClient(t, n, func(c *bird.Config) { c.ReadParallelism = parallelism })
		each := func(fold func([]bird.RecordingFact)) {
			t.Helper()
			if _, err := bird.Each(t.Context(), client, bird.RecordingFacts, testWorkspace, filter, func() func([]bird.RecordingFact) { return fold }); err != nil {
				t.Fatal(err)
			}
			srv.ResetRequests() // the fake's log of requests is not the client's memory
		}
		each(func([]bird.RecordingFact) {}) // opens the connections the measured read reuses
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
		if grown > bound {
			t.Fatalf("parallelism %d: the live heap grew by %d bytes over the read, more than %d", parallelism, grown, bound)
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
