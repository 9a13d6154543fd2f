package bird_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// windowedEndpoints are the list endpoints whose reads may be windowed: the property test
// runs over each, from its descriptor, its seed and the fake's matching endpoint.
var windowedEndpoints = []windowedEndpoint{
	subject[bird.Recording, bird.RecordingFilter]{
		name:     "recordings",
		endpoint: bird.Recordings,
		most:     1500,
		seed: func(bursty bool, n int) []bird.Recording {
			if bursty {
				return birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, n, uint64(n))
			}
			return birdtest.SeedRecordingsAt(birdtest.SeedEpoch, n, uint64(n))
		},
		stamps: birdtest.RecordingStamps,
		add:    (*birdtest.Server).AddRecordings,
		window: func(startAt, endAt string) bird.RecordingFilter {
			return bird.RecordingFilter{StartAt: startAt, EndAt: endAt}
		},
	},
	subject[bird.Call, bird.CallFilter]{
		name:     "calls",
		endpoint: bird.Calls,
		most:     6000,
		seed: func(bursty bool, n int) []bird.Call {
			recs := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, n*3/4, uint64(n))
			if bursty {
				recs = birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, n*3/4, uint64(n))
			}
			return birdtest.SeedCalls(recs, uint64(n))
		},
		twins:  func(calls []bird.Call) []bird.Call { return birdtest.TwinCalls(calls, 7, birdtest.SeedChannels) },
		stamps: birdtest.CallStamps,
		add:    (*birdtest.Server).AddCalls,
		window: func(startAt, endAt string) bird.CallFilter { return bird.CallFilter{StartAt: startAt, EndAt: endAt} },
	},
}

// windowedEndpoint is one subject of the property test.
type windowedEndpoint interface {
	property(t *testing.T, rng *rand.Rand, cases int)
	String() string
}

// subject describes a windowed endpoint to the property test.
type subject[T any, F bird.Filter] struct {
	name     string
	endpoint *bird.Endpoint[T, F]
	// most is the most objects a case holds: enough for several of the endpoint's pages.
	most int
	// seed returns about n objects, newest first.
	seed func(bursty bool, n int) []T
	// stamps gives an object's creation and start timestamps.
	stamps func(*T) (created, started *string)
	// twins, when set, adds objects that share an ID with another (calls on two channels).
	twins func([]T) []T
	// add stores objects in the fake.
	add func(srv *birdtest.Server, workspaceID string, items ...T)
	// window is the filter of a time window.
	window func(startAt, endAt string) F
}

// String names the subject.
func (s subject[T, F]) String() string { return s.name }

// everySemantics lists each answer the fake can give where Bird's docs are silent.
var everySemantics = birdtest.AllSemantics()

// propertyCase is one random read of the property test.
type propertyCase struct {
	semantics      birdtest.Semantics
	shape          birdtest.Shape
	bursty         bool
	n              int
	startAt, endAt string
	maxResults     int
	parallelism    int
	twins          bool
}

// String describes the case for a failure message.
func (c propertyCase) String() string {
	return fmt.Sprintf("%+v %+v bursty=%v n=%d startAt=%q endAt=%q max=%d parallelism=%d twins=%v",
		c.semantics, c.shape, c.bursty, c.n, c.startAt, c.endAt, c.maxResults, c.parallelism, c.twins)
}

// TestWindowedReadIsTheSequentialRead reads random windows of random data of every shape,
// answered in every way Bird might, with and without max_results, sequentially and in
// parallel, for every windowed endpoint, and requires the same objects, in the same order,
// and the same truncated.
func TestWindowedReadIsTheSequentialRead(t *testing.T) {
	for _, e := range windowedEndpoints {
		t.Run(e.String(), func(t *testing.T) { e.property(t, rand.New(rand.NewPCG(11, 29)), 200) })
	}
}

// property runs the property test over cases random cases.
func (s subject[T, F]) property(t *testing.T, rng *rand.Rand, cases int) {
	data := map[string][]T{}
	seeded := func(bursty bool, n int) []T {
		key := fmt.Sprint(bursty, n)
		if _, ok := data[key]; !ok {
			data[key] = s.withTiesAndSetupTimes(s.seed(bursty, n), rand.New(rand.NewPCG(uint64(n), 3)))
		}
		return data[key]
	}
	var fell, tidy, tidyFell fallbacks
	split, tidySplit, tidyWhole, streamedSplit, streamedFell := 0, 0, 0, 0, 0
	for i := range cases {
		c, items := s.randomCase(rng, seeded)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			s.add(srv, testWorkspace, items...)
			srv.SetSemantics(c.semantics)
			seq := s.read(t, srv, c, 1, nil)
			log := &fell
			if c.shape == (birdtest.Shape{}) && !c.semantics.StartedAt && !c.semantics.TimeRange && !c.semantics.OrderByOther {
				log = &tidyFell
				tidy.reasons = append(tidy.reasons, "")
			}
			got := s.read(t, srv, c, c.parallelism, log)
			if slices.ContainsFunc(got.Notes, func(n string) bool { return strings.Contains(n, "was split") }) {
				split++
				if log == &tidyFell {
					tidySplit++
				}
			}
			if log == &tidyFell && c.maxResults == 0 && c.semantics.Bounds == birdtest.BoundsExact && len(seq.Items) > 4*s.endpoint.PageSize {
				tidyWhole++
			}
			stopped := c.maxResults > 0 && len(seq.Items) == c.maxResults
			if c.maxResults == 0 {
				// The streamed read (a summary's), its parts folded as they arrive, folds
				// what the list holds, each once.
				ids, notes := s.streamed(t, srv, c)
				want := s.inBirdsOrder(birdtest.Semantics{}, seq.Items, false)
				slices.Sort(ids)
				slices.Sort(want)
				if !slices.Equal(ids, want) || len(notes) == 0 {
					t.Fatalf("%s:\nthe streamed read folded %d, the sequential read listed %d (notes %q)", c, len(ids), len(want), notes)
				}
				if slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, "was split") }) {
					streamedSplit++
				}
				if slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, "was contradicted") }) {
					streamedFell++
				}
			}
			if !slices.Equal(s.inBirdsOrder(c.semantics, got.Items, stopped), s.inBirdsOrder(c.semantics, seq.Items, stopped)) {
				t.Fatalf("%s:\nthe windowed read gave %d, the sequential %d, or another order", c, len(got.Items), len(seq.Items))
			}
			// Both say truncated exactly when matches pass max_results, and neither when every
			// match was read. When the matches end exactly at max_results, the sequential read
			// says so on a next page token, which may lead to nothing: both answers are
			// allowed there.
			total := len(s.read(t, srv, propertyCase{startAt: c.startAt, endAt: c.endAt}, 1, nil).Items)
			if c.maxResults > 0 && total != c.maxResults {
				want := total > c.maxResults
				if got.Truncated != want || seq.Truncated != want {
					t.Fatalf("%s: %d matches; truncated %v, the sequential read %v; want %v", c, total, got.Truncated, seq.Truncated, want)
				}
			} else if c.maxResults == 0 && (got.Truncated || seq.Truncated) {
				t.Fatalf("%s: truncated without max_results", c)
			}
		})
	}
	// Where the data is tidy and Bird bounds and orders by createdAt, the checks must not
	// cry wolf.
	if n := tidyFell.count(); n > 0 {
		t.Errorf("%d of %d reads of tidy data bounded by createdAt fell back: %q", n, tidy.count(), tidyFell.reasons)
	}
	t.Logf("%d reads of other data or semantics fell back: %q", fell.count(), fell.reasons)
	// The parallel path must be what the test exercises: tidy data of several pages read
	// whole, bounds compared to the millisecond, must split.
	t.Logf("%d of %d reads split; %d of the tidy ones, of which %d were read whole over 4 pages with exact bounds", split, cases, tidySplit, tidyWhole)
	if tidyWhole > 0 && tidySplit == 0 {
		t.Errorf("none of %d tidy reads of several pages split: the property test proves nothing of the parallel read", tidyWhole)
	}
	t.Logf("%d streamed reads split, %d were contradicted and folded again sequentially", streamedSplit, streamedFell)
	if tidyWhole > 0 && streamedSplit == 0 {
		t.Errorf("no streamed read split: the property test proves nothing of the streamed parts")
	}
}

// streamed folds the case's window from srv, read at its parallelism, into the IDs it met,
// and returns them with the read's notes.
func (s subject[T, F]) streamed(t *testing.T, srv *birdtest.Server, c propertyCase) (ids, notes []string) {
	t.Helper()
	client, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: c.parallelism})
	if err != nil {
		t.Fatal(err)
	}
	notes, err = bird.Each(t.Context(), client, s.endpoint, testWorkspace, s.window(c.startAt, c.endAt), func() func([]T) {
		ids = nil
		return func(page []T) {
			for i := range page {
				ids = append(ids, s.endpoint.ID(&page[i]))
			}
		}
	})
	if err != nil {
		t.Fatalf("%s: %v", c, err)
	}
	return ids, notes
}

// read lists the case's window from srv with a client of the given parallelism, logging to
// log when it is not nil.
func (s subject[T, F]) read(t *testing.T, srv *birdtest.Server, c propertyCase, parallelism int, log bird.Logger) *bird.Listing[T] {
	t.Helper()
	client, err := bird.NewClient(bird.Config{
		Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: parallelism, Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	l, err := bird.List(t.Context(), client, s.endpoint, testWorkspace, s.window(c.startAt, c.endAt), bird.ListOptions{MaxResults: c.maxResults})
	if err != nil {
		t.Fatalf("%s: %v", c, err)
	}
	return l
}

// randomCase draws a case: an answer of Bird's, data of every shape, a window whose bounds
// are often exactly an object's timestamp, a max_results, and a parallelism.
func (s subject[T, F]) randomCase(rng *rand.Rand, seeded func(bursty bool, n int) []T) (propertyCase, []T) {
	c := propertyCase{
		semantics: everySemantics[rng.IntN(len(everySemantics))],
		shape: birdtest.Shape{
			Queued: rng.IntN(3) == 0, Unstarted: rng.IntN(3) == 0,
			WholeSeconds: rng.IntN(4) == 0, DenseInversions: rng.IntN(4) == 0,
		},
		twins:       s.twins != nil && rng.IntN(2) == 0,
		bursty:      rng.IntN(2) == 0,
		n:           rng.IntN(s.most),
		parallelism: 2 + rng.IntN(7),
	}
	if rng.IntN(4) == 0 {
		c.shape.BulkTie = 120
	}
	// Half the cases are answered in a way a parallel read can establish and split on, so
	// that the test exercises the parts as much as the refusals.
	for rng.IntN(2) == 0 && (c.semantics.Bounds != birdtest.BoundsExact || c.semantics.TimeRange) {
		c.semantics = everySemantics[rng.IntN(len(everySemantics))]
	}
	items := birdtest.Reshape(seeded(c.bursty, c.n), c.shape, uint64(c.n), s.stamps)
	if c.twins {
		items = s.twins(items)
	}
	random := func() string {
		return birdtest.SeedEpoch.Add(-time.Duration(rng.Int64N(int64(30 * 24 * time.Hour)))).Format(time.RFC3339Nano)
	}
	bound := func() string {
		if len(items) == 0 || rng.IntN(3) == 0 {
			return random()
		}
		if t := s.bound(c.semantics, &items[rng.IntN(len(items))]); t > "0001-01-01T00:00:00Z" {
			return t
		}
		return random()
	}
	a, b := bound(), bound()
	if a > b {
		a, b = b, a
	}
	switch rng.IntN(3) {
	case 0:
		c.startAt, c.endAt = a, b
	case 1:
		c.startAt = a
	default:
		c.endAt = b
	}
	if rng.IntN(3) == 0 {
		c.maxResults = 1 + rng.IntN(len(items)+50)
	}
	return c, items
}

// bound returns the timestamp of item that sem bounds.
func (s subject[T, F]) bound(sem birdtest.Semantics, item *T) string {
	created, started := s.stamps(item)
	if sem.StartedAt || sem.TimeRange {
		return *started
	}
	return *created
}

// order returns the timestamp of item that sem orders by.
func (s subject[T, F]) order(sem birdtest.Semantics, item *T) string {
	created, started := s.stamps(item)
	if (sem.StartedAt || sem.TimeRange) != sem.OrderByOther {
		return *started
	}
	return *created
}

// inBirdsOrder returns the IDs of items as the test compares them: in order, except that
// where Bird orders ties differently for every query, no two reads need agree on the order
// within a run of equal timestamps, so each run's IDs are sorted; and when a read stopped
// at max_results inside such a run, which of its members made the cut is Bird's choice
// too, so the last run is left out. Where Bird breaks ties the same way for every query,
// the order must be its own, ties included, whatever the parts were cut on.
func (s subject[T, F]) inBirdsOrder(sem birdtest.Semantics, items []T, stoppedInRun bool) []string {
	out := make([]string, len(items))
	for i := range items {
		out[i] = s.endpoint.ID(&items[i])
	}
	if !sem.TiesByQuery {
		return out
	}
	var runs []string
	for i := 0; i < len(items); {
		j := i
		for j < len(items) && s.order(sem, &items[j]) == s.order(sem, &items[i]) {
			j++
		}
		runs = append(runs, s.order(sem, &items[i])+fmt.Sprint(slices.Sorted(slices.Values(out[i:j]))))
		i = j
	}
	if stoppedInRun && len(runs) > 0 {
		runs = runs[:len(runs)-1]
	}
	return runs
}

// withTiesAndSetupTimes makes about a third of the objects share their creation time with
// the one before, so that page and window boundaries fall inside ties, and sets each start
// that happened 0 to 3 seconds before its creation, so that the two timestamps order the
// objects differently.
func (s subject[T, F]) withTiesAndSetupTimes(items []T, rng *rand.Rand) []T {
	for i := range items {
		createdAt, startedAt := s.stamps(&items[i])
		if i > 0 && rng.IntN(3) == 0 {
			previous, _ := s.stamps(&items[i-1])
			*createdAt = *previous
		}
		created, _ := time.Parse(time.RFC3339Nano, *createdAt)
		if started, err := time.Parse(time.RFC3339Nano, *startedAt); err == nil && started.Year() > 1 {
			*startedAt = created.Add(-time.Duration(rng.IntN(3000)) * time.Millisecond).Format("2006-01-02T15:04:05.000Z")
		}
	}
	return items
}
