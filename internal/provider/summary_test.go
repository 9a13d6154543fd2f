package provider

import (
	"fmt"
	"math/rand/v2"
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
	count, duration int64
	first, last     string
}

// TestSummariesAreTheListFolded reads random windows of random data, answered in each way
// Bird might answer (one case per Semantics), through each summary's own read (the
// streaming fold of the sequential chain, and the parallel read with its parts and
// fallbacks) and through the list (its objects, read sequentially), folds the list by its
// own code, and requires the same groups, counts, durations, first and last creation times
// and totals.
func TestSummariesAreTheListFolded(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 19))
	semantics := birdtest.AllSemantics()
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
	recordings := recordingsSummary
	calls := callsSummary
	for i := range 96 {
		sem := semantics[i]
		n := 1 + rng.IntN(2500)
		recs := birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, n, uint64(n))
		callLog := birdtest.SeedCalls(recs, uint64(n))
		start := birdtest.SeedEpoch.Add(-time.Duration(rng.IntN(20*24)) * time.Hour).Format(time.RFC3339)
		pick := func(fields []string) []string {
			out := slices.Clone(fields)
			rng.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
			return out[:rng.IntN(3)]
		}
		recBy, callBy := pick(recordingFields), pick(callFields)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			srv.AddRecordings(testWorkspace, recs...)
			srv.AddCalls(testWorkspace, callLog...)
			srv.SetSemantics(sem)
			parallel, sequential := testClient(t, srv, 8), testClient(t, srv, 1)

			list, err := bird.List(t.Context(), sequential, bird.Recordings, testWorkspace, bird.RecordingFilter{StartAt: start}, bird.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want := fold(list.Items, recBy, func(r *bird.Recording, f string) string { return fieldOrTime(r, f, r.CreatedAt, recordingValue) }, func(r *bird.Recording) (*int64, string) { return r.Duration, r.CreatedAt })
			callList, err := bird.List(t.Context(), sequential, bird.Calls, testWorkspace, bird.CallFilter{StartAt: start}, bird.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			wantCalls := fold(callList.Items, callBy, func(c *bird.Call, f string) string { return fieldOrTime(c, f, c.CreatedAt, callValue) }, func(c *bird.Call) (*int64, string) { return c.Duration, c.CreatedAt })
			// The summaries' own reads: the streaming fold of Bird's chain of pages, and the
			// parallel read (its parts, and the chain where it falls back), folded.
			for way, client := range map[string]*bird.Client{"sequential": sequential, "parallel": parallel} {
				got, err := recordings.read(t.Context(), client, testWorkspace, bird.RecordingFilter{StartAt: start}, recBy)
				if err != nil {
					t.Fatal(err)
				}
				sameSummary(t, fmt.Sprintf("%s, %+v recordings by %v", way, sem, recBy), got.Value, want)
				gotCalls, err := calls.read(t.Context(), client, testWorkspace, bird.CallFilter{StartAt: start}, callBy)
				if err != nil {
					t.Fatal(err)
				}
				sameSummary(t, fmt.Sprintf("%s, %+v calls by %v", way, sem, callBy), gotCalls.Value, wantCalls)
			}
		})
	}
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

// fold groups items by the fields, the plain way.
func fold[T any](items []T, by []string, value func(*T, string) string, facts func(*T) (*int64, string)) map[string]*foldedGroup {
	out := map[string]*foldedGroup{}
	for i := range items {
		key := make([]string, len(by))
		for j, f := range by {
			key[j] = value(&items[i], f)
		}
		k := strings.Join(key, "|")
		g := out[k]
		if g == nil {
			g = &foldedGroup{}
			out[k] = g
		}
		duration, created := facts(&items[i])
		g.count++
		if duration != nil {
			g.duration += *duration
		}
		if created != "" && !strings.HasPrefix(created, "0001") {
			if g.first == "" || created < g.first {
				g.first = created
			}
			if g.last == "" || created > g.last {
				g.last = created
			}
		}
	}
	if len(by) == 0 && len(out) == 0 {
		out[""] = &foldedGroup{} // no group_by is one group, even of nothing
	}
	return out
}

// sameSummary compares a summary with the groups folded from the list.
func sameSummary(t *testing.T, what string, got summary, want map[string]*foldedGroup) {
	t.Helper()
	var total int64
	for _, w := range want {
		total += w.count
	}
	if got.total.count != total || len(got.groups) != len(want) {
		t.Fatalf("%s: %d in %d groups, the list folded %d in %d", what, got.total.count, len(got.groups), total, len(want))
	}
	for i, g := range got.groups {
		if i > 0 && slices.Compare(got.groups[i-1].key, g.key) >= 0 {
			t.Fatalf("%s: groups not sorted by key at %v", what, g.key)
		}
		w := want[strings.Join(g.key, "|")]
		if w == nil || g.count != w.count || g.duration != w.duration || g.first != w.first || g.last != w.last {
			t.Fatalf("%s: group %v is %d/%d/%s/%s, the list folded %+v", what, g.key, g.count, g.duration, g.first, g.last, w)
		}
	}
}
