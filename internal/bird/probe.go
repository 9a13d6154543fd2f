package bird

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Before a parallel read splits a time window, it establishes with a few requests what the
// split would otherwise assume, because the data a read returns cannot show it: which
// timestamp startAt compares and which one endAt compares, whether each includes its own
// instant, and how precisely each compares. A result already read is asked for again, alone
// (Endpoint.Narrow: recordings by sourceId, calls by id and channel), with one bound just
// before, on and just after each of its timestamps. Every way Bird could compare a bound
// (a timestamp, inclusive or not, to the millisecond or to the second, truncated or
// rounded) that disagrees with one answer is ruled out. A split is made only when every
// way left compares both bounds on one timestamp, and a part's bounds can be written so
// that each of them selects exactly [b, c) on it under every way left: then the parts are a
// partition, with no gap and no overlap.

// boundPrecision is how precisely Bird may compare a bound with a timestamp.
type boundPrecision int

// The precisions a bound may be compared with.
const (
	toTheMillisecond boundPrecision = iota
	truncatedToTheSecond
	roundedToTheSecond
)

// apply returns the bound x as Bird would compare it.
func (p boundPrecision) apply(x time.Time) time.Time {
	switch p {
	case truncatedToTheSecond:
		return x.Truncate(time.Second)
	case roundedToTheSecond:
		return x.Round(time.Second)
	}
	return x
}

// boundModel is one way Bird may compare a bound: the timestamp it compares (an index into
// Endpoint.Times), whether it includes its own instant, and how precisely.
type boundModel struct {
	key       int
	inclusive bool
	precision boundPrecision
	// absentIsOldest compares a result without the timestamp as at Bird's zero time, the
	// oldest instant, where otherwise (as SQL treats a null) it is within no bound.
	absentIsOldest bool
}

// admits reports whether a result with timestamps ts is within a bound at x under m: a
// start (startAt) when end is false, an end (endAt) when true. A result without the
// timestamp is within no bound, or at the oldest instant.
func (m boundModel) admits(end bool, ts []time.Time, x time.Time) bool {
	t := ts[m.key]
	if t.IsZero() && !m.absentIsOldest {
		return false
	}
	c := t.Compare(m.precision.apply(x))
	if end {
		c = -c
	}
	return c > 0 || c == 0 && m.inclusive
}

// partition is what the probes established: how a part's bounds select [b, c) of one
// timestamp, for whole seconds b and c: exactly, or, where the probes could not tell how
// precisely the bounds compare or whether they include their instants, from partsOverlap before
// b (overlap), which holds [b, c) whatever the answer, the results met twice kept once.
type partition struct {
	key     int // the timestamp both bounds compare
	overlap time.Duration
	// startShift and endShift are added to b before it is sent as startAt, and to c before
	// it is sent as endAt: zero for a bound that includes (startAt) or excludes (endAt) its
	// instant, a millisecond back for the other kind, which only a bound compared to the
	// millisecond allows.
	startShift, endShift time.Duration
}

// start writes the startAt of a part that begins at whole second b.
func (p *partition) start(b time.Time) string { return formatBound(b.Add(p.startShift - p.overlap)) }

// end writes the endAt of a part that ends at whole second c.
func (p *partition) end(c time.Time) string { return formatBound(c.Add(p.endShift)) }

// probeOutcome is what the probes of one endpoint and workspace found: a partition, or
// why a read of it may not split.
type probeOutcome struct {
	split  *partition
	reason string
}

// probeCache keeps the probes' outcome per endpoint and workspace (a path) for the client's
// lifetime, one provider process, so that each plan or apply probes once.
type probeCache struct {
	mu       sync.Mutex
	outcomes map[string]probeOutcome
}

// get returns the outcome kept for path.
func (p *probeCache) get(path string) (probeOutcome, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	o, ok := p.outcomes[path]
	return o, ok
}

// put keeps the outcome for path.
func (p *probeCache) put(path string, o probeOutcome) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.outcomes == nil {
		p.outcomes = map[string]probeOutcome{}
	}
	p.outcomes[path] = o
}

// partsOverlap is how far a part reaches back into the next older one where the probes
// could not establish an exact partition.
const partsOverlap = time.Minute

// probeStep is how far before and after a timestamp a probe's bound is set: Bird writes its
// timestamps to the millisecond.
const probeStep = time.Millisecond

// probe is one probe request: a bound at at, and what Bird answered.
type probe struct {
	end   bool
	at    time.Time
	known bool // the answer says whether the result is within the bound
	in    bool
}

// establish probes how Bird compares the bounds of the windows of query at path, with a
// result of sample, and returns what it found; err is a failed probe request (nothing is
// found). A probe is query itself with one bound moved next to the result's timestamp, so
// that the result, if within it, comes early in the answer, narrowed to the result where
// the endpoint can.
func establish[T any](ctx context.Context, c *Client, path string, query url.Values, limit int, w windowed[T], sample []T) (probeOutcome, error) {
	subject, narrow := probeSubject(w, sample)
	if subject == nil {
		return probeOutcome{reason: "no result of the first page has a timestamp to probe with"}, nil
	}
	ts, key := w.times(subject)[:w.bounded], w.key(subject)
	var probes []*probe
	for _, end := range []bool{false, true} {
		for _, t := range ts {
			if !t.IsZero() {
				for _, d := range []time.Duration{-probeStep, 0, probeStep} {
					// The bound as sent (formatBound writes milliseconds): a Bird that
					// writes finer answers for that bound, not for t itself.
					probes = append(probes, &probe{end: end, at: t.Add(d).Truncate(probeStep)})
				}
			}
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, p := range probes {
		g.Go(func() error {
			q := maps.Clone(query)
			maps.Copy(q, narrow)
			name := "startAt"
			if p.end {
				name = "endAt"
			}
			q.Set(name, formatBound(p.at))
			q.Set("limit", fmt.Sprint(limit))
			var answer page[T]
			if err := c.get(gctx, path, q, &answer); err != nil {
				return err
			}
			for i := range answer.Results {
				if w.key(&answer.Results[i]) == key {
					p.in = true
				}
			}
			p.known = p.in || answer.NextPageToken == ""
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return probeOutcome{}, err
	}
	return decide(w.names[:w.bounded], ts, probes), nil
}

// probeCandidates is how many of a page's first results the probes choose from: those
// early in Bird's order come early in a probe's answer too, where no query narrows to them.
const probeCandidates = 10

// probeSubject picks the result of sample to probe with, and the query that narrows to it
// (nil when none does): among the first results, those with such a query first, then the
// one whose timestamps lie furthest apart (so that the answers tell them apart) and whose
// milliseconds lie furthest from a whole and a half second (so that they tell the
// precisions apart).
func probeSubject[T any](w windowed[T], sample []T) (*T, url.Values) {
	var best *T
	var bestQuery url.Values
	bestScore := time.Duration(-1)
	for i := range sample[:min(len(sample), probeCandidates)] {
		query, narrowed := w.narrow(&sample[i])
		score := spread(w.times(&sample[i])[:w.bounded])
		if narrowed {
			score += 1 << 62 // narrowed answers are never cut short by a page
		} else {
			query = nil
		}
		if score > bestScore {
			best, bestQuery, bestScore = &sample[i], query, score
		}
	}
	return best, bestQuery
}

// spread is how well probes around timestamps ts can tell them and the precisions apart:
// the least distance between two of them, or between one and a whole or a half second; -1
// when none is present.
func spread(ts []time.Time) time.Duration {
	out, present := time.Duration(1<<61), false
	for a := range ts {
		if ts[a].IsZero() {
			continue
		}
		present = true
		frac := time.Duration(ts[a].Nanosecond()) % (time.Second / 2)
		out = min(out, frac, time.Second/2-frac)
		for b := a + 1; b < len(ts); b++ {
			if !ts[b].IsZero() {
				out = min(out, absDuration(ts[a].Sub(ts[b])))
			}
		}
	}
	if !present {
		return -1
	}
	return out
}

// decide returns what probes, asked about a result with timestamps ts, establish.
func decide(names []string, ts []time.Time, probes []*probe) probeOutcome {
	var ways [2][]boundModel // the ways left for startAt and for endAt
	for side, end := range []bool{false, true} {
		for key := range ts {
			for _, inclusive := range []bool{true, false} {
				for _, precision := range []boundPrecision{toTheMillisecond, truncatedToTheSecond, roundedToTheSecond} {
					for _, absentIsOldest := range []bool{false, true} {
						m := boundModel{key, inclusive, precision, absentIsOldest}
						if agrees(m, end, ts, probes) {
							ways[side] = append(ways[side], m)
						}
					}
				}
			}
		}
	}
	bound := [2]string{"startAt", "endAt"}
	keys := [2]string{}
	for side := range ways {
		if len(ways[side]) == 0 {
			return probeOutcome{reason: fmt.Sprintf("Bird's answers to the probes fit no way of comparing %s with %s", bound[side], strings.Join(names, ", "))}
		}
		var seen []string
		for _, m := range ways[side] {
			if n := names[m.key]; !slices.Contains(seen, n) {
				seen = append(seen, n)
			}
		}
		if len(seen) > 1 {
			return probeOutcome{reason: fmt.Sprintf("the probes could not tell which of %s %s compares", strings.Join(seen, " and "), bound[side])}
		}
		keys[side] = seen[0]
	}
	if keys[0] != keys[1] {
		return probeOutcome{reason: fmt.Sprintf("startAt compares %s and endAt compares %s, so no window selects one slice of one timestamp", keys[0], keys[1])}
	}
	start, okStart := shift(ways[0], true)
	end, okEnd := shift(ways[1], false)
	if !okStart || !okEnd {
		// Whole-second timestamps cannot tell a bound compared to the millisecond from one
		// compared to the second, nor, compared to the second, an inclusive one from an
		// exclusive one: the parts then overlap, by a minute, which covers every way left
		// and any coarser precision up to the minute that the probes, a millisecond either
		// side of a timestamp, cannot see.
		return probeOutcome{split: &partition{key: ways[0][0].key, overlap: partsOverlap}}
	}
	return probeOutcome{split: &partition{key: ways[0][0].key, startShift: start, endShift: end}}
}

// agrees reports whether m gives every known answer of probes of its bound.
func agrees(m boundModel, end bool, ts []time.Time, probes []*probe) bool {
	for _, p := range probes {
		if p.end == end && p.known && m.admits(end, ts, p.at) != p.in {
			return false
		}
	}
	return true
}

// shift returns what to add to a whole second b for a bound to select exactly "from b" (a
// start) or "before b" (an end) under every way of ways, or false when no one shift does.
// A start that includes its instant, or an end that excludes it, is sent as b, whatever the
// precision, since b is whole; the other kind needs b minus a millisecond, compared to the
// millisecond.
func shift(ways []boundModel, start bool) (time.Duration, bool) {
	asIs, back := true, true
	for _, m := range ways {
		asIs = asIs && m.inclusive == start
		back = back && m.inclusive != start && m.precision == toTheMillisecond
	}
	switch {
	case asIs:
		return 0, true
	case back:
		return -probeStep, true
	}
	return 0, false
}
