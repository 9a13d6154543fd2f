package provider

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// foldedGroup is a group as the test folds it from the list, by its own code.
type foldedGroup struct {
	key             []string
	count, duration int64
	first, last     string
	firstT, lastT   time.Time
}

// TestSummariesAreTheListFolded reads random windows of random data, answered in each way
// Bird might answer (every Semantics), through each summary's own read (the streaming fold
// of the sequential chain, and the parallel read with its parts and fallbacks) and through
// the list (its objects), folds the list by its own code, and requires the same groups,
// counts, durations, first and last creation times, totals and notes. In one case of three,
// objects arrive during the sequential reads, before their second page, up to two and a
// half pages of them: each read then has a workspace of its own that changes the same way,
// and the summary must be the fold of the list read the same way (its chain met the shift)
// or, when it read again, of the list of the workspace as it then was.
func TestSummariesAreTheListFolded(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 19))
	recordingFields := []string{"status", "direction", "channel_id", "source", "format", "origin", "day", "hour"}
	callFields := []string{"status", "direction", "channel_id", "type", "hangup_cause_code", "hangup_source", "day", "hour"}
	recordingValue := map[string]func(*bird.Recording) string{
		"status": func(r *bird.Recording) string { return r.Status }, "direction": func(r *bird.Recording) string { return r.Direction },
		"channel_id": func(r *bird.Recording) string { return r.ChannelID }, "source": func(r *bird.Recording) string { return r.Source },
		"format": func(r *bird.Recording) string { return r.Format }, "origin": func(r *bird.Recording) string { return r.Origin },
	}
	callValue := map[string]func(*bird.Call) string{
		"status": func(c *bird.Call) string { return c.Status }, "direction": func(c *bird.Call) string { return c.Direction },
		"channel_id": func(c *bird.Call) string { return c.ChannelID }, "type": func(c *bird.Call) string { return c.Type },
		"hangup_cause_code": func(c *bird.Call) string {
			if c.HangupCauseCode == nil {
				return ""
			}
			return strconv.FormatInt(*c.HangupCauseCode, 10)
		},
		"hangup_source": func(c *bird.Call) string { return c.HangupSource },
	}
	recValue := func(r *bird.Recording, f string) string { return fieldOrTime(r, f, r.CreatedAt, recordingValue) }
	callValueOf := func(c *bird.Call, f string) string { return fieldOrTime(c, f, c.CreatedAt, callValue) }
	recordingFacts := func(r *bird.Recording) (*int64, string) { return r.Duration, r.CreatedAt }
	callFacts := func(c *bird.Call) (*int64, string) { return c.Duration, c.CreatedAt }
	for i, sem := range birdtest.AllSemantics() {
		n := 1 + rng.IntN(1500)
		// Half the cases are written to the millisecond, where a parallel read can establish
		// its bounds and split; on whole seconds it mostly cannot.
		newest := birdtest.SeedEpoch.Add(-time.Duration(i%2*234) * time.Millisecond)
		recs := birdtest.SeedBurstyRecordingsAt(newest, n, uint64(n))
		callLog := birdtest.SeedCalls(recs, uint64(n))
		start := birdtest.SeedEpoch.Add(-time.Duration(rng.IntN(20*24)) * time.Hour).Format(time.RFC3339)
		pick := func(fields []string) []string {
			out := slices.Clone(fields)
			rng.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
			return out[:rng.IntN(3)]
		}
		recBy, callBy := pick(recordingFields), pick(callFields)
		arriving := 0
		if i%3 == 2 {
			arriving = 1 + rng.IntN(5*bird.MaxPageSize/2)
		}
		fresh := birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch.Add(time.Hour), arriving, uint64(n)+0xa77)
		freshCalls := birdtest.SeedCalls(fresh, uint64(n)+0xa77)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			// world is the workspace a read sees: its own server, where the fresh objects
			// arrive before the second page of each list endpoint.
			world := func() *birdtest.Server {
				srv := birdtest.NewServer(testKey)
				t.Cleanup(srv.Close)
				srv.AddRecordings(testWorkspace, recs...)
				srv.AddCalls(testWorkspace, callLog...)
				srv.SetSemantics(sem)
				if arriving > 0 {
					for path, arrive := range map[string]func(*http.Request){
						"/recordings":     func(*http.Request) { srv.AddRecordings(testWorkspace, fresh...) },
						"/channels/calls": func(*http.Request) { srv.AddCalls(testWorkspace, freshCalls...) },
					} {
						srv.Fail(birdtest.Fault{
							Only: func(r *http.Request) bool {
								return strings.HasSuffix(r.URL.Path, path) && r.URL.Query().Has("pageToken")
							},
							Before: arrive,
						}, 1)
					}
				}
				return srv
			}
			recFilter, callFilter := bird.RecordingFilter{StartAt: start}, bird.CallFilter{StartAt: start}
			listed := world()
			recWant, recNotes := listFolded(t, testClient(t, listed, 1), bird.Recordings, recFilter, recBy, recValue, recordingFacts)
			callWant, callNotes := listFolded(t, testClient(t, listed, 1), bird.Calls, callFilter, callBy, callValueOf, callFacts)

			// The sequential summary: the streaming fold of Bird's chain of pages. When it does
			// not fold what the list did, it read again: the fold of the list of the workspace
			// as it is now.
			read := world()
			sequential := testClient(t, read, 1)
			what := fmt.Sprintf("%+v with %d arriving, sequential", sem, arriving)
			got, err := recordingsSummary.read(t.Context(), sequential, testWorkspace, recFilter, recBy)
			if err != nil {
				t.Fatal(err)
			}
			if !sameSummary(got, recNotes, recWant) {
				now, nowNotes := listFolded(t, sequential, bird.Recordings, recFilter, recBy, recValue, recordingFacts)
				mustBeSame(t, fmt.Sprint(what, " recordings by ", recBy), got, nowNotes, now, recNotes, recWant)
			}
			gotCalls, err := callsSummary.read(t.Context(), sequential, testWorkspace, callFilter, callBy)
			if err != nil {
				t.Fatal(err)
			}
			if !sameSummary(gotCalls, callNotes, callWant) {
				now, nowNotes := listFolded(t, sequential, bird.Calls, callFilter, callBy, callValueOf, callFacts)
				mustBeSame(t, fmt.Sprint(what, " calls by ", callBy), gotCalls, nowNotes, now, callNotes, callWant)
			}
			if arriving > 0 {
				return // a parallel read's requests come in no fixed order, so no two worlds change alike
			}
			// The parallel summary (its parts, and the chain where it falls back), against the
			// sequential list's objects. How it was read depends on how its probes raced the
			// chain, so its notes must say how, in one note, and nothing of shifted pages.
			parallel := testClient(t, listed, 8)
			for _, c := range []struct {
				what string
				read func() (*bird.Folded[summary], error)
				want []foldedGroup
			}{
				{"recordings", func() (*bird.Folded[summary], error) {
					return recordingsSummary.read(t.Context(), parallel, testWorkspace, recFilter, recBy)
				}, recWant},
				{"calls", func() (*bird.Folded[summary], error) {
					return callsSummary.read(t.Context(), parallel, testWorkspace, callFilter, callBy)
				}, callWant},
			} {
				got, err := c.read()
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Notes) != 1 || !strings.HasPrefix(got.Notes[0], "The read was") && !strings.HasPrefix(got.Notes[0], "The parallel read was") {
					t.Fatalf("%+v, parallel %s: notes %q, want one that says how it was read", sem, c.what, got.Notes)
				}
				mustBeSame(t, fmt.Sprintf("%+v, parallel %s", sem, c.what), got, got.Notes, c.want, nil, nil)
			}
		})
	}
}

// listFolded lists every object of e that filter matches and folds them by by, with the
// list's notes.
func listFolded[T any, F bird.Filter](t *testing.T, c *bird.Client, e *bird.Endpoint[T, F], filter F, by []string, value func(*T, string) string, facts func(*T) (*int64, string)) ([]foldedGroup, []string) {
	t.Helper()
	l := listOf(t, c, e, filter)
	return fold(l.Items, by, value, facts), l.Notes
}

// listOf lists every object of e that filter matches.
func listOf[T any, F bird.Filter](t *testing.T, c *bird.Client, e *bird.Endpoint[T, F], filter F) *bird.Listing[T] {
	t.Helper()
	l, err := bird.List(t.Context(), c, e, testWorkspace, filter, bird.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// testClient is a client of srv with the given read parallelism and no rate limit to speak of.
func testClient(t *testing.T, srv *birdtest.Server, parallelism int) *bird.Client {
	t.Helper()
	c, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: parallelism})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fieldOrTime is an object's value of a group_by field: day and hour of createdAt in UTC,
// else the field's own value.
func fieldOrTime[T any](item *T, f, createdAt string, values map[string]func(*T) string) string {
	switch f {
	case "day", "hour":
		at, err := time.Parse(time.RFC3339Nano, createdAt)
		if err != nil || at.Year() <= 1 {
			return ""
		}
		if f == "day" {
			return at.UTC().Format("2006-01-02")
		}
		return at.UTC().Format("2006-01-02T15")
	}
	return values[f](item)
}

// fold groups items by the fields, the plain way: the groups sorted by key, each with its
// earliest and latest creation by instant (the smaller text first, and the larger last, of
// one instant written two ways).
func fold[T any](items []T, by []string, value func(*T, string) string, facts func(*T) (*int64, string)) []foldedGroup {
	groups := map[string]*foldedGroup{}
	keys := map[string][]string{}
	for i := range items {
		key := make([]string, len(by))
		for j, f := range by {
			key[j] = value(&items[i], f)
		}
		k := fmt.Sprintf("%q", key)
		g := groups[k]
		if g == nil {
			g = &foldedGroup{}
			groups[k], keys[k] = g, key
		}
		duration, created := facts(&items[i])
		g.count++
		if duration != nil {
			g.duration += *duration
		}
		at, err := time.Parse(time.RFC3339Nano, created)
		if err != nil || at.Year() <= 1 {
			continue
		}
		if c := at.Compare(g.firstT); g.first == "" || c < 0 || c == 0 && created < g.first {
			g.first, g.firstT = created, at
		}
		if c := at.Compare(g.lastT); g.last == "" || c > 0 || c == 0 && created > g.last {
			g.last, g.lastT = created, at
		}
	}
	if len(by) == 0 && len(groups) == 0 {
		groups["[]"], keys["[]"] = &foldedGroup{}, []string{} // no group_by is one group, even of nothing
	}
	order := slices.SortedFunc(maps.Keys(groups), func(a, b string) int { return slices.Compare(keys[a], keys[b]) })
	out := make([]foldedGroup, len(order))
	for i, k := range order {
		out[i] = *groups[k]
		out[i].firstT = time.Time{}
		out[i].lastT = time.Time{}
		out[i].key = keys[k]
	}
	return out
}

// sameSummary reports whether a summary read has the groups and notes of a list folded.
func sameSummary(got *bird.Folded[summary], notes []string, want []foldedGroup) bool {
	var total int64
	for _, w := range want {
		total += w.count
	}
	if got.Value.total.count != total || len(got.Value.groups) != len(want) || !slices.Equal(got.Notes, notes) {
		return false
	}
	for i, g := range got.Value.groups {
		w := want[i]
		if !slices.Equal(g.key, w.key) || g.count != w.count || g.duration != w.duration || g.first != w.first || g.last != w.last {
			return false
		}
	}
	return true
}

// mustBeSame fails unless a summary read has the groups and notes of the list folded, or of
// the other list folded when there is one.
func mustBeSame(t *testing.T, what string, got *bird.Folded[summary], notes []string, want []foldedGroup, otherNotes []string, other []foldedGroup) {
	t.Helper()
	if sameSummary(got, notes, want) || other != nil && sameSummary(got, otherNotes, other) {
		return
	}
	t.Fatalf("%s: %d in %d groups with notes %q; the list folded %d in %d groups with notes %q",
		what, got.Value.total.count, len(got.Value.groups), got.Notes, count(want), len(want), notes)
}

// count is how many objects the groups hold.
func count(groups []foldedGroup) int64 {
	var n int64
	for _, g := range groups {
		n += g.count
	}
	return n
}
