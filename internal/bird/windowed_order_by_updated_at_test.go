package bird_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestWindowedReadOrderedByUpdatedAt plays a Bird that bounds createdAt (inclusive, to the
// millisecond) but answers newest first by updatedAt, which no bound compares. Every
// recording was updated a minute after it was created, except one, updated a little later,
// so that it comes before the recording created just before it. The two are far past the
// pages the root chain reads, and a part boundary of the split falls between their
// createdAt: each part holds one of them, so no part's page runs against createdAt, and the
// concatenation runs in createdAt order. The sequential read returns Bird's order (B before
// A); the parallel read must too, which only a check of the order on updatedAt sees (a
// fresh-context review found that none looked at it).
func TestWindowedReadOrderedByUpdatedAt(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 250000000, time.UTC)
	lo := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	const n, spacing = 600, 10 * time.Second
	created := func(i int) time.Time { return newest.Add(-time.Duration(i) * spacing) }
	// Where a split with read_parallelism 2 cuts (windowed.go split): at the whole second of
	// the first page's oldest, then the rest of the window in two parts of whole seconds.
	cut := created(98).Truncate(time.Second)
	boundary := cut.Add(-((cut.Sub(lo) / 2).Truncate(time.Second)))
	a := 0
	for created(a+1).Compare(boundary) >= 0 {
		a++
	}
	b := a + 1 // created(a) >= boundary > created(b)
	recs := make([]bird.Recording, n)
	for i := range recs {
		updated := created(i).Add(time.Minute)
		if i == b {
			updated = created(a).Add(time.Minute + spacing/2)
		}
		recs[i] = bird.Recording{
			ID:        fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			SourceID:  fmt.Sprintf("10000000-0000-4000-8000-%012d", i),
			Source:    "call",
			Status:    "available",
			CreatedAt: offsetStamp(created(i)),
			UpdatedAt: offsetStamp(updated),
		}
	}
	slices.SortStableFunc(recs, func(x, y bird.Recording) int { return -offsetTime(x.UpdatedAt).Compare(offsetTime(y.UpdatedAt)) })
	fake := &sourceBird{items: recs, in: func(r *bird.Recording, startAt, endAt time.Time) bool {
		c := offsetTime(r.CreatedAt)
		return (startAt.IsZero() || !c.Before(startAt)) && (endAt.IsZero() || !c.After(endAt))
	}}
	srv := fake.start(t)
	filter := bird.RecordingFilter{StartAt: lo.Format(time.RFC3339), EndAt: newest.Add(time.Second).Format(time.RFC3339)}
	seq := offsetList(t, srv.URL, 1, filter, 0)
	par := offsetList(t, srv.URL, 2, filter, 0)
	if !slices.Equal(recordingIDs(seq.Items), recordingIDs(recs)) {
		t.Fatalf("the sequential read is not Bird's order")
	}
	got, want := recordingIDs(par.Items), recordingIDs(seq.Items)
	if !slices.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("parallel read differs from the sequential read at %d: %v, want %v; notes %q", i, got[i:min(i+2, len(got))], want[i:min(i+2, len(want))], par.Notes)
	}
}
