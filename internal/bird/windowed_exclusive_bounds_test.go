package bird_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestWindowedReadUnderExclusiveBounds plays a Bird whose window is open at both ends
// (createdAt > startAt AND createdAt < endAt), with timestamps to the whole second, as many
// APIs store them, and a recording every second, so that one lies on any boundary of whole
// seconds. Parts that shared their boundary lost it (1,193 of 1,200); the read at
// read_parallelism 8 must return every one, in order.
func TestWindowedReadUnderExclusiveBounds(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	recs := make([]bird.Recording, 1200)
	for i := range recs {
		created := newest.Add(-time.Duration(i) * time.Second)
		d := int64(1)
		recs[i] = bird.Recording{
			ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Source: "call", Status: "available", Duration: &d,
			CreatedAt: created.Format(time.RFC3339), StartedAt: created.Format(time.RFC3339),
		}
	}
	fake := &offsetBird{
		items: recs,
		in: func(r *bird.Recording, startAt, endAt time.Time) bool {
			c := offsetTime(r.CreatedAt)
			return (startAt.IsZero() || c.After(startAt)) && (endAt.IsZero() || c.Before(endAt))
		},
	}
	srv := fake.start(t)
	for _, filter := range []bird.RecordingFilter{
		{StartAt: offsetStamp(newest.Add(-1300 * time.Second))},
		{StartAt: offsetStamp(newest.Add(-1300 * time.Second)), EndAt: offsetStamp(newest.Add(time.Minute))},
	} {
		t.Run(fmt.Sprintf("startAt=%s,endAt=%s", filter.StartAt, filter.EndAt), func(t *testing.T) {
			seq := offsetList(t, srv.URL, 1, filter, 0)
			par := offsetList(t, srv.URL, 8, filter, 0)
			if !slices.Equal(recordingIDs(par.Items), recordingIDs(seq.Items)) {
				t.Fatalf("the parallel read returned %d recordings, the sequential read %d", len(par.Items), len(seq.Items))
			}
			t.Logf("%d recordings, read both ways; the parallel read noted %q", len(seq.Items), par.Notes)
		})
	}
}
