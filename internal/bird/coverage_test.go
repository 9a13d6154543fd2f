package bird_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestCoverageIsTheBruteForceJoin: over random calls and recordings, under every answer the
// fake can give where Bird's docs are silent, ReadCoverage answers exactly what a join of
// the calls the log holds with every recording the workspace holds answers; and every call
// it reports missing was asked about by its own sourceId.
func TestCoverageIsTheBruteForceJoin(t *testing.T) {
	for n, sem := range birdtest.AllSemantics() {
		rng := rand.New(rand.NewPCG(uint64(n), 27))
		client, srv := newTestClient(t, 0, func(c *bird.Config) {
			c.RequestsPerSecond = 1e6
			c.ReadParallelism = 1 + rng.IntN(2)*3
		})
		calls, recs := randomCoverage(rng)
		srv.AddCalls(testWorkspace, calls...)
		srv.AddRecordings(testWorkspace, recs...)
		srv.SetSemantics(sem)
		q := randomCoverageQuery(rng, calls)
		got, err := bird.ReadCoverage(t.Context(), client, testWorkspace, q)
		if err != nil {
			t.Fatalf("%+v: %v", sem, err)
		}
		listed, err := bird.List(t.Context(), client, bird.Calls, testWorkspace, q.Calls, bird.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := bruteForceCoverage(listed.Items, recs, q)
		if normalized := normalizeCoverage(got.Calls); !reflect.DeepEqual(normalized, want) {
			t.Fatalf("semantics %+v, query %+v:\n got %s\nwant %s", sem, q, describeCoverage(normalized), describeCoverage(want))
		}
		lookedUp := map[string]bool{}
		for _, r := range srv.Requests() {
			if r.Query.Has("sourceId") {
				lookedUp[r.Query.Get("sourceId")] = true
			}
		}
		for _, c := range want {
			if !c.Recorded && !lookedUp[c.ID] {
				t.Fatalf("call %s reported missing without its own lookup", c.ID)
			}
		}
	}
}

// randomCoverage returns calls of every status on three channels (some on none, some IDs on
// two channels) over six hours, and their recordings: none to three a call, of every
// status, some on no channel or another channel, some created hours after the call, some of
// a conference that shares the call's ID, and some of no call of the log.
func randomCoverage(rng *rand.Rand) ([]bird.Call, []bird.Recording) {
	channels := []string{uuidOf(rng), uuidOf(rng), uuidOf(rng), ""}
	base := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	at := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
	var calls []bird.Call
	var recs []bird.Recording
	for i := range 30 + rng.IntN(30) {
		call := bird.Call{
			ID: uuidOf(rng), ChannelID: channels[rng.IntN(len(channels))], Type: "pstn",
			Direction: bird.CallDirections[rng.IntN(2)], Status: bird.CallStatuses[rng.IntN(len(bird.CallStatuses))],
		}
		if i > 0 && rng.IntN(8) == 0 { // one ID on another channel
			call.ID = calls[rng.IntN(len(calls))].ID
		}
		created := base.Add(time.Duration(rng.IntN(6*3600)) * time.Second).Add(time.Duration(rng.IntN(1000)) * time.Millisecond)
		call.CreatedAt, call.UpdatedAt = at(created), at(created)
		if rng.IntN(6) > 0 {
			d := int64(rng.IntN(300))
			call.Duration = &d
			call.AnsweredAt = at(created.Add(5 * time.Second))
			call.EndedAt = at(created.Add(time.Duration(d+5) * time.Second))
		}
		calls = append(calls, call)
		for range rng.IntN(4) {
			rec := bird.Recording{
				ID: uuidOf(rng), Source: "call", SourceID: call.ID, ChannelID: call.ChannelID,
				Status: bird.RecordingStatuses[rng.IntN(len(bird.RecordingStatuses))], Direction: call.Direction,
			}
			switch rng.IntN(8) {
			case 0:
				rec.Source, rec.ConferenceID = "conference", uuidOf(rng)
			case 1:
				rec.ChannelID = ""
			case 2:
				rec.ChannelID = channels[rng.IntN(len(channels))]
			}
			recCreated := created.Add(time.Duration(rng.IntN(60)) * time.Second)
			if rng.IntN(5) == 0 {
				recCreated = created.Add(time.Duration(1+rng.IntN(5)) * time.Hour) // long after its call
			}
			rec.CreatedAt, rec.UpdatedAt = at(recCreated), at(recCreated)
			if rng.IntN(4) > 0 {
				rec.StartedAt = at(recCreated)
				rec.EndedAt = at(recCreated.Add(time.Duration(rng.IntN(300)) * time.Second))
			}
			recs = append(recs, rec)
		}
	}
	for range 100 + rng.IntN(100) { // recordings of calls the log does not hold
		created := at(base.Add(time.Duration(rng.IntN(8*3600)) * time.Second))
		recs = append(recs, bird.Recording{ID: uuidOf(rng), Source: "call", SourceID: uuidOf(rng), ChannelID: channels[0], Status: "available", CreatedAt: created, UpdatedAt: created, StartedAt: created})
	}
	return calls, recs
}

// randomCoverageQuery returns a window that may cut through the calls, some statuses each
// way, a minimum duration and sometimes a channel.
func randomCoverageQuery(rng *rand.Rand, calls []bird.Call) bird.CoverageQuery {
	pick := func(all []string) []string {
		var out []string
		for _, s := range all {
			if rng.IntN(3) == 0 {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			out = []string{all[len(all)-3]} // completed, available
		}
		return out
	}
	q := bird.CoverageQuery{CallStatuses: pick(bird.CallStatuses), RecordedStatuses: pick(bird.RecordingStatuses), MinCallDuration: []int64{0, 0, 30, 150}[rng.IntN(4)]}
	q.Calls.StartAt = calls[rng.IntN(len(calls))].CreatedAt[:19] + "Z"
	if rng.IntN(2) == 0 {
		q.Calls.EndAt = time.Date(2026, 11, 1, 8+rng.IntN(7), rng.IntN(60), 0, 0, time.UTC).Format(time.RFC3339)
		if q.Calls.EndAt < q.Calls.StartAt {
			q.Calls.StartAt, q.Calls.EndAt = q.Calls.EndAt, q.Calls.StartAt
		}
	}
	if rng.IntN(3) == 0 && calls[0].ChannelID != "" {
		q.Calls.ChannelIDs = []string{calls[0].ChannelID}
	}
	if rng.IntN(4) == 0 {
		q.Calls.Direction = "incoming"
	}
	return q
}

// bruteForceCoverage joins each expected call of those the log listed with every recording.
func bruteForceCoverage(listed []bird.Call, recs []bird.Recording, q bird.CoverageQuery) []bird.CoveredCall {
	var out []bird.CoveredCall
	seen := map[string]bool{}
	for _, c := range listed {
		key := fmt.Sprint(len(c.ID), c.ID, c.ChannelID)
		if seen[key] || !slices.Contains(q.CallStatuses, c.Status) || (c.Duration == nil && q.MinCallDuration > 0) || (c.Duration != nil && *c.Duration < q.MinCallDuration) {
			continue
		}
		seen[key] = true
		cov := bird.CoveredCall{ID: c.ID, ChannelID: c.ChannelID, Direction: c.Direction, Status: c.Status, Duration: c.Duration, CreatedAt: c.CreatedAt, EndedAt: c.EndedAt}
		for _, r := range recs {
			if r.Source != "call" || r.SourceID != c.ID || (r.ChannelID != "" && c.ChannelID != "" && r.ChannelID != c.ChannelID) {
				continue
			}
			if slices.Contains(q.RecordedStatuses, r.Status) {
				cov.Recorded = true
			}
			cov.Recordings = append(cov.Recordings, bird.RecordingRef{ID: r.ID, Status: r.Status})
		}
		if cov.Recorded {
			cov.Recordings = nil
		}
		out = append(out, cov)
	}
	slices.SortFunc(out, func(a, b bird.CoveredCall) int {
		return cmp.Or(strings.Compare(a.CreatedAt, b.CreatedAt), cmp.Compare(len(a.ID), len(b.ID)), strings.Compare(a.ID+a.ChannelID, b.ID+b.ChannelID))
	})
	return normalizeCoverage(out)
}

// normalizeCoverage sorts each call's recordings by ID, which Bird's order does not fix.
func normalizeCoverage(calls []bird.CoveredCall) []bird.CoveredCall {
	for i := range calls {
		slices.SortFunc(calls[i].Recordings, func(a, b bird.RecordingRef) int { return strings.Compare(a.ID, b.ID) })
		if len(calls[i].Recordings) == 0 {
			calls[i].Recordings = nil
		}
	}
	return calls
}

// describeCoverage writes a coverage one call a line.
func describeCoverage(calls []bird.CoveredCall) string {
	var b strings.Builder
	for _, c := range calls {
		fmt.Fprintf(&b, "\n  %s on %q %s %s recorded=%v %v", c.ID, c.ChannelID, c.Status, c.CreatedAt, c.Recorded, c.Recordings)
	}
	return b.String()
}

// uuidOf returns a random lower-case UUID.
func uuidOf(rng *rand.Rand) string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	h := fmt.Sprintf("%x", b)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-8" + h[17:20] + "-" + h[20:32]
}

// TestCoverageFailsWhole: a lookup that keeps failing fails the whole read, with no answer,
// and the other lookups in flight are cancelled.
func TestCoverageFailsWhole(t *testing.T) {
	client, srv := newTestClient(t, 0, func(c *bird.Config) { c.MaxRetries = 0 })
	rng := rand.New(rand.NewPCG(1, 2))
	calls, recs := randomCoverage(rng)
	srv.AddCalls(testWorkspace, calls...)
	srv.AddRecordings(testWorkspace, recs...)
	srv.Fail(birdtest.Fault{Status: http.StatusInternalServerError, Only: func(r *http.Request) bool { return r.URL.Query().Has("sourceId") }}, 1)
	q := bird.CoverageQuery{Calls: bird.CallFilter{StartAt: "2026-11-01T00:00:00Z"}, CallStatuses: bird.CallStatuses, RecordedStatuses: []string{"available"}}
	got, err := bird.ReadCoverage(t.Context(), client, testWorkspace, q)
	if err == nil || got != nil {
		t.Fatalf("a failed lookup answered %+v, %v; want no answer and an error", got, err)
	}
}
