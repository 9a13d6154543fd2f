package bird_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestWindowedReadSubMillisecondGap plays a Bird that writes and compares createdAt to the
// microsecond, both bounds inclusive: [startAt, endAt]. The recordings of the first page
// happen to lie on whole milliseconds, so the probes, a millisecond either side, establish
// an inclusive endAt to the millisecond, and the split sends each part's endAt as c - 1 ms
// (partition.endShift) and the next part's startAt as c: a recording created within the
// millisecond before c, at c - 0.5 ms, is in neither part. The part boundary c here is the
// cut, the whole second of the first page's oldest; the recording is the next one after it.
// The sequential read returns it; the parallel read loses it, unseen. (DESIGN.md assumes
// that Bird stores no finer precision than it writes; this Bird writes microseconds.)
func TestWindowedReadSubMillisecondGap(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 250000000, time.UTC)
	recs := make([]bird.Recording, 600)
	for i := range recs {
		c := newest.Add(-time.Duration(i) * 10 * time.Second)
		if i == 99 { // just under the cut: the first page's oldest truncated to its second
			c = newest.Add(-98 * 10 * time.Second).Truncate(time.Second).Add(-500 * time.Microsecond)
		} else if i > 99 {
			c = c.Add(123 * time.Microsecond)
		}
		recs[i] = bird.Recording{
			ID:        fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			SourceID:  fmt.Sprintf("10000000-0000-4000-8000-%012d", i),
			Source:    "call",
			Status:    "available",
			CreatedAt: c.Format("2006-01-02T15:04:05.000000Z07:00"),
			UpdatedAt: c.Format("2006-01-02T15:04:05.000000Z07:00"),
		}
	}
	fake := &sourceBird{items: recs, in: func(r *bird.Recording, startAt, endAt time.Time) bool {
		c := offsetTime(r.CreatedAt)
		return (startAt.IsZero() || !c.Before(startAt)) && (endAt.IsZero() || !c.After(endAt))
	}}
	srv := fake.start(t)
	filter := bird.RecordingFilter{StartAt: "2026-11-01T09:00:00Z", EndAt: "2026-11-01T13:00:00Z"}
	seq := offsetList(t, srv.URL, 1, filter, 0)
	par := offsetList(t, srv.URL, 4, filter, 0)
	if len(seq.Items) != len(recs) {
		t.Fatalf("sequential read returned %d of %d", len(seq.Items), len(recs))
	}
	requireSequentialRead(t, par, seq)
}
