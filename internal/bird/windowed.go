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

// A read with a time window (startAt, endAt, or both) may be split into parts read at once,
// within the shared rate limit, because a chain of page tokens is sequential and a window is
// not. This is an opt-in (read_parallelism above one, without max_results): Bird's docs
// leave open which timestamp each bound compares, whether it includes its own instant, how
// precisely it compares, which timestamp orders the results and which way, so the read
// splits only on what it has established, checks every answer against it, and otherwise
// returns what the sequential read returns:
//
//   - It starts as the sequential read: the query's own chain of pages. A page that proves
//     the order (a timestamp runs one way across it, see proveOrder) starts the probes
//     (probe.go), beside the chain's next page; the chain goes on while they run.
//   - Only when the probes establish that startAt and endAt compare one timestamp, and how to
//     write bounds that select exactly [b, c) of it, is the window split, into parts on whole
//     seconds of that timestamp: a partition of the window, the first part covering what the
//     chain has read (which is read again), the last ones keeping the query's own bounds. So
//     nothing needs deduplicating, and the parts are concatenated in the proven order, each
//     as Bird returned it, never re-sorted.
//   - Every page of every part is checked: each result within its part's bounds on that
//     timestamp, and in the proven order after the one before it. Every timestamp that no
//     page showed running against the order may be the one Bird orders by, so the whole
//     result must run in order on each of them: that is what catches a Bird that orders by
//     another timestamp than it bounds, whose order the concatenation breaks at a boundary.
//   - Any contradiction ends the parallel attempt: the parts in flight are cancelled, and the
//     read goes on along the query's own chain from the last page of it read, so that it
//     returns exactly what the sequential read returns. Pages that would not end in a part
//     (empty pages, a repeated token) are a contradiction too, not a failure.
//   - A part is split again, the same way, only while a worker would otherwise be idle, only
//     when it promises at least a page for each part, and only while it has read two pages
//     at most (its first part reads them again).
//
// Where Bird orders results with the same timestamp differently from one query to another, a
// tie comes in the order of the part that read it: the same results, in an order Bird
// itself does not fix.

// windowed says what a windowed read needs of a result.
type windowed[T any] struct {
	key func(*T) string
	// times are the result's timestamps that a window may bound, then those Bird may only
	// order by, zero when absent, named by names; the first bounded may be bound.
	times   func(*T) []time.Time
	names   []string
	bounded int
	// updated is the index of updatedAt in times, or -1.
	updated int
	// narrow is the query that asks for a result alone, for the probes.
	narrow func(*T) (url.Values, bool)
}

// span is a part of the window: an empty text is an open end; text is how each bound is
// sent. An inner bound is one a split made: it selects exactly, and is checked exactly.
type span struct {
	lo, hi           time.Time
	loText, hiText   string
	loInner, hiInner bool
	overlap          time.Duration // how far an inner start reaches back (partition.overlap)
}

// windowNode is one part of the window: the results of its own pages, in Bird's order, or,
// once split, the parts its window was divided into. The root is the query itself, whose
// pages stay for the sequential read to go on from.
type windowNode[T any] struct {
	span     span
	rank     []int // the path from the root: parts are read in rank order
	items    []T
	children []*windowNode[T]
	done     bool // every result of the part is in items or under children
	first    int  // how many results its first page had: a split cuts after them
	read     int  // how many results its pages had
	// A streamed part keeps, once folded, its first result (head), its last one (the only
	// one left in items), its last page's keys and those of its last run of one ordering
	// timestamp (see boundedChain): what the checks need, and no more.
	head []T
	keys map[string]bool
	tie  tieRun
}

// windowRead is one windowed read in progress.
type windowRead[T any] struct {
	c           *Client
	path        string
	query       url.Values
	limit       int
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
	// runs is how each timestamp ran on the pages read: one that ran against the order is
	// not what Bird orders by.
	runs []run
	// probing says the probes are running, probes waits for them; outcome is what they
	// found, once they have.
	probing bool
	probes  sync.WaitGroup
	outcome *probeOutcome
	// chainToken is the root chain's next page token when the root split: where the
	// sequential read resumes after a contradiction.
	chainToken string
	stopped    bool   // failed or contradicted: no more requests
	err        error  // the read failed
	fallback   string // why the parallel attempt ended, when it did
	unsplit    string // why the root was not split although the probes allowed it
	// finer says, for each timestamp, that a result read had it finer than the millisecond.
	finer []bool
	// fold, for a streamed read (Each), folds each part's pages once the part can no
	// longer be split; nil reads every result into the parts, as List does, and a streamed
	// read whose parts overlap does so too (whole). began is Bird's clock when the read
	// began, less moveSlack. handOver says that the root chain was not split, and the
	// streamed read goes on as the sequential one.
	fold     func([]T)
	whole    bool
	began    time.Time
	handOver bool
}

// readWindowed reads a list endpoint whose query has a time window from startAt to endAt
// (either may be empty) with parallelism parts at once, in pages of limit results.
func readWindowed[T any](ctx context.Context, c *Client, path string, query url.Values, limit, parallelism int, w windowed[T]) (*Listing[T], error) {
	r, unparsed := newWindowRead(c, path, query, limit, parallelism, w)
	if unparsed != "" {
		l, err := readAll(ctx, c, path, query, limit, 0, w.key, nil)
		if err == nil {
			l.Notes = append(l.Notes, unparsed)
		}
		return l, err
	}
	if err := r.run(ctx); err != nil {
		return nil, err
	}
	out, starts := r.assemble()
	if r.fallback == "" {
		r.fallback = r.verify(out.Items, starts)
	}
	if r.fallback == "" {
		out.Notes = append(out.Notes, r.splitNote())
		return out, nil
	}
	c.logger.Debug(ctx, "Parallel read contradicted; reading on sequentially", map[string]any{"path": path, "reason": r.fallback})
	out, err := r.sequentialRest(ctx)
	if err != nil {
		return nil, err
	}
	out.Notes = append(out.Notes, r.fallbackNote())
	return out, nil
}

// streamWindowed reads what readWindowed reads into the fold that start returns, each part's
// pages folded, in no fixed order, once the part can no longer be split, and let go: the
// parts keep what their checks need, a page or two each. Where the parts must overlap it
// reads them whole, as readWindowed does, and folds the result. It returns the read's notes,
// and again when the fold must be discarded and the read made as the sequential one, those
// notes said after its own: the parallel read was contradicted (it cannot go on from the
// chain, whose pages were not kept), or its root chain was not split.
func streamWindowed[T any](ctx context.Context, c *Client, path string, query url.Values, limit, parallelism int, w windowed[T], start func() func([]T)) (notes []string, again bool, err error) {
	r, unparsed := newWindowRead(c, path, query, limit, parallelism, w)
	if unparsed != "" {
		return []string{unparsed}, true, nil
	}
	fold := start()
	r.fold = fold
	if err := r.run(ctx); err != nil {
		return nil, false, err
	}
	var out *Listing[T]
	switch {
	case r.fallback != "":
	case r.whole:
		var starts []int
		out, starts = r.assemble()
		r.fallback = r.verify(out.Items, starts)
	default:
		r.fallback = r.verify(r.edges())
	}
	switch {
	case r.fallback != "":
		c.logger.Debug(ctx, "Parallel read contradicted; reading again sequentially", map[string]any{"path": path, "reason": r.fallback})
		return []string{r.fallbackNote()}, true, nil
	case r.handOver:
		return []string{r.splitNote()}, true, nil
	case r.whole:
		fold(out.Items)
		return append(out.Notes, r.splitNote()), false, nil
	case r.root.children == nil:
		// The root chain ended before it was split: its pages are the whole read.
		l := newChain(w.key, nil, 0)
		l.add(l.fresh(r.root.items), false)
		fold(l.out.Items)
		return append(l.notes(), r.splitNote()), false, nil
	}
	return []string{r.splitNote()}, false, nil
}

// newWindowRead returns a windowed read of query, not started, or why its bounds cannot be
// cut, as a note: a bound Bird may read otherwise than Go does (RFC 3339 allows a lower-case
// t and z), against which parts cut from it could not be checked.
func newWindowRead[T any](c *Client, path string, query url.Values, limit, parallelism int, w windowed[T]) (*windowRead[T], string) {
	root := &windowNode[T]{span: span{loText: query.Get("startAt"), hiText: query.Get("endAt")}}
	for _, b := range []struct {
		text string
		at   *time.Time
	}{{root.span.loText, &root.span.lo}, {root.span.hiText, &root.span.hi}} {
		var err error
		if *b.at, err = time.Parse(time.RFC3339Nano, b.text); b.text != "" && err != nil {
			return nil, fmt.Sprintf("The read was not split, because its bound %q is not a timestamp the provider can cut: it was read as one chain of pages, as read_parallelism = 1 reads.", b.text)
		}
	}
	r := &windowRead[T]{
		c: c, path: path, query: query, limit: limit, parallelism: parallelism, w: w,
		root: root, pending: []*windowNode[T]{root},
	}
	if o, ok := c.probes.get(path); ok {
		r.outcome = &o
	}
	r.wake = sync.NewCond(&r.mu)
	return r, ""
}

// run reads the parts with parallelism workers until none is left, and returns the read's
// error, if it failed.
func (r *windowRead[T]) run(ctx context.Context) error {
	workCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	r.cancel = cancel
	var wg sync.WaitGroup
	for range r.parallelism {
		wg.Go(func() { r.work(workCtx) })
	}
	wg.Wait()
	cancel() // probes still running are not needed: the read has ended
	r.probes.Wait()
	return r.err
}

// fallbackNote says that the parallel read was contradicted, and why.
func (r *windowRead[T]) fallbackNote() string {
	return fmt.Sprintf("The parallel read was contradicted by Bird's answers (%s) and went on as one chain of pages, as read_parallelism = 1 reads: the result is Bird's own pages.", r.fallback)
}

// splitNote says how a read that did not fall back was read.
func (r *windowRead[T]) splitNote() string {
	switch {
	case r.root.children != nil:
		p := r.outcome.split
		how := "how to bound parts of it with no gap and no overlap"
		if p.overlap > 0 {
			how = "but not how precisely or whether they include their instants, so the parts overlapped by a minute, the results met twice kept once; this assumes Bird compares them to the minute at most"
		}
		return fmt.Sprintf("The read was split into parts of its time window on %s, read at once: probes established that startAt and endAt both compare %s, %s. Every part was checked against them.", r.w.names[p.key], r.w.names[p.key], how)
	case r.outcome != nil && (r.outcome.split == nil || r.unsplit != ""):
		reason := r.unsplit
		if reason == "" {
			reason = r.outcome.reason
		}
		return fmt.Sprintf("The read was not split, because %s: it was read as one chain of pages, as read_parallelism = 1 reads.", reason)
	}
	return "The read was not split: it ended before its order and Bird's bounds were established, so it was read as one chain of pages, as read_parallelism = 1 reads."
}

// work reads pending parts until there are none left and none being read, or the read
// stopped.
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
			// Pages that would not end in a part, which the query's own chain may never
			// meet: the parallel attempt ends, not the read.
			r.contradicted(err.Error())
		default:
			r.err = err
			r.stop()
		}
		r.wake.Broadcast()
		r.mu.Unlock()
	}
}

// stop ends the read's requests: every other part's request ends at once; r.mu must be held.
func (r *windowRead[T]) stop() {
	r.stopped = true
	r.cancel()
}

// read follows the pages of one part until it ends, it is split, or the read stops.
func (r *windowRead[T]) read(ctx context.Context, n *windowNode[T]) error {
	q := maps.Clone(r.query) // setBound replaces values, never changes the shared slices
	setBound(q, "startAt", n.span.loText)
	setBound(q, "endAt", n.span.hiText)
	for p, err := range pages[page[T]](ctx, r.c, r.path, q, r.limit) {
		if err != nil {
			return err
		}
		done, probe := r.take(n, p)
		if probe != nil {
			go r.probe(ctx, probe)
		}
		if done {
			return nil
		}
	}
	return nil
}

// probe runs the probes with a sample of results, and wakes the root chain, which waits for
// them at its next page, unless the read has ended.
func (r *windowRead[T]) probe(ctx context.Context, sample []T) {
	defer r.probes.Done()
	o, err := establish(ctx, r.c, r.path, r.query, r.limit, r.w, sample)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.probing = false
	r.wake.Broadcast()
	switch {
	case r.stopped || r.root.done:
		return // the read ended before the probes did: nothing was found
	case err != nil:
		// A failed probe leaves the read sequential; the chain reports its own failures.
		o = probeOutcome{reason: "a probe failed: " + err.Error()}
	default:
		r.c.probes.put(r.path, o)
	}
	r.outcome = &o
}

// take adds a page to its part and reports whether the part's reading ends (because it has
// no next page, the read stopped, or the part was split), and a sample to probe with when
// the probes should start; r.mu is taken.
func (r *windowRead[T]) take(n *windowNode[T], p *page[T]) (bool, []T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return true, nil
	}
	if n == r.root && r.order == 0 {
		r.order, r.key = proveOrder(p.Results, r.w.times)
	}
	if r.began.IsZero() {
		r.began = readBegan(p.answered)
	}
	if r.contradicted(r.check(n, p.Results)) {
		return true, nil
	}
	if n.read == 0 {
		n.first = len(p.Results)
	}
	n.read += len(p.Results)
	n.items = append(n.items, p.Results...)
	if r.fold != nil && n != r.root && r.contradicted(r.stream(n, p.NextPageToken == "")) {
		return true, nil
	}
	switch {
	case p.NextPageToken == "":
		n.done = true
		return true, nil
	case n != r.root:
		return r.split(n), nil
	}
	r.chainToken = p.NextPageToken
	switch {
	case r.order == 0:
		return r.handsOver(), nil
	case r.outcome == nil && !r.probing:
		// The probes run beside the chain's next page, which waits for them.
		r.probing = true
		r.probes.Add(1)
		return false, slices.Clone(p.Results)
	}
	for r.probing && !r.stopped {
		r.wake.Wait()
	}
	return r.stopped || r.splitRoot() || r.handsOver(), nil
}

// handsOver ends a streamed read whose root chain was not split and will not be: the probes
// found no way to split it, or it read more than two pages unsplit, which it would have to
// keep. The sequential read then reads it again, streamed. r.mu must be held.
func (r *windowRead[T]) handsOver() bool {
	settled := r.outcome != nil && (r.outcome.split == nil || r.unsplit != "")
	if r.fold == nil || !settled && r.root.read <= 2*r.limit {
		return false
	}
	r.handOver = true
	r.stop()
	return true
}

// stream folds the results part n holds once it can no longer be split (it has read more
// than two pages, or it is done: a split part is read again by its own first part), and
// keeps of them its first, its last and its last page's keys. It returns why they
// contradict a streamed read, or "": a result met twice within the part (Bird's pages
// shifted), which the fold cannot keep once, or a result changed while the read ran, which
// may have moved (see changed). r.mu must be held.
func (r *windowRead[T]) stream(n *windowNode[T], done bool) string {
	if n.read <= 2*r.limit && !done {
		return "" // it may yet be split
	}
	results := n.items
	if n.head != nil {
		results = results[1:] // the last result folded, kept for the checks
	}
	if len(results) == 0 {
		return ""
	}
	keys := make(map[string]bool, len(results))
	key := r.outcome.split.key
	for i := range results {
		k := r.w.key(&results[i])
		if n.keys[k] || keys[k] || n.tie.has(k) {
			return fmt.Sprintf("result %s was met twice in the part %s: Bird's pages shifted", k, n.span)
		}
		keys[k] = true
		ts := r.w.times(&results[i])
		if r.changed(ts) {
			return fmt.Sprintf("result %s was changed after the read began (%s %s): it may have moved to another part, or within its own", k, r.w.names[key], formatStamp(ts[key]))
		}
		n.tie.add(k, ts[r.key])
	}
	r.fold(results)
	if n.head == nil {
		n.head = []T{results[0]}
	}
	n.items, n.keys = []T{results[len(results)-1]}, keys
	return ""
}

// changed reports whether a result of a streamed part, by its timestamps, was changed after
// the read began, where the parts are cut, or Bird orders, by a timestamp that changes (not
// createdAt): its updatedAt, or either timestamp, later than the read's start. r.mu must be
// held.
func (r *windowRead[T]) changed(ts []time.Time) bool {
	key := r.outcome.split.key
	if key == 0 && r.key == 0 {
		return false
	}
	return ts[key].After(r.began) || ts[r.key].After(r.began) || r.w.updated >= 0 && ts[r.w.updated].After(r.began)
}

// edges returns, for a streamed read, the first and last result of each part, parts in
// rank order, and where each part's begin: the only results where the parts meet, which is
// what verify checks beyond the parts' own pages.
func (r *windowRead[T]) edges() ([]T, []int) {
	var items []T
	var starts []int
	var walk func(n *windowNode[T])
	walk = func(n *windowNode[T]) {
		if n.children == nil {
			starts = append(starts, len(items))
			if n.read > 0 {
				items = append(items, n.head...)
			}
			if n.read > 1 {
				items = append(items, n.items...)
			}
			return
		}
		for _, child := range n.children {
			walk(child)
		}
	}
	walk(r.root)
	return items, starts
}

// splitRoot splits the root chain's window when the order is proven and the probes
// established how, and reports whether it did; r.mu must be held.
func (r *windowRead[T]) splitRoot() bool {
	if r.order == 0 || r.outcome == nil || r.outcome.split == nil {
		return false
	}
	if reason := r.againstCuts(); reason != "" {
		r.unsplit = reason
		return false
	}
	if !r.split(r.root) {
		return false
	}
	if r.fold != nil && r.outcome.split.overlap > 0 {
		// Parts that overlap meet results twice by design: only the whole result, as List
		// keeps it, tells them apart.
		r.fold, r.whole = nil, true
	}
	if r.fold != nil {
		r.root.items = nil // its first part reads them again, and no fallback goes on from them
	}
	return true
}

// againstCuts returns why parts cut on the established timestamp cannot be put together in
// Bird's order, or "": the timestamp ran against Bird's order on a page, so Bird orders by
// another one, and the parts would meet out of order wherever two results on either side of
// a cut are not in the order of that timestamp. r.mu must be held.
func (r *windowRead[T]) againstCuts() string {
	p := r.outcome.split
	switch {
	case p.key != r.key && r.runs[p.key].against:
		return fmt.Sprintf("Bird orders the results by %s, not by %s, which both bounds compare, so parts cut on %s would not meet in Bird's order", r.w.names[r.key], r.w.names[p.key], r.w.names[p.key])
	case (p.startShift != 0 || p.endShift != 0) && r.finer[p.key]:
		// A bound a millisecond back selects exactly only what is written to the
		// millisecond: a finer timestamp may fall between it and the next part.
		return fmt.Sprintf("Bird writes %s finer than the millisecond, so parts bounded to the millisecond could leave a gap between them", r.w.names[p.key])
	}
	return ""
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

// check returns why a page of part n contradicts what the read established, or "": a result
// outside the part's bounds, or out of the proven order after the one before it. It notes how
// each timestamp ran; r.mu must be held.
func (r *windowRead[T]) check(n *windowNode[T], results []T) string {
	if r.runs == nil && len(results) > 0 {
		r.runs = make([]run, len(r.w.times(&results[0])))
		r.finer = make([]bool, len(r.runs))
	}
	var prev []time.Time
	if len(n.items) > 0 {
		prev = r.w.times(&n.items[len(n.items)-1])
	}
	for i := range results {
		ts := r.w.times(&results[i])
		for k, t := range ts {
			r.finer[k] = r.finer[k] || t.Nanosecond()%int(time.Millisecond) != 0
		}
		if n != r.root {
			if key := r.outcome.split.key; !n.span.holds(ts[key]) {
				return fmt.Sprintf("result %s (%s %s) is outside the part %s", r.w.key(&results[i]), r.w.names[key], formatStamp(ts[key]), n.span)
			}
		}
		if prev != nil {
			for k := range ts {
				r.runs[k].next(r.order, prev[k], ts[k])
			}
			if n != r.root && r.runs[r.key].against {
				return fmt.Sprintf("result %s (%s %s) is out of order in the part %s", r.w.key(&results[i]), r.w.names[r.key], formatStamp(ts[r.key]), n.span)
			}
		}
		if n != r.root {
			if reason := r.againstCuts(); reason != "" {
				return reason
			}
		}
		prev = ts
	}
	return ""
}

// verify checks a finished parallel read and returns why it contradicts the proven order, or
// "": the whole result must run in order on every timestamp Bird may order by, those that
// ran in order on every page.
func (r *windowRead[T]) verify(items []T, starts []int) string {
	if r.root.children == nil {
		return "" // never split: the read was the sequential read
	}
	whole := slices.Clone(r.runs)
	for i := 1; i < len(items); i++ {
		prev, ts := r.w.times(&items[i-1]), r.w.times(&items[i])
		for k := range ts {
			if !r.runs[k].against && whole[k].next(r.order, prev[k], ts[k]) {
				return fmt.Sprintf("the result runs out of order on %s at %s, where two parts meet", r.w.names[k], r.w.key(&items[i]))
			}
		}
	}
	// Where two parts meet, two results that tie on a timestamp Bird may order by, other
	// than the one the parts are cut on, come in the order of the parts; Bird orders such a
	// tie its own way, which no part shows.
	for _, i := range starts {
		if i == 0 || i >= len(items) {
			continue
		}
		prev, ts := r.w.times(&items[i-1]), r.w.times(&items[i])
		for k := range ts {
			if k != r.outcome.split.key && !r.runs[k].against && !ts[k].IsZero() && ts[k].Equal(prev[k]) {
				return fmt.Sprintf("results %s and %s tie on %s where two parts meet, and Bird may order such a tie otherwise", r.w.key(&items[i-1]), r.w.key(&items[i]), r.w.names[k])
			}
		}
	}
	return ""
}

// run is how one timestamp ran over consecutive results: against the order, and where its
// absent values (zero) fall, which Bird's docs do not say: first (+1), last (-1), or not seen
// yet (0).
type run struct {
	against bool
	absent  int
}

// next notes that a result with timestamp b came after one with a, in a read whose order is
// order, and reports whether that made the run run against the order.
func (u *run) next(order int, a, b time.Time) bool {
	was := u.against
	switch {
	case a.IsZero() && b.IsZero():
	case a.IsZero() || b.IsZero():
		place := 1
		if b.IsZero() {
			place = -1
		}
		u.against = u.against || u.absent == -place
		u.absent = place
	default:
		u.against = u.against || order*a.Compare(b) < 0
	}
	return u.against && !was
}

// sequentialRest returns what the sequential read returns, from the pages the root chain
// read and the rest of that chain.
func (r *windowRead[T]) sequentialRest(ctx context.Context) (*Listing[T], error) {
	out := newChain(r.w.key, nil, 0)
	out.add(out.fresh(r.root.items), false)
	if r.chainToken != "" && r.root.children != nil {
		q := maps.Clone(r.query)
		q.Set("pageToken", r.chainToken)
		if err := out.follow(ctx, r.c, r.path, q, r.limit); err != nil {
			return nil, err
		}
	}
	return out.listing(), nil
}

// enqueue adds parts to the pending ones, in rank order; r.mu must be held.
func (r *windowRead[T]) enqueue(nodes ...*windowNode[T]) {
	r.pending = append(r.pending, nodes...)
	slices.SortFunc(r.pending, func(a, b *windowNode[T]) int { return slices.Compare(a.rank, b.rank) })
	r.wake.Broadcast()
}

// assemble returns the results in order, each part's, parts in rank order, and where each
// part's results begin. A result met twice (Bird's pages shifted while the read ran, or
// parts that overlap) is kept once.
func (r *windowRead[T]) assemble() (*Listing[T], []int) {
	out := newChain(r.w.key, nil, 0)
	var starts []int // where each part's results begin
	within := 0      // results met twice within one part: only Bird's pages shifting does that
	var walk func(n *windowNode[T])
	walk = func(n *windowNode[T]) {
		if n.children == nil {
			starts = append(starts, len(out.out.Items))
			own := newChain(r.w.key, nil, 0)
			own.fresh(slices.Clone(n.items))
			within += own.repeats
			out.add(out.fresh(n.items), false)
			return
		}
		for _, child := range n.children {
			walk(child)
		}
	}
	walk(r.root)
	if r.outcome != nil && r.outcome.split != nil && r.outcome.split.overlap > 0 {
		out.repeats = within // overlapping parts meet results twice by design
	}
	return out.listing(), starts
}

// split divides the window of part n into parts for the workers that would otherwise be
// idle: a partition of n's window on the established timestamp, the first part from a cut
// at the oldest (or newest, oldest first) value of it on n's first page to n's near bound,
// so about that page again, the rest dividing what lies beyond. It reports whether it split:
// not when it is not worth it or the data does not allow it. A part other than the root
// that has read more than two pages is not split: its parts would read them again. r.mu
// must be held.
func (r *windowRead[T]) split(n *windowNode[T]) bool {
	idle := r.parallelism - r.active - len(r.pending)
	if n == r.root {
		idle++ // the root chain's worker is free once it splits
	}
	if r.order == 0 || idle < 1 || n.first < 2 || n != r.root && n.read > 2*r.limit {
		return false
	}
	results := n.items[:n.first]
	key := r.outcome.split.key
	first, last := r.w.times(&results[0])[r.key], r.w.times(&results[len(results)-1])[r.key]
	cut, ok := r.cut(results, key)
	if !ok || first.IsZero() || last.IsZero() {
		return false
	}
	// What lies beyond the cut runs from it to the far end, and the cut must lie strictly
	// inside n's window, or the first part would be n again.
	near, far, farText := n.span.hi, n.span.lo, n.span.loText
	if r.order < 0 {
		near, far, farText = n.span.lo, n.span.hi, n.span.hiText
	}
	if !near.IsZero() && r.order*cut.Compare(near) >= 0 || !far.IsZero() && r.order*cut.Compare(far) <= 0 {
		return false
	}
	perPage := time.Duration(r.limit) * max(absDuration(first.Sub(last))/time.Duration(len(results)-1), time.Millisecond)
	parts, step := idle, max(4*perPage, time.Second) // an open end: parts of about 4 pages
	if !far.IsZero() {
		width := time.Duration(r.order) * cut.Sub(far)
		parts = min(parts, int(min(width/perPage, width/time.Second, 1<<16)))
		// Less than a page, or a second, a part: the page token is cheaper. A nested split
		// reads its pages again, and earns it only with two parts or more beyond the cut.
		if parts < 1 || n != r.root && parts < 2 {
			return false
		}
		step = width / time.Duration(parts)
	}
	step = step.Truncate(time.Second)
	children := []*windowNode[T]{{span: r.part(n.span, cut, true), rank: append(slices.Clone(n.rank), 0)}}
	edge := cut
	for i := range parts {
		next, open := edge.Add(-time.Duration(r.order)*step), false
		if i == parts-1 {
			next, open = far, true // the far end stays as it was, open or not
		}
		s := r.between(next, edge, open, farText)
		children = append(children, &windowNode[T]{span: s, rank: append(slices.Clone(n.rank), i+1)})
		edge = next
	}
	n.children, n.done = children, true
	if n != r.root {
		n.items = nil // its first part reads them again
	}
	r.enqueue(children...)
	return true
}

// part returns the part of window s on the near side of a cut.
func (r *windowRead[T]) part(s span, cut time.Time, near bool) span {
	p := r.outcome.split
	if r.order > 0 == near {
		return span{lo: cut, loText: p.start(cut), loInner: true, hi: s.hi, hiText: s.hiText, hiInner: s.hiInner, overlap: p.overlap}
	}
	return span{lo: s.lo, loText: s.loText, loInner: s.loInner, hi: cut, hiText: p.end(cut), hiInner: true, overlap: p.overlap}
}

// between returns the part from edge to next, away from the near end; when last, next is
// the far end of the window, written as farText.
func (r *windowRead[T]) between(next, edge time.Time, last bool, farText string) span {
	p := r.outcome.split
	nextText, nextInner := p.start(next), true
	if r.order < 0 {
		nextText = p.end(next)
	}
	if last {
		nextText, nextInner = farText, false
	}
	if r.order > 0 {
		return span{lo: next, loText: nextText, loInner: nextInner, hi: edge, hiText: p.end(edge), hiInner: true, overlap: p.overlap}
	}
	return span{lo: edge, loText: p.start(edge), loInner: true, hi: next, hiText: nextText, hiInner: nextInner, overlap: p.overlap}
}

// cut returns a whole second of the established timestamp at the far side of a page's
// results: at or before the oldest of them, newest first (after the newest, oldest first).
// Any cut would make a partition; this one makes the first part about the pages read.
func (r *windowRead[T]) cut(results []T, key int) (time.Time, bool) {
	var out time.Time
	for i := range results {
		t := r.w.times(&results[i])[key]
		if !t.IsZero() && (out.IsZero() || r.order*t.Compare(out) < 0) {
			out = t
		}
	}
	if out.IsZero() {
		return out, false
	}
	if r.order < 0 {
		return out.Truncate(time.Second).Add(time.Second), true
	}
	return out.Truncate(time.Second), true
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
		case !falls && !rises && times(&results[0])[k].IsZero():
			// absent across the page: it orders nothing here
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

// holds reports whether a part holds a result with timestamp t: exactly within an inner
// bound, which a split made; within a second of slack of the query's own bounds, which Bird
// may compare to the second. An absent timestamp is held only where the window's start is
// open.
func (s span) holds(t time.Time) bool {
	switch {
	case t.IsZero():
		return s.loText == ""
	case s.loInner && t.Before(s.lo.Add(-s.overlap)), s.hiInner && s.overlap == 0 && !t.Before(s.hi), s.hiInner && t.After(s.hi):
		return false
	case !s.loInner && s.loText != "" && t.Before(s.lo.Add(-time.Second)):
		return false
	}
	return s.hiInner || s.hiText == "" || !t.After(s.hi.Add(time.Second))
}

// String describes a part for a log line.
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

// formatBound writes a part's bound as Bird's timestamps are written.
func formatBound(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// setBound sets a query parameter, or removes it for an open bound.
func setBound(q url.Values, key, value string) {
	if value == "" {
		q.Del(key)
		return
	}
	q.Set(key, value)
}
