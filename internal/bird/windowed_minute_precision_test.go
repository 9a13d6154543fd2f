package bird_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestWindowedReadMinutePrecision plays a Bird that truncates startAt and endAt to the minute and
// excludes both instants: (trunc(startAt), trunc(endAt)) on createdAt, to the millisecond.
// The probes move a bound by a millisecond only, so the answers fit "truncated to the
// second, inclusive or not", and the read splits with parts overlapping by a second. A part
// whose startAt is b-1s and the one before it, whose endAt is b, then both exclude the
// whole minute under b: a recording created exactly there is in neither. Recordings are a
// minute apart at :30.250 (started 2 s before, ended 45 s after, in the next minute, so that
// the probes tell the timestamps apart), plus one (Z) on the whole minute below the first page's oldest,
// where the split cuts; no other recording lies between a part's sent bound and its minute,
// so no check sees an extra result. The sequential read returns Z; the parallel one loses it.
func TestWindowedReadMinutePrecision(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 30, 250000000, time.UTC)
	created := func(i int) time.Time { return newest.Add(-time.Duration(i) * time.Minute) }
	var recs []bird.Recording
	add := func(id string, at time.Time) {
		recs = append(recs, bird.Recording{
			ID: id, SourceID: "1" + id[1:], Source: "call", Status: "available",
			CreatedAt: offsetStamp(at), UpdatedAt: offsetStamp(at),
			StartedAt: offsetStamp(at.Add(-2 * time.Second)), EndedAt: offsetStamp(at.Add(45 * time.Second)),
		})
	}
	for i := range 400 {
		add(fmt.Sprintf("00000000-0000-4000-8000-%012d", i), created(i))
		if i == 98 { // the oldest of the first page: the split cuts at its second
			add("00000000-0000-4000-8000-999999999999", created(i).Truncate(time.Minute))
		}
	}
	cut := created(98).Truncate(time.Second)
	lo := cut.Add(-300 * time.Minute) // two parts of 150 minutes beyond the cut
	minute := func(t time.Time) time.Time { return t.Truncate(time.Minute) }
	fake := &sourceBird{items: recs, in: func(r *bird.Recording, startAt, endAt time.Time) bool {
		c := offsetTime(r.CreatedAt)
		return (startAt.IsZero() || c.After(minute(startAt))) && (endAt.IsZero() || c.Before(minute(endAt)))
	}}
	srv := fake.start(t)
	filter := bird.RecordingFilter{StartAt: lo.Format(time.RFC3339), EndAt: newest.Add(time.Hour).Format(time.RFC3339)}
	seq := offsetList(t, srv.URL, 1, filter, 0)
	par := offsetList(t, srv.URL, 2, filter, 0)
	if !slices.Contains(recordingIDs(seq.Items), "00000000-0000-4000-8000-999999999999") {
		t.Fatal("the sequential read does not return Z")
	}
	requireSequentialRead(t, par, seq)
}
