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
// again: on the next page when the shift is smaller than a page, which a chain that
// remembers the previous page's keys sees; further on when it is larger, which it cannot.
// So the streamed read watches, in memory of one result, for what such a shift shows:
//
//   - a result, among those not met before, that runs against the order that Bird's pages
//     proved (proveOrder): what lay before the read's place was pushed past it, by more
//     than a page;
//   - a result whose timestamp that orders the read, other than its creation (which never
//     changes), is later than Bird's clock (the first answer's Date, less moveSlack) when the
//     read began: it moved in Bird's order while the read ran, and may have been met before.
//
// Either ends the streamed read: the fold is discarded, and the read starts again as List's
// own chain (every key kept), which a shift cannot fool. Memory then follows the results,
// for that read only; nothing else changes, the notes included.

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
	sequential, moved, err := stream(ctx, c, e, path, query, keep, start(), &moveWatch[T]{key: e.key(), times: e.Times, names: e.TimeNames})
	if err == nil && moved != "" {
		c.logger.Debug(ctx, "Bird's pages moved during a streamed read; reading it again as List reads it", map[string]any{"path": path, "reason": moved})
		sequential, _, err = stream(ctx, c, e, path, query, keep, start(), nil)
	}
	if err != nil {
		return nil, err
	}
	return append(sequential, notes...), nil // how the parallel read ended, after the read's own
}

// stream folds the chain of pages at path: remembering the previous page's keys while w
// watches for a move it cannot see, which it returns, or, with no w, every key, as List's
// chain does.
func stream[T any, F Filter](ctx context.Context, c *Client, e *Endpoint[T, F], path string, query url.Values, keep func(*T) bool, fold func([]T), w *moveWatch[T]) (notes []string, moved string, err error) {
	seen := newChain(e.key(), nil, 0, w != nil)
	for p, err := range pages[page[T]](ctx, c, path, query, e.PageSize) {
		if err != nil {
			return nil, "", err
		}
		results := seen.fresh(p.Results)
		if w != nil {
			if moved := w.page(results, p.answered); moved != "" {
				return nil, moved, nil
			}
		}
		if keep != nil {
			results = slices.DeleteFunc(results, func(item T) bool { return !keep(&item) })
		}
		fold(results)
	}
	return seen.notes(), "", nil
}

// moveWatch watches a streamed read's results for a move of Bird's pages that its chain
// cannot see, in memory of one result.
type moveWatch[T any] struct {
	key   func(*T) string
	times func(*T) []time.Time // nil: nothing to watch by
	names []string
	began time.Time // Bird's clock when the read began, less moveSlack
	order int       // +1 newest first, -1 oldest first, 0 not proven yet
	by    int       // the index in times of the timestamp that proved it
	prev  []time.Time
	run   run
}

// page watches the results of a page not met before, answered at Bird's time answered (zero
// when unknown), and returns why they show a move, or "".
func (w *moveWatch[T]) page(results []T, answered time.Time) string {
	if w.began.IsZero() {
		if answered.IsZero() {
			answered = time.Now()
		}
		w.began = answered.Add(-moveSlack)
	}
	if w.times == nil {
		return ""
	}
	if w.order == 0 {
		w.order, w.by = proveOrder(results, w.times)
	}
	for i := range results {
		ts := w.times(&results[i])
		if w.order != 0 {
			t := ts[w.by]
			switch {
			case w.by > 0 && t.After(w.began):
				return fmt.Sprintf("result %s has %s %s, after the read began: it moved in Bird's order while the read ran", w.key(&results[i]), w.names[w.by], formatStamp(t))
			case w.prev != nil && w.run.next(w.order, w.prev[w.by], t):
				return fmt.Sprintf("result %s runs against Bird's order on %s: the pages shifted by more than a page", w.key(&results[i]), w.names[w.by])
			}
		}
		w.prev = ts
	}
	return ""
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
