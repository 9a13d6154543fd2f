package bird_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// windowedAgainstSequential reads filter from srv sequentially and with 8 sub-windows and
// fails when the two differ in IDs, order or truncation.
func windowedAgainstSequential(t *testing.T, srv *birdtest.Server, filter bird.RecordingFilter, maxResults int) {
	t.Helper()
	c := windowCase{filter: filter, maxResults: maxResults}
	want, seqRequests := readWith(t, srv, c, 1)
	client, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 8})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	before := len(srv.Requests())
	got, err := client.ListRecordings(ctx, testWorkspace, filter, bird.ListOptions{MaxResults: maxResults})
	if err != nil {
		t.Fatalf("the sequential read gave %d recordings; the windowed read failed: %v", len(want.Items), err)
	}
	requests := len(srv.Requests()) - before
	if !slices.Equal(ids(got.Items), ids(want.Items)) || got.Truncated != want.Truncated {
		t.Fatalf("the windowed read gave %d recordings (truncated %v), the sequential read %d (truncated %v), or another order",
			len(got.Items), got.Truncated, len(want.Items), want.Truncated)
	}
	t.Logf("%d recordings; %d requests windowed, %d sequential", len(got.Items), requests, seqRequests)
}

// TestWindowedReadBulkTieOfTwoPages: a bulk import whose one createdAt millisecond holds
// two pages or more, with startedAt rising in the tie's order. A page inside the tie shows
// createdAt constant and startedAt rising: it must prove nothing, or the rest would be cut
// on the wrong side.
func TestWindowedReadBulkTieOfTwoPages(t *testing.T) {
	base := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 3000, 5)
	for _, tie := range []int{198, 250} {
		t.Run(fmt.Sprint("tie=", tie), func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			srv.AddRecordings(testWorkspace, birdtest.Reshape(base, birdtest.Shape{BulkTie: tie}, 5, birdtest.RecordingStamps)...)
			windowedAgainstSequential(t, srv, bird.RecordingFilter{StartAt: base[len(base)-1].CreatedAt}, 0)
		})
	}
}

// TestWindowedReadBoundByStartedAtSortedByCreatedAt: Bird bounds startAt and endAt on
// startedAt but lists by createdAt. Calls two seconds apart are answered within half a
// second, except one that waited ten minutes in a queue: ordered after the first page's
// cut, it is bounded before it, where only the near side of the cut finds it.
func TestWindowedReadBoundByStartedAtSortedByCreatedAt(t *testing.T) {
	data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 1000, 5)
	for i := range data {
		created := birdtest.SeedEpoch.Add(-time.Duration(i) * 2 * time.Second)
		delay := 500 * time.Millisecond
		if i == 250 {
			delay = 10 * time.Minute
		}
		data[i].CreatedAt = created.Format("2006-01-02T15:04:05.000Z")
		data[i].StartedAt = created.Add(delay).Format("2006-01-02T15:04:05.000Z")
	}
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	srv.AddRecordings(testWorkspace, data...)
	srv.SetSemantics(birdtest.Semantics{StartedAt: true, OrderByOther: true})
	windowedAgainstSequential(t, srv, bird.RecordingFilter{StartAt: "2026-10-01T00:00:00Z"}, 0)
}

// TestWindowedReadFilterAfterPaging: Bird pages over a workspace's recordings and filters
// each page after (a scan with a filter), so a window's pages may be empty while a token
// leads on. The user's window holds the newest 2,500 of 3,000 recordings: its chain never
// has an empty page, while a sub-window deep in it starts with more than ten in a row. That
// must end the parallel attempt, not the read.
func TestWindowedReadFilterAfterPaging(t *testing.T) {
	data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 3000, 5)
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	srv.AddRecordings(testWorkspace, data...)
	srv.SetQuirks(birdtest.Quirks{FilterAfterPaging: true})
	windowedAgainstSequential(t, srv, bird.RecordingFilter{StartAt: data[2499].CreatedAt}, 0)
}

// TestWindowedReadWithMaxResultsIsTheSequentialRead: a read that stops at max_results is
// not split, since which results come first depends on an order the parts could break: it
// sends the sequential read's requests, returns its results, and says why it did not split.
func TestWindowedReadWithMaxResultsIsTheSequentialRead(t *testing.T) {
	data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, 3000, 5)
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	srv.AddRecordings(testWorkspace, data...)
	c := windowCase{filter: bird.RecordingFilter{StartAt: data[len(data)-1].CreatedAt}, maxResults: 532}
	want, seqRequests := readWith(t, srv, c, 1)
	got, requests := readWith(t, srv, c, 8)
	if !slices.Equal(ids(got.Items), ids(want.Items)) || got.Truncated != want.Truncated || !got.Truncated {
		t.Fatalf("%d recordings, truncated %v; want the sequential read's %d, truncated", len(got.Items), got.Truncated, len(want.Items))
	}
	if requests != seqRequests || seqRequests != 6 {
		t.Fatalf("%d requests, the sequential read %d; want ceil(532/99) = 6 each", requests, seqRequests)
	}
	if len(got.Notes) != 1 || !strings.Contains(got.Notes[0], "max_results") {
		t.Fatalf("notes %q, want one that says max_results kept the read sequential", got.Notes)
	}
}

// TestWindowedReadExactlyMaxResultsIsNotTruncated: when the matches number exactly
// max_results and Bird ends its chain without a token, the sequential read says not
// truncated, and so must the windowed read, every time, whatever sub-windows are still
// unread when the count is reached.
func TestWindowedReadExactlyMaxResultsIsNotTruncated(t *testing.T) {
	for _, n := range []int{198, 199, 200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			data := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, n, 5)
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			srv.AddRecordings(testWorkspace, data...)
			for range 5 {
				windowedAgainstSequential(t, srv, bird.RecordingFilter{StartAt: "2026-01-01T00:00:00Z"}, n)
			}
		})
	}
}
