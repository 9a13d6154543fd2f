package bird_test

import (
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// noIDCall is a completed call of the given length on channel that Bird lists without an ID.
func noIDCall(channel string, created time.Time, talk time.Duration) bird.Call {
	d := int64(talk / time.Second)
	at := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
	return bird.Call{
		ChannelID: channel, Type: "pstn", Direction: "incoming", Status: "completed", Duration: &d,
		CreatedAt: at(created), UpdatedAt: at(created.Add(talk)), AnsweredAt: at(created), EndedAt: at(created.Add(talk)),
	}
}

// TestCoverageRecordingOfNoCallRecordsNone: two calls that Bird lists without an ID (the docs
// allow it: call_id is "null when Bird leaves it out"), on two channels, and one available
// recording of source "call" that names no sourceId and no channel. That recording is of no
// known call, and no lookup by sourceId can confirm anything about an ID-less call. Found
// by a fresh-context review: it matched through byID[""] and counted both calls recorded.
func TestCoverageRecordingOfNoCallRecordsNone(t *testing.T) {
	client, srv := newTestClient(t, 0)
	base := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	a := noIDCall("aaaaaaaa-0000-4000-8000-000000000001", base, time.Minute)
	b := noIDCall("aaaaaaaa-0000-4000-8000-000000000002", base.Add(time.Minute), time.Minute)
	srv.AddCalls(testWorkspace, a, b)
	at := base.Add(5 * time.Second).Format("2006-01-02T15:04:05.000Z")
	srv.AddRecordings(testWorkspace, bird.Recording{ID: "e0000000-0000-4000-8000-0000000000aa", Source: "call", Status: "available", CreatedAt: at, UpdatedAt: at, StartedAt: at})
	q := bird.CoverageQuery{Calls: bird.CallFilter{StartAt: "2026-11-01T00:00:00Z"}, CallStatuses: []string{"completed"}, RecordedStatuses: []string{"available"}}
	got, err := bird.ReadCoverage(t.Context(), client, testWorkspace, q)
	if err != nil {
		t.Fatal(err)
	}
	recorded := 0
	for _, c := range got.Calls {
		if c.Recorded {
			recorded++
		}
	}
	if len(got.Calls) != 2 || recorded != 0 {
		t.Fatalf("%d expected calls, %d recorded by one recording that names no call; want 2 expected, 0 recorded: %+v", len(got.Calls), recorded, got.Calls)
	}
}
