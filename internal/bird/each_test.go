package bird_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestEachFoldsBirdsOwnPages: Each hands every page of the sequential read to the fold as it
// arrives, one request a page and the results in List's order. An opted-in parallel read
// that splits folds its parts' pages, in no fixed order, with its note; one that does not
// split (on whole seconds the probes cannot tell createdAt from startedAt) hands over to the
// sequential read, page by page, with its note. Either folds what List returns.
func TestEachFoldsBirdsOwnPages(t *testing.T) {
	filter := bird.RecordingFilter{StartAt: "2020-01-01T00:00:00Z"}
	for _, c := range []struct {
		what        string
		parallelism int
		recs        []bird.Recording
		split       bool
	}{
		{"sequential", 1, birdtest.SeedRecordings(1000, 1), false},
		{"parallel, whole seconds", 8, birdtest.SeedRecordings(1000, 1), false},
		{"parallel, milliseconds", 8, birdtest.SeedRecordingsAt(birdtest.SeedEpoch.Add(-234*time.Millisecond), 3000, 1), true},
	} {
		client, srv := newTestClient(t, 0, func(cfg *bird.Config) { cfg.ReadParallelism = c.parallelism })
		srv.AddRecordings(testWorkspace, c.recs...)
		want, err := bird.List(t.Context(), client, bird.Recordings, testWorkspace, filter, bird.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		before := len(srv.Requests())
		var got []string
		folds, starts := 0, 0
		notes, err := bird.Each(t.Context(), client, bird.Recordings, testWorkspace, filter, func() func([]bird.Recording) {
			starts++
			got, folds = nil, 0
			return func(page []bird.Recording) {
				folds++
				got = append(got, ids(page)...)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		requests := len(srv.Requests()) - before
		wantIDs := ids(want.Items)
		if c.split {
			slices.Sort(got)
			slices.Sort(wantIDs)
		}
		if !slices.Equal(got, wantIDs) {
			t.Fatalf("%s: Each folded %d recordings, List returned %d, or in another order", c.what, len(got), len(want.Items))
		}
		split := len(notes) == 1 && strings.HasPrefix(notes[0], "The read was split")
		switch {
		case c.parallelism == 1 && (folds != 11 || requests != 11 || notes != nil):
			t.Fatalf("sequential: %d folds and %d requests for 1,000 recordings (want 11 each), notes %q", folds, requests, notes)
		case c.parallelism > 1 && (len(notes) != 1 || split != c.split):
			t.Fatalf("%s: notes %q, want one that says it split: %v", c.what, notes, c.split)
		case c.split && (starts != 1 || folds < 2):
			t.Fatalf("%s: %d folds from %d starts: want its parts folded as they arrive", c.what, folds, starts)
		case c.parallelism > 1 && !c.split && folds != 11:
			t.Fatalf("%s: %d folds, want the sequential read's 11 pages", c.what, folds)
		}
	}
}

// TestEachKeepsWhatListKeeps: a filter Bird cannot apply (a channel's name) keeps in Each
// exactly what it keeps in List.
func TestEachKeepsWhatListKeeps(t *testing.T) {
	client, srv := newTestClient(t, 0)
	channels := birdtest.SeedChannelList()
	srv.AddChannels(testWorkspace, channels...)
	filter := bird.ChannelFilter{Name: channels[1].Name}
	want, err := bird.List(t.Context(), client, bird.Channels, testWorkspace, filter, bird.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []bird.Channel
	if _, err := bird.Each(t.Context(), client, bird.Channels, testWorkspace, filter, func() func([]bird.Channel) {
		return func(page []bird.Channel) { got = append(got, page...) }
	}); err != nil {
		t.Fatal(err)
	}
	if len(want.Items) == 0 || !slices.EqualFunc(got, want.Items, func(a, b bird.Channel) bool { return a.ID == b.ID }) {
		t.Fatalf("Each kept %d channels named %q, List %d", len(got), filter.Name, len(want.Items))
	}
}

// TestFoldSharesTheValueNotTheFacts: with ShareReads, a second Fold with the same filter and
// by reuses the first one's value without a request; another by reads again; and no fold
// leaves its facts in the shared reads, so a list of them reads again too. Sequential and
// parallel alike.
func TestFoldSharesTheValueNotTheFacts(t *testing.T) {
	filter := bird.RecordingFilter{StartAt: "2020-01-01T00:00:00Z"}
	for _, parallelism := range []int{1, 8} {
		client, srv := newTestClient(t, 1000, func(c *bird.Config) { c.ReadParallelism, c.ShareReads = parallelism, true })
		finished := 0
		count := func(by string) (*bird.Folded[int], int) {
			t.Helper()
			before := len(srv.Requests())
			folded, err := bird.Fold(t.Context(), client, bird.RecordingFacts, testWorkspace, filter, by, func() (func([]bird.RecordingFact), func() int) {
				n := 0
				return func(page []bird.RecordingFact) { n += len(page) }, func() int { finished++; return n }
			})
			if err != nil {
				t.Fatal(err)
			}
			return folded, len(srv.Requests()) - before
		}
		first, requests := count("status")
		again, reread := count("status")
		other, otherRequests := count("day")
		switch {
		case first.Value != 1000 || other.Value != 1000:
			t.Fatalf("parallelism %d: folded %d and %d recordings, want 1,000", parallelism, first.Value, other.Value)
		case requests == 0 || reread != 0 || again != first:
			t.Fatalf("parallelism %d: the same fold made %d requests after %d, or another value: want it shared", parallelism, reread, requests)
		case otherRequests == 0 || finished != 2:
			t.Fatalf("parallelism %d: a fold by another by made %d requests and %d folds were finished: want it read on its own", parallelism, otherRequests, finished)
		}
		before := len(srv.Requests())
		if _, err := bird.List(t.Context(), client, bird.RecordingFacts, testWorkspace, filter, bird.ListOptions{}); err != nil {
			t.Fatal(err)
		}
		if len(srv.Requests()) == before {
			t.Fatalf("parallelism %d: a list of the facts was answered from the shared reads: a fold kept its facts there", parallelism)
		}
	}
}

// TestFoldCancelledKeepsNothing: a Fold whose only caller gives up mid-read ends with the
// caller's error and leaves nothing shared, so the next identical Fold reads every page.
func TestFoldCancelledKeepsNothing(t *testing.T) {
	client, _ := newTestClient(t, 1000, func(c *bird.Config) { c.ShareReads = true })
	count := func(ctx context.Context, onPage func()) (*bird.Folded[int], error) {
		return bird.Fold(ctx, client, bird.RecordingFacts, testWorkspace, bird.RecordingFilter{}, "", func() (func([]bird.RecordingFact), func() int) {
			n := 0
			return func(page []bird.RecordingFact) { n += len(page); onPage() }, func() int { return n }
		})
	}
	ctx, cancel := context.WithCancel(t.Context())
	if _, err := count(ctx, cancel); !errors.Is(err, context.Canceled) {
		t.Fatalf("a fold cancelled by its caller ended with %v", err)
	}
	got, err := count(t.Context(), func() {})
	if err != nil || got.Value != 1000 {
		t.Fatalf("the next fold counted %v (%v), want all 1,000 recordings", got, err)
	}
}
