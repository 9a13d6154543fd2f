package bird

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"sync"
	"time"
)

// A read with a time window (startAt, endAt, or both) may be split into sub-windows read at
// once, within the shared rate limit, because a chain of page tokens is sequential and a
// window is not. Bird's docs leave open which timestamp the window bounds, which one orders
// the results and which way, how ties fall and how precisely bounds compare, so the read
// splits only on what the data it has read shows, checks every answer against that, and
// otherwise reads exactly as the sequential read does:
//
//   - It starts as the sequential read: the query's own chain of pages. It splits only after
//     a page of that chain proves the order: a timestamp, createdAt or startedAt, runs one
//     way across the whole page (ties allowed, a missing one counting as the oldest), with
//     at least two values, while no other runs the other way and none is the same across
//     the whole page. A page that proves nothing is followed by its page token.
//   - The rest of a sub-window after a page is cut past every timestamp of the page's last
//     result (whichever one Bird orders by), widened outward to a whole second, so that
//     neither a tie at that instant nor a bound Bird compares to the second loses a result.
//     It is split into sub-windows whose bounds are whole seconds; the read's own bounds,
//     and an open end, are sent as they were. Neighbouring sub-windows share their boundary,
//     results are deduplicated by ID, and the sub-windows are concatenated in the proven
//     order, each as Bird returned it, never re-sorted.
//   - Every cut is checked: the near side of it (from the cut to the sub-window's own bound)
//     is read too, and must hold only results read before the cut. That is what catches a
//     Bird that bounds one timestamp and orders by another: a result ordered after the cut
//     but bounded before it would be in no sub-window. Every page of every sub-window is
//     checked as well, each result within its sub-window (to the second) and in the proven
//     order after the one before it, and the whole result must run in that order.
//   - Any contradiction ends the parallel attempt: the sub-windows in flight are cancelled,
//     and the read goes on along the query's own chain from the last page of it read, so
//     that it returns exactly what the sequential read returns. The reason is logged. Pages
//     that would not end in a sub-window (empty pages, a repeated token) are a
//     contradiction too, not a failure: the query's own chain may never meet them.
//   - A split only happens after a page of the sub-window was read, and strictly narrows it
//     by at least a second, so a read cannot loop.
//   - A sub-window is split only while a worker would otherwise be idle, only when it
//     promises at least a page for each part, and only while it has read two pages at most
//     (its near side costs what it read); otherwise its page tokens are followed.
//   - With maxResults, only the first sub-window not read to its end is split or follows
//     its page tokens; the others stop after their first page until their turn comes, so
//     that the read costs no more than the sequential read's pages plus one request for
//     each sub-window it opened and each cut's near side. Passing maxResults cancels the
//     rest at once; reaching it exactly inside a sub-window reads on until a result past it
//     or the end, so that truncated says whether there was more.
//
// Where Bird orders results with the same timestamp differently from one query to another,
// or orders by another timestamp than it bounds, a tie comes in the order of the sub-window
// that read it: the same results, in an order Bird itself does not fix.

// boundStep is the precision of the bounds a split sends: a whole second, so that Bird
// comparing bounds to the second, truncated or rounded, changes nothing.
const boundStep = time.Second

// windowed says what a windowed read needs of a result.
type windowed[T any] struct {
	id func(*T) string
	// times are the result's timestamps that a window may bound; zero when absent.
	times func(*T) []time.Time
}

// span is a sub-window: an empty text is an open end; text is how each bound is sent.
type span struct {
	lo, hi         time.Time
	loText, hiText string
}

// windowNode is one sub-window: the results of its own pages, in Bird's order, then those
// of the sub-windows its remainder was split into. The root is the query itself.
type windowNode[T any] struct {
	span     span
	rank     []int // the path from the root: nodes are read in rank order
	items    []T
	children []*windowNode[T]
	done     bool   // every result of the sub-window is in items or under children
	token    string // where a parked sub-window resumes
	parked   bool   // waiting, with token, for its turn (see stopWhenEnough)
	// checks, on the near side of a split's cut, is the sub-window that was split: every
	// result of this window must be one it read before the cut.
	checks *windowNode[T]
	read   map[string]bool // the IDs of items, once a near side checks them
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
	cancel      context.CancelFunc // ends every request in flight

	mu      sync.Mutex
	wake    *sync.Cond
	root    *windowNode[T]
	pending []*windowNode[T] // in rank order
	active  int
	order   int // +1 newest first, -1 oldest first, 0 not proven yet
	key     int // the index in times of the timestamp that proved the order
	// chainToken is the root chain's next page token when the root split: where the
	// sequential read resumes after a contradiction.
	chainToken string
	nearToRead int    // near sides of cuts not read to their end yet
	stopped    bool   // enough for maxResults, failed, or contradicted: no more requests
	err        error  // the read failed
	fallback   string // why the parallel attempt ended, when it did
}

// readWindowed reads a list endpoint whose query has a time window from startAt to endAt
// (either may be empty) with parallelism sub-windows at once, in pages of limit results.
func readWindowed[T any](ctx context.Context, c *Client, path string, query url.Values, limit, maxResults, parallelism int, w windowed[T]) (*Listing[T], error) {
	root := &windowNode[T]{span: span{loText: query.Get("startAt"), hiText: query.Get("endAt")}}
	root.span.lo, _ = time.Parse(time.RFC3339Nano, root.span.loText)
	root.span.hi, _ = time.Parse(time.RFC3339Nano, root.span.hiText)
	workCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	r := &windowRead[T]{
		c: c, path: path, query: query, limit: limit, maxResults: maxResults,
		parallelism: parallelism, w: w, cancel: cancel, root: root, pending: []*windowNode[T]{root},
	}
	r.wake = sync.NewCond(&r.mu)
	var wg sync.WaitGroup
	for range parallelism {
		wg.Go(func() { r.work(workCtx) })
	}
	wg.Wait()
	if r.err != nil {
		return nil, r.err
	}
	out := r.assemble()
	if r.fallback == "" {
		r.fallback = r.verify(out)
	}
	if r.fallback == "" {
		out.Notes = []string{r.splitNote()}
		return out, nil
	}
	c.logger.Debug(ctx, "Parallel read contradicted; reading on sequentially", map[string]any{"path": path, "reason": r.fallback})
	out, err := r.sequentialRest(ctx)
	if err != nil {
		return nil, err
	}
	out.Notes = []string{fmt.Sprintf("The parallel read was contradicted by Bird's answers (%s) and went on as one chain of pages, as read_parallelism = 1 reads: the result is Bird's own pages.", r.fallback)}
	return out, nil
}

// splitNote says how a read that did not fall back was read.
func (r *windowRead[T]) splitNote() string {
	if r.root.children == nil {
		return "The read did not split: no page proved Bird's order in time to, so it was read as one chain of pages, as read_parallelism = 1 reads."
	}
	return "The read was split into parts of its time window read at once. A parallel read assumes what Bird's docs do not say: that startAt and endAt compare one timestamp, that at least one of them includes its own instant, and that they compare it to the second at most; where Bird does otherwise it can return fewer results without an error. Set read_parallelism = 1 (the default) for Bird's own pages."
}

// work reads pending sub-windows until there are none left and none being read, or the
// read stopped.
func (r *windowRead[T]) work(ctx context.Context) {
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
		var re *ResponseError
		switch {
		case err == nil || r.stopped:
		case n != r.root && errors.As(err, &re) && re.Paging:
			// Pages that would not end in a sub-window, which the query's own chain may
			// never meet: the parallel attempt ends, not the read.
			r.contradicted(err.Error())
		default:
			r.err = err
			r.stop()
		}
		r.wake.Broadcast()
		r.mu.Unlock()
	}
}

// stop ends the read's requests: every other sub-window's request ends at once; r.mu must
// be held.
func (r *windowRead[T]) stop() {
	r.stopped = true
	r.cancel()
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
// because it has no next page, the read has enough or was contradicted, or its remainder
// was split.
func (r *windowRead[T]) take(n *windowNode[T], p *page[T]) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.stopped:
		return true
	case n.checks != nil:
		if r.contradicted(r.checkNear(n, p.Results)) || p.NextPageToken != "" {
			return r.stopped // a near side is read to its end
		}
		n.done = true
		r.nearToRead--
		r.stopWhenEnough()
		return true
	case n != r.root:
		if r.contradicted(r.check(n, p.Results)) {
			return true
		}
	case r.order == 0:
		r.order, r.key = proveOrder(p.Results, r.w.times)
	}
	n.items = append(n.items, p.Results...)
	switch {
	case p.NextPageToken == "":
		n.done = true
		if !r.stopWhenEnough() {
			r.resumeFrontier()
		}
		return true
	case r.stopWhenEnough():
		return true
	}
	if near, children := r.split(n, p.Results); children != nil {
		n.children, n.done = children, true
		if n == r.root {
			r.chainToken = p.NextPageToken
		}
		r.nearToRead++
		r.enqueue(&windowNode[T]{span: near, rank: append(slices.Clone(n.rank), -1), checks: n})
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

// contradicted ends the parallel attempt when reason says why; r.mu must be held.
func (r *windowRead[T]) contradicted(reason string) bool {
	if reason == "" {
		return false
	}
	r.fallback = reason
	r.stop()
	return true
}

// checkNear returns why a page of the near side of a cut contradicts the split, or "": a
// result that the split sub-window had not read before the cut. With the order proven,
// the near side holds only results read before the cut; one more is a result that
// belongs after the cut in Bird's order yet lies before it in the window, which no
// sub-window holds; r.mu must be held.
func (r *windowRead[T]) checkNear(near *windowNode[T], results []T) string {
	split := near.checks
	if split.read == nil {
		split.read = make(map[string]bool, len(split.items))
		for i := range split.items {
			split.read[r.w.id(&split.items[i])] = true
		}
	}
	for i := range results {
		if id := r.w.id(&results[i]); !split.read[id] {
			return fmt.Sprintf("result %s of %s, the near side of a cut, was not read before the cut", id, near.span)
		}
	}
	return ""
}

// check returns why a page of sub-window n contradicts the proven order, or "": a result
// outside the sub-window, or out of order after the one before it; r.mu must be held.
func (r *windowRead[T]) check(n *windowNode[T], results []T) string {
	prev, hasPrev := time.Time{}, len(n.items) > 0
	if hasPrev {
		prev = r.stamp(&n.items[len(n.items)-1])
	}
	for i := range results {
		t := r.stamp(&results[i])
		if !n.span.holds(t) {
			return fmt.Sprintf("result %s (%s) is outside the sub-window %s", r.w.id(&results[i]), formatStamp(t), n.span)
		}
		if hasPrev && r.order*compareStamps(prev, t) < 0 {
			return fmt.Sprintf("result %s (%s) is out of order in the sub-window %s", r.w.id(&results[i]), formatStamp(t), n.span)
		}
		prev, hasPrev = t, true
	}
	return ""
}

// stamp returns the timestamp of item that proved the order; zero when absent.
func (r *windowRead[T]) stamp(item *T) time.Time { return r.w.times(item)[r.key] }

// verify checks a finished parallel read and returns why it contradicts the proven order,
// or "": the whole result must run in that order.
func (r *windowRead[T]) verify(out *Listing[T]) string {
	if r.root.children == nil {
		return "" // never split: the read was the sequential read
	}
	for i := 1; i < len(out.Items); i++ {
		if r.order*compareStamps(r.stamp(&out.Items[i-1]), r.stamp(&out.Items[i])) < 0 {
			return fmt.Sprintf("the result runs out of order at %s", r.w.id(&out.Items[i]))
		}
	}
	return ""
}

// sequentialRest returns what the sequential read returns, from the pages the root chain
// read and the rest of that chain.
func (r *windowRead[T]) sequentialRest(ctx context.Context) (*Listing[T], error) {
	items, token := r.root.items, r.chainToken
	var out Listing[T]
	if out.add(items, token != "", r.maxResults, nil) || token == "" {
		return &out, nil
	}
	q := maps.Clone(r.query)
	q.Set("pageToken", token)
	if err := appendChain(ctx, r.c, r.path, q, r.limit, r.maxResults, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
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
// not read to its end, pass maxResults, or reach it while the query's own chain has a next
// page (where the sequential read says truncated too), and every near side of a cut is
// checked; r.mu must be held. Reaching maxResults in a sub-window reads on, until a result
// past it or the end, so that truncated says whether there was more.
func (r *windowRead[T]) stopWhenEnough() bool {
	if r.maxResults <= 0 || r.nearToRead > 0 || r.stopped {
		return r.stopped
	}
	count, complete := r.walk(nil)
	if !complete && (count > r.maxResults || count == r.maxResults && r.frontier() == r.root) {
		r.stop() // the sub-windows still in flight are not needed
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
// sub-windows for the workers that would otherwise be idle, and returns them with the near
// side of the cut, which is read to check the split; or returns no sub-windows when it is
// not worth it or the data does not allow it. A sub-window that has read more than two
// pages is not split: its near side would cost as many requests again. With maxResults,
// only the first sub-window not read to its end is split: the others may never be needed.
// r.mu must be held.
func (r *windowRead[T]) split(n *windowNode[T], results []T) (span, []*windowNode[T]) {
	idle := r.parallelism - r.active - len(r.pending)
	if r.order == 0 || idle < 1 || len(results) < 2 || r.maxResults > 0 && r.frontier() != n || len(n.items) > 2*r.limit {
		return span{}, nil
	}
	first, last := r.stamp(&results[0]), r.stamp(&results[len(results)-1])
	cut, ok := r.cut(r.w.times(&results[len(results)-1]))
	if !ok || first.IsZero() || last.IsZero() {
		return span{}, nil
	}
	// The remainder runs from the cut to the sub-window's far end, and must be strictly
	// narrower than the sub-window, or reading it would read the same pages again.
	near, far, farText := n.span.hi, n.span.lo, n.span.loText
	if r.order < 0 {
		near, far, farText = n.span.lo, n.span.hi, n.span.hiText
	}
	if !near.IsZero() && r.order*cut.Compare(near) >= 0 {
		return span{}, nil
	}
	perPage := time.Duration(r.limit) * max(absDuration(first.Sub(last))/time.Duration(len(results)-1), time.Millisecond)
	parts, step := idle+1, max(4*perPage, boundStep) // an open end: parts of about 4 pages
	if !far.IsZero() {
		width := time.Duration(r.order) * cut.Sub(far)
		if width <= 0 {
			return span{}, nil
		}
		parts = min(parts, int(min(width/perPage, width/boundStep, 1<<16)))
		// Less than a page, or a second, a part: the page token is cheaper. A nested split
		// costs its near side too, and earns it only with three parts or more.
		if parts < 2 || n != r.root && parts < 3 {
			return span{}, nil
		}
		step = width / time.Duration(parts)
	}
	step = step.Truncate(boundStep)
	children := make([]*windowNode[T], parts)
	edge, edgeText := cut, formatBound(cut)
	for i := range children {
		next := edge.Add(-time.Duration(r.order) * step)
		nextText := formatBound(next)
		if i == parts-1 {
			next, nextText = far, farText // the far end stays as it was, open or not
		}
		s := span{lo: next, loText: nextText, hi: edge, hiText: edgeText}
		if r.order < 0 {
			s = span{lo: edge, loText: edgeText, hi: next, hiText: nextText}
		}
		children[i] = &windowNode[T]{span: s, rank: append(slices.Clone(n.rank), i)}
		edge, edgeText = next, nextText
	}
	nearSide := span{lo: cut, loText: formatBound(cut), hi: n.span.hi, hiText: n.span.hiText}
	if r.order < 0 {
		nearSide = span{lo: n.span.lo, loText: n.span.loText, hi: cut, hiText: formatBound(cut)}
	}
	return nearSide, children
}

// cut returns the near bound of what is left after a result with timestamps ts: past every
// one of them, so that the remainder holds every later result whichever timestamp Bird
// sorts by, widened outward to a whole second. Newest first, a missing timestamp counts as
// the oldest and is passed over; oldest first, one missing means the rest cannot be bounded.
func (r *windowRead[T]) cut(ts []time.Time) (time.Time, bool) {
	var out time.Time
	for _, t := range ts {
		switch {
		case t.IsZero() && r.order < 0:
			return time.Time{}, false
		case t.IsZero():
		case out.IsZero() || r.order*t.Compare(out) > 0:
			out = t
		}
	}
	if out.IsZero() {
		return out, false
	}
	out = out.Truncate(boundStep)
	if r.order > 0 {
		out = out.Add(boundStep)
	}
	return out, true
}

// proveOrder tells from a page whether Bird answers newest (+1) or oldest (-1) first, and by
// which of times: one that runs one way across the whole page, with at least two values,
// while none runs the other way and none is the same across the page (Bird may order by
// that one, its ties broken any way). It returns 0 when the page proves nothing.
func proveOrder[T any](results []T, times func(*T) []time.Time) (order, key int) {
	if len(results) < 2 {
		return 0, 0
	}
	for k := range times(&results[0]) {
		falls, rises := false, false
		for i := 1; i < len(results); i++ {
			switch compareStamps(times(&results[i-1])[k], times(&results[i])[k]) {
			case 1:
				falls = true
			case -1:
				rises = true
			}
		}
		switch d := cmpBool(falls, rises); {
		case !falls && !rises:
			return 0, 0 // the same across the page: a tie that may hide the order
		case falls && rises: // runs neither way: not what Bird orders by
		case order == 0:
			order, key = d, k
		case d != order:
			return 0, 0 // two timestamps disagree: nothing is proven
		}
	}
	return order, key
}

// compareStamps compares two timestamps, a zero one (absent) as the oldest.
func compareStamps(a, b time.Time) int {
	switch {
	case a.IsZero() || b.IsZero():
		return cmpBool(b.IsZero(), a.IsZero())
	}
	return a.Compare(b)
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// holds reports whether a sub-window holds a result with timestamp t, allowing a second of
// slack at each bound, since Bird may compare its bounds to the second. An absent timestamp
// counts as the oldest, held only where the window's start is open.
func (s span) holds(t time.Time) bool {
	if t.IsZero() {
		return s.loText == ""
	}
	return (s.loText == "" || !t.Before(s.lo.Add(-boundStep))) && (s.hiText == "" || !t.After(s.hi.Add(boundStep)))
}

// String describes a sub-window for a log line.
func (s span) String() string { return "[" + s.loText + ", " + s.hiText + "]" }

// formatStamp writes a result's timestamp for a log line.
func formatStamp(t time.Time) string {
	if t.IsZero() {
		return "no timestamp"
	}
	return formatBound(t)
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
