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
// just before the read's place: the previous page's results, or results that share a
// timestamp with the last ones met (a bulk import; results without the ordering timestamp),
// both of which the streamed chain remembers (boundedChain), and keeps once, as List does;
// or results that run against the order, which it cannot remember. So it watches for:
//
//   - a result, among those not met before, that runs against the proven order: what lay
//     before the read's place was pushed past it, by more than it remembers;
//   - where Bird orders by a timestamp that changes (not createdAt), a result past the first
//     page that was changed after the read began: its updatedAt, or that timestamp, is later
//     than Bird's clock then (the first answer's Date, less moveSlack). It may have moved
//     anywhere in the order, ahead of the read too, where it would be met again.
//
// Either ends the streamed read: the fold is discarded, and the read starts again as List's
// own chain (every key kept), which a shift cannot fool. Memory then follows the results,
// for that read only; nothing else changes, the notes included. Before a page proves the
// order, what a shift brings back runs against nothing it can tell.

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
		b := &boundedChain[T]{key: e.key(), times: e.Times, names: e.TimeNames, changed: e.updatedAt()}
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
// does, remembering only the keys a shift can bring back unseen: the previous page's, and
// those of the latest run of results that share each timestamp, however many pages it spans
// (a bulk import; and, on the timestamp that proved the order, results without it), where a
// shift runs against nothing. Anything else met again runs against the order, or moved,
// which fresh reports.
type boundedChain[T any] struct {
	key     func(*T) string
	times   func(*T) []time.Time // nil: nothing to watch by
	names   []string
	changed int             // the index of updatedAt in times, or -1
	page    map[string]bool // the previous page's keys
	ties    []tieRun        // by timestamp
	pages   int
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
		c.began = readBegan(answered)
	}
	if c.times != nil && c.order == 0 {
		c.order, c.by = proveOrder(results, c.times)
	}
	c.pages++
	page := make(map[string]bool, len(results))
	out := results[:0:0]
	for i := range results {
		k := c.key(&results[i])
		if c.page[k] || page[k] || c.tied(k) {
			c.repeats++
			continue
		}
		page[k] = true
		if c.times == nil {
			out = append(out, results[i])
			continue
		}
		ts := c.times(&results[i])
		if c.order != 0 {
			t := ts[c.by]
			switch {
			case c.by > 0 && c.pages > 1 && (t.After(c.began) || c.changed >= 0 && ts[c.changed].After(c.began)):
				// A result that changed while the read ran may have moved anywhere in an
				// order by a timestamp that changes, ahead of the read too, where it is met
				// again. (On the first page, nothing was met before it.)
				return nil, fmt.Sprintf("result %s was changed after the read began (%s %s, updatedAt %s): it may have moved in Bird's order", k, c.names[c.by], formatStamp(t), formatStamp(c.updatedAt(ts)))
			case c.prev != nil && c.run.next(c.order, c.prev[c.by], t):
				return nil, fmt.Sprintf("result %s runs against Bird's order on %s: the pages shifted by more than a page", k, c.names[c.by])
			}
			c.prev = ts
		}
		c.tie(k, ts)
		out = append(out, results[i])
	}
	c.page = page
	if len(out) == len(results) {
		return results, ""
	}
	return out, ""
}

// tie notes a result's key in the run of each of its timestamps; an absent one ends its run,
// except on the timestamp that proved the order, where results without it sort together.
func (c *boundedChain[T]) tie(key string, ts []time.Time) {
	if c.ties == nil {
		c.ties = make([]tieRun, len(ts))
	}
	for j, t := range ts {
		if t.IsZero() && (c.order == 0 || j != c.by) {
			c.ties[j].end()
			continue
		}
		c.ties[j].add(key, t)
	}
}

// tied reports whether a key is in the run of one of the timestamps.
func (c *boundedChain[T]) tied(key string) bool {
	for j := range c.ties {
		if c.ties[j].has(key) {
			return true
		}
	}
	return false
}

// updatedAt returns a result's updatedAt, zero when it has none.
func (c *boundedChain[T]) updatedAt(ts []time.Time) time.Time {
	if c.changed < 0 {
		return time.Time{}
	}
	return ts[c.changed]
}

// readBegan is Bird's clock when a read began, less moveSlack, from its first answer's time
// (this client's clock when Bird sent no Date).
func readBegan(answered time.Time) time.Time {
	if answered.IsZero() {
		answered = time.Now()
	}
	return answered.Add(-moveSlack)
}

// tieRun remembers the keys of consecutive results that share one value of a timestamp (on
// the one a read is ordered by, an absent one is a value too), however many pages they span:
// Bird's pages may shift inside such a run with nothing running against the order. A run of
// one result, the common case, keeps its key without a map.
type tieRun struct {
	at     time.Time
	first  string
	others map[string]bool
	open   bool
}

// add notes a result's key and timestamp, starting a new run when the timestamp differs from
// the run's.
func (t *tieRun) add(key string, at time.Time) {
	switch {
	case !t.open || !at.Equal(t.at):
		*t = tieRun{at: at, first: key, open: true}
	case t.others == nil:
		t.others = map[string]bool{key: true}
	default:
		t.others[key] = true
	}
}

// end ends the run: the next result starts a new one.
func (t *tieRun) end() { *t = tieRun{} }

// has reports whether the run holds key.
func (t *tieRun) has(key string) bool { return t.open && (key == t.first || t.others[key]) }

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
