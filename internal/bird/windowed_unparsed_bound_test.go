package bird_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestWindowedReadUnparsedBound reads with startAt "2026-11-01t00:00:00z": RFC 3339 (its section
// 5.6 allows a lower-case t and z), which this Bird accepts but Go's time.Parse does not.
// readWindowed then takes the window's start as open (span.lo zero, windowed.go
// readWindowed), so split divides "what lies beyond the cut" into parts of about four pages
// each down from the cut, inner bounds on both sides, only the last one keeping the query's
// startAt: the middle parts select recordings before the query's start, and holds accepts
// them, since they lie within those parts' own bounds. The sequential read returns only the
// recordings from 2026-11-01; the parallel read returns more.
func TestWindowedReadUnparsedBound(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 250000000, time.UTC)
	recs := make([]bird.Recording, 600)
	for i := range recs {
		c := newest.Add(-time.Duration(i) * 100 * time.Second) // back to 2026-10-31 19:20
		recs[i] = bird.Recording{
			ID:        fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			SourceID:  fmt.Sprintf("10000000-0000-4000-8000-%012d", i),
			Source:    "call",
			Status:    "available",
			CreatedAt: offsetStamp(c),
			UpdatedAt: offsetStamp(c),
		}
	}
	fake := &sourceBird{
		items: recs,
		in: func(r *bird.Recording, startAt, endAt time.Time) bool {
			c := offsetTime(r.CreatedAt)
			return (startAt.IsZero() || !c.Before(startAt)) && (endAt.IsZero() || !c.After(endAt))
		},
		parse: func(v string) (time.Time, error) { return time.Parse(time.RFC3339Nano, strings.ToUpper(v)) },
	}
	srv := fake.start(t)
	filter := bird.RecordingFilter{StartAt: "2026-11-01t00:00:00z", EndAt: "2026-11-01T13:00:00Z"}
	seq := offsetList(t, srv.URL, 1, filter, 0)
	par := offsetList(t, srv.URL, 4, filter, 0)
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, r := range seq.Items {
		if offsetTime(r.CreatedAt).Before(start) {
			t.Fatalf("the sequential read returned %s, created %s", r.ID, r.CreatedAt)
		}
	}
	if got, want := recordingIDs(par.Items), recordingIDs(seq.Items); !slices.Equal(got, want) {
		before := 0
		for _, r := range par.Items {
			if offsetTime(r.CreatedAt).Before(start) {
				before++
			}
		}
		t.Fatalf("parallel read returned %d recordings (%d created before its startAt), the sequential read %d; notes %q", len(got), before, len(want), par.Notes)
	}
}
