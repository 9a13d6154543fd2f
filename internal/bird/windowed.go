package bird

import (
	"context"
	"maps"
	"net/url"
	"slices"
	"sync"
	"time"
)

// A read with a time window (startAt, endAt, or both) is split into sub-windows read at
// once, within the shared rate limit, because a chain of page tokens is sequential and a
// window is not. The result is exactly what one sequential chain of pages returns:
//
//   - The first request is the sequential read's own first page. Its last result bounds the
//     rest: with newest-first answers, every result not yet seen is at or before that
//     result's timestamps, so the remainder is the window up to just after them, clamped to
//     the window's own end. That remainder is split into sub-windows, each read the same
//     way, so a dense sub-window is split again: bursts are found, not assumed.
//   - Neighbouring sub-windows share their boundary instant, and the remainder overlaps
//     what was read by a millisecond, whichever side Bird counts a bound on; results are
//     deduplicated by ID, the first occurrence kept.
//   - An open end stays open: the sub-window at that end has no bound there, so the union of
//     the sub-windows is exactly the query, whatever timestamp Bird filters on.
//   - The order is Bird's. The first page with two different timestamps tells whether Bird
//     answers newest or oldest first; the read concatenates the sub-windows in that order,
//     each as Bird returned it, and never re-sorts. A page whose order cannot be told is
//     followed by its page token instead of being split.
//   - A sub-window is split only while a worker would otherwise be idle, and only when it
//     promises at least a page for each part; otherwise its page tokens are followed.
//   - With maxResults, only the first sub-window not read to its end follows its page
//     tokens; the others stop after their first page until their turn comes, so that the
//     read costs no more than the sequential read's pages plus one request for each
//     sub-window it opened.
//
// It assumes that startAt and endAt bound one timestamp of each result (Bird's shared
// queryStartAt/queryEndAt, "Start date for the query", suggests so), that Bird orders the
// results by that timestamp, and that the timestamp is createdAt or startedAt.

// windowEpsilon is how far a remainder overlaps what was read, past the last result's
// timestamps: Bird's timestamps have milliseconds.
const windowEpsilon = time.Millisecond

// windowed says what a windowed read needs of a result.
type windowed[T any] struct {
	id func(*T) string
	// times are the result's timestamps that a window may bound, the one that tells the
	// order first; zero when absent.
	times func(*T) []time.Time
}

// span is a sub-window: zero times are open ends; text is how each bound is sent.
type span struct {
	lo, hi         time.Time
	loText, hiText string
}

// windowNode is one sub-window: the results of its own pages, in Bird's order, then those
// of the sub-windows its remainder was split into.
type windowNode[T any] struct {
	span     span
	rank     []int // the path from the root: nodes are read in rank order
	items    []T
	children []*windowNode[T]
	done     bool   // every result of the sub-window is in items or under children
	token    string // where a parked sub-window resumes
	parked   bool   // waiting, with token, for its turn (see stopWhenEnough)
}

// windowRead is one windowed read in progress.
type windowRead[T any] struct {
	c           *Client
	path        string
	query       url.Values
	limit       int
	maxResults  int
	parallelism int
	w           windowed[T]

	mu      sync.Mutex
	wake    *sync.Cond
	root    *windowNode[T]
	pending []*windowNode[T] // in rank order
	active  int
	order   int  // +1 newest first, -1 oldest first, 0 not known yet
	stopped bool // enough for maxResults, or failed: no more requests
	err     error
}

// readWindowed reads a list endpoint whose query has a time window from startAt to endAt
// (either may be empty) with parallelism sub-windows at once.
func readWindowed[T any](ctx context.Context, c *Client, path string, query url.Values, maxResults, parallelism int, w windowed[T]) (*Listing[T], error) {
	root := &windowNode[T]{span: span{loText: query.Get("startAt"), hiText: query.Get("endAt")}}
	root.span.lo, _ = time.Parse(time.RFC3339Nano, root.span.loText)
	root.span.hi, _ = time.Parse(time.RFC3339Nano, root.span.hiText)
	r := &windowRead[T]{
		c: c, path: path, query: query, limit: pageSize(maxResults), maxResults: maxResults,
		parallelism: parallelism, w: w, root: root, pending: []*windowNode[T]{root},
	}
	r.wake = sync.NewCond(&r.mu)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range parallelism {
		wg.Go(func() { r.work(ctx, cancel) })
	}
	wg.Wait()
	if r.err != nil {
		return nil, r.err
	}
	return r.assemble(), nil
}

// work reads pending sub-windows until there are none left and none being read, or the
// read stopped.
func (r *windowRead[T]) work(ctx context.Context, cancel context.CancelFunc) {
	for {
		r.mu.Lock()
		for !r.stopped && len(r.pending) == 0 && r.active > 0 {
			r.wake.Wait()
		}
		if r.stopped || len(r.pending) == 0 {
			r.wake.Broadcast()
			r.mu.Unlock()
			return
		}
		n := r.pending[0]
		r.pending = r.pending[1:]
		r.active++
		r.mu.Unlock()

		err := r.read(ctx, n)

		r.mu.Lock()
		r.active--
		if err != nil && !r.stopped {
			r.err, r.stopped = err, true
			cancel() // ends every other sub-window's request at once
		}
		r.wake.Broadcast()
		r.mu.Unlock()
	}
}

// read follows the pages of one sub-window until it ends, its remainder is split, or the
// read has enough.
func (r *windowRead[T]) read(ctx context.Context, n *windowNode[T]) error {
	q := maps.Clone(r.query) // setBound replaces values, never changes the shared slices
	setBound(q, "startAt", n.span.loText)
	setBound(q, "endAt", n.span.hiText)
	setBound(q, "pageToken", n.token) // pages keeps it for the first page
	for p, err := range pages[page[T]](ctx, r.c, r.path, q, r.limit) {
		if err != nil {
			return err
		}
		if r.take(n, p) {
			return nil
		}
	}
	return nil
}

// take adds a page to its sub-window and reports whether the sub-window's reading ends:
// because it has no next page, the read has enough, or its remainder was split.
func (r *windowRead[T]) take(n *windowNode[T], p *page[T]) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	n.items = append(n.items, p.Results...)
	if r.order == 0 {
		r.order = detectOrder(p.Results, r.w.times)
	}
	switch {
	case r.stopped:
		return true
	case p.NextPageToken == "":
		n.done = true
		if !r.stopWhenEnough() {
			r.resumeFrontier()
		}
		return true
	case r.stopWhenEnough():
		return true
	}
	if children := r.split(n, p.Results); children != nil {
		n.children, n.done = children, true
		r.enqueue(children...)
		r.resumeFrontier()
		return true
	}
	if r.maxResults > 0 && r.frontier() != n {
		n.token, n.parked = p.NextPageToken, true // its turn comes when those before it end
		return true
	}
	return false // follow the page token
}

// enqueue adds sub-windows to the pending ones, in rank order; r.mu must be held.
func (r *windowRead[T]) enqueue(nodes ...*windowNode[T]) {
	r.pending = append(r.pending, nodes...)
	slices.SortFunc(r.pending, func(a, b *windowNode[T]) int { return slices.Compare(a.rank, b.rank) })
	r.wake.Broadcast()
}

// frontier returns the first sub-window, in order, not read to its end; r.mu must be held.
func (r *windowRead[T]) frontier() *windowNode[T] {
	var find func(n *windowNode[T]) *windowNode[T]
	find = func(n *windowNode[T]) *windowNode[T] {
		if !n.done {
			return n
		}
		for _, child := range n.children {
			if f := find(child); f != nil {
				return f
			}
		}
		return nil
	}
	return find(r.root)
}

// resumeFrontier puts the frontier back in line when it was parked; r.mu must be held.
func (r *windowRead[T]) resumeFrontier() {
	if f := r.frontier(); f != nil && f.parked {
		f.parked = false
		r.enqueue(f)
	}
}

// stopWhenEnough stops the read once the results read in order, up to the first sub-window
// not read to its end, pass maxResults, or reach it with more to read; r.mu must be held.
func (r *windowRead[T]) stopWhenEnough() bool {
	if r.maxResults <= 0 {
		return false
	}
	count, complete := r.walk(nil)
	if count >= r.maxResults && !complete {
		r.stopped = true
	}
	return r.stopped
}

// walk visits the results in order, each ID once, up to the first sub-window not read to its
// end, calling visit for each (when not nil); it returns how many it visited and whether the
// walk reached the end of the read.
func (r *windowRead[T]) walk(visit func(*T)) (int, bool) {
	seen := map[string]bool{}
	var walkNode func(n *windowNode[T]) bool
	walkNode = func(n *windowNode[T]) bool {
		for i := range n.items {
			if id := r.w.id(&n.items[i]); !seen[id] {
				seen[id] = true
				if visit != nil {
					visit(&n.items[i])
				}
			}
		}
		if !n.done {
			return false
		}
		for _, child := range n.children {
			if !walkNode(child) {
				return false
			}
		}
		return true
	}
	complete := walkNode(r.root)
	return len(seen), complete
}

// assemble returns the results in order, at most maxResults of them, and whether the read
// stopped with more to read.
func (r *windowRead[T]) assemble() *Listing[T] {
	var out Listing[T]
	count, complete := r.walk(func(item *T) {
		if r.maxResults <= 0 || len(out.Items) < r.maxResults {
			out.Items = append(out.Items, *item)
		}
	})
	out.Truncated = r.maxResults > 0 && (count > r.maxResults || !complete)
	return &out
}

// split divides the remainder of sub-window n, after the page whose results are given, into
// sub-windows for the workers that would otherwise be idle, or returns nil when it is not
// worth it; r.mu must be held.
func (r *windowRead[T]) split(n *windowNode[T], results []T) []*windowNode[T] {
	idle := r.parallelism - r.active - len(r.pending)
	if r.order == 0 || idle < 1 || len(results) < 2 {
		return nil
	}
	first, last := r.w.times(&results[0]), r.w.times(&results[len(results)-1])
	perResult := absDuration(first[0].Sub(last[0])) / time.Duration(len(results)-1)
	perResult = max(perResult, windowEpsilon)
	// The remainder: from the last result's timestamps (all of them, whichever Bird bounds),
	// overlapping by windowEpsilon, to the far end of the sub-window.
	// Truncated to Bird's milliseconds first, then clamped to the sub-window's own bound,
	// which is then sent as it was.
	from := latest(last).Add(windowEpsilon).Truncate(time.Millisecond)
	fromText := formatBound(from)
	far, farText := n.span.lo, n.span.loText
	if r.order > 0 && !n.span.hi.IsZero() && from.After(n.span.hi) {
		from, fromText = n.span.hi, n.span.hiText
	}
	if r.order < 0 {
		from = earliest(last).Add(-windowEpsilon).Truncate(time.Millisecond)
		fromText = formatBound(from)
		if !n.span.lo.IsZero() && from.Before(n.span.lo) {
			from, fromText = n.span.lo, n.span.loText
		}
		far, farText = n.span.hi, n.span.hiText
	}

	parts, step := idle+1, 4*time.Duration(r.limit)*perResult // an open end: parts of about 4 pages
	if !far.IsZero() {
		width := absDuration(far.Sub(from))
		parts = min(parts, int(width/(time.Duration(r.limit)*perResult)), int(width/time.Millisecond))
		if parts < 2 {
			return nil // less than a page a part: the page token is cheaper
		}
		step = width / time.Duration(parts)
	}
	children := make([]*windowNode[T], parts)
	edge, edgeText := from, fromText
	for i := range children {
		next, nextText := edge.Add(-time.Duration(r.order)*step).Truncate(time.Millisecond), ""
		if i == parts-1 {
			next, nextText = far, farText // the far end stays as it was, open or not
		} else {
			nextText = formatBound(next)
		}
		s := span{lo: next, loText: nextText, hi: edge, hiText: edgeText}
		if r.order < 0 {
			s = span{lo: edge, loText: edgeText, hi: next, hiText: nextText}
		}
		children[i] = &windowNode[T]{span: s, rank: append(slices.Clone(n.rank), i)}
		edge, edgeText = next, nextText
	}
	return children
}

// detectOrder tells from a page whether its results are newest (+1) or oldest (-1) first,
// by the first timestamp that differs between its first and last result; 0 when none does.
func detectOrder[T any](results []T, times func(*T) []time.Time) int {
	if len(results) < 2 {
		return 0
	}
	first, last := times(&results[0]), times(&results[len(results)-1])
	for i := range first {
		switch {
		case first[i].IsZero() || last[i].IsZero() || first[i].Equal(last[i]):
		case first[i].After(last[i]):
			return 1
		default:
			return -1
		}
	}
	return 0
}

// latest returns the latest of ts, ignoring zero ones.
func latest(ts []time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if !t.IsZero() && (out.IsZero() || t.After(out)) {
			out = t
		}
	}
	return out
}

// earliest returns the earliest of ts, ignoring zero ones.
func earliest(ts []time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if !t.IsZero() && (out.IsZero() || t.Before(out)) {
			out = t
		}
	}
	return out
}

// absDuration returns |d|.
func absDuration(d time.Duration) time.Duration { return max(d, -d) }

// formatBound writes a sub-window's bound as Bird's timestamps are written.
func formatBound(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// setBound sets a query parameter, or removes it for an open bound.
func setBound(q url.Values, key, value string) {
	if value == "" {
		q.Del(key)
		return
	}
	q.Set(key, value)
}

// pageSize is the limit of every page of a read: the largest, or maxResults when smaller.
func pageSize(maxResults int) int {
	if maxResults > 0 {
		return min(MaxPageSize, maxResults)
	}
	return MaxPageSize
}
