package bird_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// minutelyRecordings returns n recordings newest first, one a minute, each lasting duration:
// createdAt, startedAt 113 ms before it, endedAt duration after it.
func minutelyRecordings(n int, newest time.Time, duration time.Duration) []bird.Recording {
	recs := make([]bird.Recording, n)
	for i := range recs {
		created := newest.Add(-time.Duration(i) * time.Minute)
		d := int64(duration / time.Second)
		recs[i] = bird.Recording{
			ID:        fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			Source:    "call",
			Status:    "available",
			Duration:  &d,
			CreatedAt: offsetStamp(created),
			UpdatedAt: offsetStamp(created.Add(duration)),
			StartedAt: offsetStamp(created.Add(-113 * time.Millisecond)),
			EndedAt:   offsetStamp(created.Add(duration)),
		}
	}
	return recs
}

// TestWindowedReadUnderATimeRange plays a Bird whose startAt bounds when a recording started
// and whose endAt bounds when it ended (a time range: a window selects what ran inside it),
// newest first by createdAt, recordings five minutes long, one a minute. No window selects
// one slice of one timestamp there, so parts of any window would lose the recordings that
// start in one and end past it; the probes find the two timestamps, and a read asked for
// read_parallelism 8 stays the sequential read. (An outside review found the parallel read
// of old returning 576 of 600.)
func TestWindowedReadUnderATimeRange(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	fake := &offsetBird{
		items: minutelyRecordings(600, newest, 5*time.Minute),
		in: func(r *bird.Recording, startAt, endAt time.Time) bool {
			started, ended := offsetTime(r.StartedAt), offsetTime(r.EndedAt)
			return (startAt.IsZero() || !started.Before(startAt)) && (endAt.IsZero() || !ended.IsZero() && !ended.After(endAt))
		},
	}
	srv := fake.start(t)
	for _, filter := range []bird.RecordingFilter{
		{StartAt: offsetStamp(newest.Add(-10 * time.Hour))},                                            // start_at only, as the README's example
		{StartAt: offsetStamp(newest.Add(-10 * time.Hour)), EndAt: offsetStamp(newest.Add(time.Hour))}, // a closed window
	} {
		t.Run(fmt.Sprintf("startAt=%s,endAt=%s", filter.StartAt, filter.EndAt), func(t *testing.T) {
			seq := offsetList(t, srv.URL, 1, filter, 0)
			par := offsetList(t, srv.URL, 8, filter, 0)
			if !slices.Equal(recordingIDs(par.Items), recordingIDs(seq.Items)) {
				missing := 0
				got := map[string]bool{}
				for _, id := range recordingIDs(par.Items) {
					got[id] = true
				}
				for _, id := range recordingIDs(seq.Items) {
					if !got[id] {
						missing++
					}
				}
				t.Fatalf("the parallel read returned %d recordings, the sequential read %d: %d recordings silently missing", len(par.Items), len(seq.Items), missing)
			}
			t.Logf("%d recordings, read both ways; the parallel read noted %q", len(seq.Items), par.Notes)
		})
	}
}
