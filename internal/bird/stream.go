package bird

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"time"
)

// A streamed read (Each, Fold) hands each page to a fold and lets it go, so that a caller
// that only counts keeps memory that follows its answer. To be what List would have
// returned, it must keep each result once, as List's chain does, but without List's set of
// every key it met. With offset page tokens, Bird's pages shift while a read runs (objects
// arrive before the read's place, or move in Bird's order), and the chain meets a result
// again. In Bird's order (once a page proved it: proveOrder), what comes back is what lay
// just before the read's place: the previous page's results, or results that share the
// ordering timestamp of the last one met (a bulk import, or results without it), both of
// which the streamed chain remembers (boundedChain), and keeps once, as List does; or
// results that run against the order, which it cannot remember. So it watches for:
//
//   - a result, among those not met before, that runs against the proven order: what lay
//     before the read's place was pushed past it, by more than it remembers;
//   - oldest first, a result whose ordering timestamp, other than its creation (which never
//     changes), is later than Bird's clock when the read began (the first answer's Date,
//     less moveSlack): it moved to the end while the read ran, and may have been met before.
//     (Newest first, such a result moves behind the read's place and shifts what follows.)
//
// Either ends the streamed read: the fold is discarded, and the read starts again as List's
// own chain (every key kept), which a shift cannot fool. Memory then follows the results,
// for that read only; nothing else changes, the notes included. Before a page proves the
// order, only the previous page is remembered.

// moveSlack is how far apart Bird's clock, which dates the results, and the Date of its
// answers (or this client's clock, without one) are allowed to be.
const moveSlack = 5 * time.Second

// Each reads what List reads and hands each page's results to a fold that start returns,
// keeping none of them; fold must not keep the slice. The sequential read, the default, is
// Bird's own chain of pages, folded in Bird's order: a result met again on the next page is
// folded once, and the notes say so, as List's do; when Bird's pages moved further than that,
// Each calls start again and folds a new read, as List reads it. A read that List would read
// in parallel (an opt-in) folds each part's pages as they arrive, in no fixed order, so the
// fold must not depend on it (see streamWindowed); when that read is contradicted, Each
// starts again and folds the sequential read. Nothing is shared: see Fold.
func Each[T any, F Filter](ctx context.Context, c *Client, e *Endpoint[T, F], workspaceID string, filter F, start func() func([]T)) (notes []string, err error) {
	path, query, keep := e.request(workspaceID, filter)
	if e.windowed(query, keep) && c.readParallelism > 1 {
		var again bool
		notes, again, err = streamWindowed(ctx, c, path, query, e.PageSize, c.readParallelism, e.windowedBy(), start)
		if err != nil || !again {
			return notes, err
		}
	}
	sequential, moved, err := stream(ctx, c, e, path, query, keep, start(), true)
	if err == nil && moved != "" {
		c.logger.Debug(ctx, "Bird's pages moved during a streamed read; reading it again as List reads it", map[string]any{"path": path, "reason": moved})
		sequential, _, err = stream(ctx, c, e, path, query, keep, start(), false)
	}
	if err != nil {
		return nil, err
	}
	return append(sequential, notes...), nil // how the parallel read ended, after the read's own
}

// stream folds the chain of pages at path: remembering only what a bounded chain needs
// while it watches for a move it cannot see, which it returns, or, unbounded, every key, as
// List's chain does.
func stream[T any, F Filter](ctx context.Context, c *Client, e *Endpoint[T, F], path string, query url.Values, keep func(*T) bool, fold func([]T), bounded bool) (notes []string, moved string, err error) {
	var fresh func([]T, time.Time) ([]T, string)
	var repeats func() int
	if bounded {
		b := &boundedChain[T]{key: e.key(), times: e.Times, names: e.TimeNames}
		fresh, repeats = b.fresh, func() int { return b.repeats }
	} else {
		l := newChain(e.key(), nil, 0)
		fresh = func(results []T, _ time.Time) ([]T, string) { return l.fresh(results), "" }
		repeats = func() int { return l.repeats }
	}
	for p, err := range pages[page[T]](ctx, c, path, query, e.PageSize) {
		if err != nil {
			return nil, "", err
		}
		results, moved := fresh(p.Results, p.answered)
		if moved != "" {
			return nil, moved, nil
		}
		if keep != nil {
			results = slices.DeleteFunc(results, func(item T) bool { return !keep(&item) })
		}
		fold(results)
	}
	return shiftedNotes(repeats()), "", nil
}

// boundedChain keeps each result of a streamed read's chain of pages once, as List's chain
// does, remembering only the keys a shift can bring back unseen: the previous page's, and,
// once a page proved the order, those of the run of results that share the last one's
// ordering timestamp, however many pages it spans (a bulk import, or results without it),
// where a shift runs against nothing. Anything else met again runs against the order, or
// moved, which fresh reports.
type boundedChain[T any] struct {
	key     func(*T) string
	times   func(*T) []time.Time // nil: nothing to watch by
	names   []string
	page    map[string]bool // the previous page's keys
	tie     tieRun
	repeats int
	began   time.Time // Bird's clock when the read began, less moveSlack
	order   int       // +1 newest first, -1 oldest first, 0 not proven yet
	by      int       // the index in times of the timestamp that proved it
	prev    []time.Time
	run     run
}

// fresh returns the results of a page, answered at Bird's time answered (zero when unknown),
// that the chain has not met, in order, counting the others; or why the page shows a move
// the chain cannot see past. It may reuse results' array.
func (c *boundedChain[T]) fresh(results []T, answered time.Time) ([]T, string) {
	if c.began.IsZero() {
		if answered.IsZero() {
			answered = time.Now()
		}
		c.began = answered.Add(-moveSlack)
	}
	if c.times != nil && c.order == 0 {
		c.order, c.by = proveOrder(results, c.times)
	}
	page := make(map[string]bool, len(results))
	out := results[:0:0]
	for i := range results {
		k := c.key(&results[i])
		if c.page[k] || page[k] || c.tie.keys[k] {
			c.repeats++
			continue
		}
		page[k] = true
		if c.order != 0 {
			ts := c.times(&results[i])
			t := ts[c.by]
			switch {
			case c.order < 0 && c.by > 0 && t.After(c.began):
				// Oldest first, a result that changed moves to the end, where the read
				// meets it again; newest first, it moves behind the read, and shifts it.
				return nil, fmt.Sprintf("result %s has %s %s, after the read began: it moved in Bird's order while the read ran", k, c.names[c.by], formatStamp(t))
			case c.prev != nil && c.run.next(c.order, c.prev[c.by], t):
				return nil, fmt.Sprintf("result %s runs against Bird's order on %s: the pages shifted by more than a page", k, c.names[c.by])
			}
			c.prev = ts
			c.tie.add(k, t)
		}
		out = append(out, results[i])
	}
	c.page = page
	if len(out) == len(results) {
		return results, ""
	}
	return out, ""
}

// tieRun remembers the keys of consecutive results that share one value of the timestamp a
// read is ordered by (an absent one is a value too), however many pages they span: Bird's
// pages may shift inside such a run with nothing running against the order.
type tieRun struct {
	at   time.Time
	keys map[string]bool
}

// add notes a result's key and timestamp, starting a new run when the timestamp differs from
// the run's.
func (t *tieRun) add(key string, at time.Time) {
	if t.keys == nil || !at.Equal(t.at) {
		t.at, t.keys = at, map[string]bool{}
	}
	t.keys[key] = true
}

// Folded is what Fold returns: the folded value and the read's notes (see Listing.Notes).
type Folded[V any] struct {
	Value V
	Notes []string
}

// Fold reads what Each reads into a value: start returns a fold, which Each hands every
// page, and a finish, which makes the value once the read ends (start is called again when
// Each reads again). With ShareReads, two Folds of e by this client with the same filter and
// the same by (what tells the caller's folds apart, such as a summary's group_by) share one
// read and its value, which neither may change; different bys read separately. Only the
// value is kept, never the results, so memory follows the value.
func Fold[T any, F Filter, V any](ctx context.Context, c *Client, e *Endpoint[T, F], workspaceID string, filter F, by string, start func() (fold func([]T), finish func() V)) (*Folded[V], error) {
	path, query, _ := e.request(workspaceID, filter)
	var (
		zero  T
		value V
	)
	key := fmt.Sprintf("fold %T into %T by %q: %s?%s filter=%+v", zero, value, by, path, query.Encode(), filter)
	return shared(ctx, c.shared, key, func(*Folded[V]) bool { return false }, func(ctx context.Context) (*Folded[V], error) {
		var finish func() V
		notes, err := Each(ctx, c, e, workspaceID, filter, func() func([]T) {
			var fold func([]T)
			fold, finish = start()
			return fold
		})
		if err != nil {
			return nil, err
		}
		return &Folded[V]{Value: finish(), Notes: notes}, nil
	})
}
