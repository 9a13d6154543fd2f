package bird_test

import (
	"slices"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestEachFoldsBirdsOwnPages: Each hands every page of the sequential read to the fold as it
// arrives, one request a page and the results in List's order, and an opted-in parallel
// read hands over what List returns, with its notes.
func TestEachFoldsBirdsOwnPages(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	srv.AddRecordings(testWorkspace, birdtest.SeedRecordings(1000, 3)...)
	filter := bird.RecordingFilter{StartAt: "2020-01-01T00:00:00Z"}
	for _, parallelism := range []int{1, 8} {
		client, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: parallelism})
		if err != nil {
			t.Fatal(err)
		}
		want, err := bird.List(t.Context(), client, bird.Recordings, testWorkspace, filter, bird.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		before := len(srv.Requests())
		var got []string
		folds := 0
		notes, err := bird.Each(t.Context(), client, bird.Recordings, testWorkspace, filter, func(page []bird.Recording) {
			folds++
			for i := range page {
				got = append(got, page[i].ID)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		requests := len(srv.Requests()) - before
		if !slices.Equal(got, ids(want.Items)) {
			t.Fatalf("parallelism %d: Each folded %d recordings, List returned %d, or in another order", parallelism, len(got), len(want.Items))
		}
		switch {
		case parallelism == 1 && (folds != 11 || requests != 11 || notes != nil):
			t.Fatalf("sequential: %d folds and %d requests for 1,000 recordings (want 11 each), notes %q", folds, requests, notes)
		case parallelism > 1 && (folds != 1 || len(notes) != 1):
			t.Fatalf("parallel: %d folds (want List's result, folded once), notes %q", folds, notes)
		}
	}
}
