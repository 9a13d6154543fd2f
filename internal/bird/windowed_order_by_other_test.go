package bird_test

import (
	"slices"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestWindowedReadOrderedByAnotherTimestampAcrossParts plays one of the fake's own
// semantics, a Bird that bounds createdAt and orders by startedAt (OrderByOther), newest
// first. It finds where a read at parallelism 2 puts the boundary between two parts, then
// adds two recordings on either side of it in startedAt order the other way round from
// createdAt (not a tie: their startedAt differ by 1.3 s, their createdAt by 1 s). The
// parallel read must return the sequential read's order, and with max_results between them
// the same recordings.
func TestWindowedReadOrderedByAnotherTimestampAcrossParts(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	lo := newest.Add(-300*time.Minute - 17*time.Second)
	filter := bird.RecordingFilter{StartAt: offsetStamp(lo)}
	base := minutelyRecordings(300, newest, 30*time.Second)
	sem := birdtest.Semantics{OrderByOther: true}

	// Find the boundary between the two sub-windows that a read at parallelism 2 cuts.
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	srv.AddRecordings(testWorkspace, base...)
	srv.SetSemantics(sem)
	offsetList(t, srv.URL, 2, filter, 0)
	var boundary time.Time
	for _, r := range srv.Requests() {
		if r.Query.Get("startAt") == filter.StartAt && r.Query.Get("endAt") != "" {
			boundary = offsetTime(r.Query.Get("endAt"))
		}
	}
	if boundary.IsZero() {
		t.Fatal("the read did not split")
	}

	// Two recordings astride it: a created after it, b before, but b started after a.
	d := int64(30)
	a := bird.Recording{ID: "aaaaaaaa-0000-4000-8000-000000000000", Source: "call", Duration: &d,
		CreatedAt: offsetStamp(boundary.Add(500 * time.Millisecond)), StartedAt: offsetStamp(boundary.Add(-1500 * time.Millisecond))}
	b := bird.Recording{ID: "bbbbbbbb-0000-4000-8000-000000000000", Source: "call", Duration: &d,
		CreatedAt: offsetStamp(boundary.Add(-500 * time.Millisecond)), StartedAt: offsetStamp(boundary.Add(-200 * time.Millisecond))}
	srv2 := birdtest.NewServer(testKey)
	defer srv2.Close()
	srv2.AddRecordings(testWorkspace, append(slices.Clone(base), a, b)...)
	srv2.SetSemantics(sem)

	seq := offsetList(t, srv2.URL, 1, filter, 0)
	par := offsetList(t, srv2.URL, 2, filter, 0)
	seqIDs, parIDs := recordingIDs(seq.Items), recordingIDs(par.Items)
	ia, ib := slices.Index(seqIDs, a.ID), slices.Index(seqIDs, b.ID)
	t.Logf("sequential: b at %d, a at %d; parallel: b at %d, a at %d", ib, ia, slices.Index(parIDs, b.ID), slices.Index(parIDs, a.ID))
	if !slices.Equal(parIDs, seqIDs) {
		t.Errorf("the parallel read orders %d recordings differently from the sequential read (not within a tie)", len(parIDs))
	}

	// With max_results ending between them, the two reads return different recordings.
	maxResults := min(ia, ib) + 1
	seqMax := offsetList(t, srv2.URL, 1, filter, maxResults)
	parMax := offsetList(t, srv2.URL, 2, filter, maxResults)
	if !slices.Equal(recordingIDs(parMax.Items), recordingIDs(seqMax.Items)) {
		t.Errorf("max_results %d: the sequential read ends with %s, the parallel read with %s: different recordings",
			maxResults, seqMax.Items[len(seqMax.Items)-1].ID, parMax.Items[len(parMax.Items)-1].ID)
	}
}
