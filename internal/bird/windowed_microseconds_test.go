package bird_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestWindowedReadWithMicrosecondTimestamps plays a Bird that writes its timestamps to the microsecond and
// compares startAt and endAt with createdAt exactly, both bounds exclusive: (startAt,
// endAt). The probes send their bounds to the millisecond (formatBound truncates), and once
// decided as if the bound sent were the subject's timestamp ± 1 ms to the microsecond: an
// exclusive startAt then answers as an inclusive one would, and a split sends each part's
// startAt as the whole second b, which excludes a recording created exactly at b, as the
// next part's endAt (b, exclusive) does. The sequential read returns it; the parallel read
// loses it, and no check sees a result that is missing.
func TestWindowedReadWithMicrosecondTimestamps(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 123456000, time.UTC)
	recs := make([]bird.Recording, 600)
	for i := range recs {
		created := newest.Add(-time.Duration(i) * 10 * time.Second)
		if i == 98 { // the oldest of the first page: the cut of the split
			created = created.Truncate(time.Second)
		}
		recs[i] = bird.Recording{
			ID:        fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			SourceID:  fmt.Sprintf("10000000-0000-4000-8000-%012d", i),
			Source:    "call",
			Status:    "available",
			CreatedAt: created.Format("2006-01-02T15:04:05.000000Z07:00"),
			UpdatedAt: created.Format("2006-01-02T15:04:05.000000Z07:00"),
		}
	}
	fake := &sourceBird{items: recs, in: func(r *bird.Recording, startAt, endAt time.Time) bool {
		c := offsetTime(r.CreatedAt)
		return (startAt.IsZero() || c.After(startAt)) && (endAt.IsZero() || c.Before(endAt))
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
