package bird_test

import (
	"slices"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestWindowedReadKeepsCallsSharingAnID: the provider itself holds that the calls log
// may list one call ID more than once, on different channels (bird_voice_call by id alone
// reports "More than one Bird call with this id ... Set channel_id", and its acceptance test
// adds such a twin to the fake). A windowed read once deduplicated its results by ID, every
// result, even those of a read that never split: with a time bound and read_parallelism
// above one, the twin was silently dropped, where the sequential read returns both.
func TestWindowedReadKeepsCallsSharingAnID(t *testing.T) {
	calls := birdtest.SeedCalls(birdtest.SeedRecordings(30, 1), 1)
	twin := calls[5]
	twin.ChannelID = calls[6].ChannelID
	if twin.ChannelID == calls[5].ChannelID {
		twin.ChannelID = birdtest.SeedChannels[0]
	}
	filter := bird.CallFilter{StartAt: "2026-10-01T00:00:00Z"}

	read := func(parallelism int) []bird.Call {
		client, srv := newTestClient(t, 0, func(c *bird.Config) { c.ReadParallelism = parallelism })
		srv.AddCalls(testWorkspace, append(calls, twin)...)
		l, err := bird.List(t.Context(), client, bird.Calls, testWorkspace, filter, bird.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return l.Items
	}
	count := func(items []bird.Call) int {
		return len(slices.DeleteFunc(slices.Clone(items), func(c bird.Call) bool { return c.ID != twin.ID }))
	}
	seq, par := read(1), read(8)
	if count(seq) != 2 {
		t.Fatalf("the sequential read lists call %s %d times, want 2", twin.ID, count(seq))
	}
	if len(par) != len(seq) || count(par) != 2 {
		t.Fatalf("the windowed read returned %d calls (call %s %d times), the sequential read %d (it twice)", len(par), twin.ID, count(par), len(seq))
	}
}

// TestCallKeysDoNotCollide: two different pairs of call ID and channel never share a key,
// whatever the IDs hold, since windowed reads tell calls apart by it.
func TestCallKeysDoNotCollide(t *testing.T) {
	a := bird.Call{ID: "x on y", ChannelID: "z"}
	b := bird.Call{ID: "x", ChannelID: "y on z"}
	c := bird.Call{ID: "x1", ChannelID: "2"}
	d := bird.Call{ID: "x", ChannelID: "12"}
	for _, pair := range [][2]*bird.Call{{&a, &b}, {&c, &d}} {
		if bird.Calls.Key(pair[0]) == bird.Calls.Key(pair[1]) {
			t.Fatalf("calls %+v and %+v share the key %q", *pair[0], *pair[1], bird.Calls.Key(pair[0]))
		}
	}
}
