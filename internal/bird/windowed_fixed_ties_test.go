package bird_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestWindowedReadFixedTies plays a Bird that bounds startedAt (inclusive, to the millisecond) and
// orders newest first by createdAt, breaking ties the same way for every query (in the
// order the recordings were added), so the sequential read's order is fixed, ties too. Two
// recordings, B added before A, share a createdAt, and a part boundary of the split falls
// between their startedAt. The parallel read puts the newer part's A before the older
// part's B; each part runs in order, and the whole runs in order on createdAt (a tie) and on
// startedAt, so verify accepts it. The sequential read returns B, A; the parallel read A, B.
// The property test once sorted runs of equal timestamps whenever Bird ordered by another
// timestamp than the one the window is cut on (inBirdsOrder), so it did not see this.
func TestWindowedReadFixedTies(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 250000000, time.UTC)
	lo := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	created := func(i int) time.Time { return newest.Add(-time.Duration(i) * 10 * time.Second) }
	started := func(i int) time.Time { return created(i).Add(-113 * time.Millisecond) }
	// Where a split with read_parallelism 2 cuts (windowed.go split): at the whole second of
	// the first page's oldest startedAt, then the rest of the window in two parts.
	cut := started(98).Truncate(time.Second)
	boundary := cut.Add(-((cut.Sub(lo) / 2).Truncate(time.Second)))
	a := 0
	for !started(a + 1).Before(boundary) {
		a++
	}
	rec := func(id string, c, s time.Time) bird.Recording {
		return bird.Recording{
			ID: id, SourceID: "1" + id[1:], Source: "call", Status: "available",
			CreatedAt: offsetStamp(c), UpdatedAt: offsetStamp(c), StartedAt: offsetStamp(s), EndedAt: offsetStamp(c.Add(20 * time.Second)),
		}
	}
	var recs []bird.Recording
	for i := range 600 {
		recs = append(recs, rec(fmt.Sprintf("00000000-0000-4000-8000-%012d", i), created(i), started(i)))
		if i == a { // B, then A: one createdAt, startedAt either side of the boundary
			tie := created(a).Add(-time.Millisecond)
			recs = append(recs,
				rec("00000000-0000-4000-8000-00000000000b", tie, boundary.Add(-time.Millisecond)),
				rec("00000000-0000-4000-8000-00000000000a", tie, boundary.Add(time.Millisecond)))
		}
	}
	fake := &sourceBird{items: recs, in: func(r *bird.Recording, startAt, endAt time.Time) bool {
		s := offsetTime(r.StartedAt)
		return (startAt.IsZero() || !s.Before(startAt)) && (endAt.IsZero() || !s.After(endAt))
	}}
	srv := fake.start(t)
	filter := bird.RecordingFilter{StartAt: lo.Format(time.RFC3339), EndAt: newest.Add(time.Second).Format(time.RFC3339)}
	seq := offsetList(t, srv.URL, 1, filter, 0)
	par := offsetList(t, srv.URL, 2, filter, 0)
	got, want := recordingIDs(par.Items), recordingIDs(seq.Items)
	if !slices.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("parallel read differs from the sequential read at %d: %v, want %v; notes %q", i, got[i:min(i+2, len(got))], want[i:min(i+2, len(want))], par.Notes)
	}
}
