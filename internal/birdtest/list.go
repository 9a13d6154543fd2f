package birdtest

import (
	"cmp"
	"encoding/json"
	"hash/fnv"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// listEndpoint describes one list endpoint of the fake: where its objects are kept, how it
// validates and applies its filters, and, for a windowed one, the timestamps its window
// bounds. serveList does the rest (paging with the endpoint's page size, the limit, the
// window and its semantics) the same way for every endpoint.
type listEndpoint[T any] struct {
	// pageSize is the largest limit the endpoint accepts.
	pageSize int
	// name names the endpoint's objects in a workspace, such as "channels".
	name string
	// id returns an object's ID.
	id func(*T) string
	// filter reads the query's filters, reporting a bad one to c, and returns whether an
	// object matches them.
	filter func(c *queryChecker) func(*T) bool
	// stamps, for an endpoint that takes startAt and endAt, returns an object's creation,
	// start and end timestamps, which Semantics choose from.
	stamps func(*T) (created, started, ended string)
	// show presents an object as it is answered (with a fresh link); s.mu is held. Nil
	// answers objects as they are stored.
	show func(s *Server, item T) T
}

// items returns where a workspace keeps the objects of e, made on first use; s.mu must be
// held. An endpoint needs no field of its own in workspace.
func (e listEndpoint[T]) items(ws *workspace) *[]T {
	stored, ok := ws.lists[e.name].(*[]T)
	if !ok {
		stored = new([]T)
		ws.lists[e.name] = stored
	}
	return stored
}

// WithHidden is an object as the fake keeps it when Bird filters on a field it does not
// return (a number's providerId): the server answers Object alone, and a filter reads Hidden.
type WithHidden[T any] struct {
	Object T
	Hidden map[string]string
}

// MarshalJSON answers the object alone.
func (h WithHidden[T]) MarshalJSON() ([]byte, error) { return json.Marshal(h.Object) }

// present returns how the server answers an object of e; s.mu must be held.
func (e listEndpoint[T]) present(s *Server) func(T) T {
	if e.show == nil {
		return func(item T) T { return item }
	}
	return func(item T) T { return e.show(s, item) }
}

// serveGet serves GET .../{id} of the list endpoint e: one object of kind by its ID, or 404.
func serveGet[T any](s *Server, e listEndpoint[T], kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ws, ok := s.lookup(w, r)
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		getByID(w, r, *e.items(ws), e.id, e.present(s), kind)
	}
}

// serveList serves the list endpoint e.
func serveList[T any](s *Server, e listEndpoint[T]) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ws, ok := s.lookup(w, r)
		if !ok {
			return
		}
		c := queryChecker{q: r.URL.Query()}
		match := e.filter(&c)
		var startAt, endAt time.Time
		if e.stamps != nil {
			startAt, endAt = c.dateTime("startAt"), c.dateTime("endAt")
		}
		if !c.ok(w) {
			return
		}
		p, ok := parsePage(w, r, r.URL.Path+"?"+filterQuery(r.URL.Query()), e.pageSize)
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		items, inWindow := *e.items(ws), func(*T) bool { return true }
		if e.stamps != nil {
			t := timed[T]{s.semantics, e.stamps, e.id}
			items = t.forQuery(items, c.q.Get("startAt"), c.q.Get("endAt"))
			inWindow = func(item *T) bool { return t.inWindow(item, startAt, endAt) }
		}
		writePage(w, items, p, s.quirks, func(item *T) bool { return inWindow(item) && match(item) }, e.present(s))
	}
}

// addItems stores objects of endpoint e in a workspace, creating it when needed, in the
// order the server answers them.
func addItems[T any](s *Server, workspaceID string, e listEndpoint[T], items ...T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.workspaceLocked(workspaceID)
	stored := e.items(ws)
	*stored = append(*stored, items...)
	e.sort(ws, s.semantics)
}

// sort orders a workspace's objects of e as sem answers them, when e is windowed.
func (e listEndpoint[T]) sort(ws *workspace, sem Semantics) {
	if e.stamps != nil {
		timed[T]{sem, e.stamps, e.id}.sort(*e.items(ws))
	}
}

// filterQuery is the query without its paging parameters, encoded in one canonical order:
// the scope a page token is valid for.
func filterQuery(q url.Values) string {
	q = maps.Clone(q) // Del removes keys and leaves the shared value slices alone
	q.Del("limit")
	q.Del("pageToken")
	return q.Encode()
}

// timed applies Semantics to the objects of one endpoint through their timestamps.
type timed[T any] struct {
	sem    Semantics
	stamps func(*T) (created, started, ended string)
	id     func(*T) string
}

// bound is the timestamp of item that the window's start (or, when end is true, its end)
// bounds.
func (t timed[T]) bound(item *T, end bool) string {
	created, started, ended := t.stamps(item)
	switch {
	case t.sem.TimeRange && end:
		return ended
	case t.sem.TimeRange, t.sem.StartedAt:
		return started
	}
	return created
}

// order is the timestamp of item that the order follows.
func (t timed[T]) order(item *T) string {
	created, started, _ := t.stamps(item)
	if (t.sem.StartedAt || t.sem.TimeRange) != t.sem.OrderByOther {
		return started
	}
	return created
}

// compare orders two objects by their timestamp, in the server's direction.
func (t timed[T]) compare(a, b *T) int {
	if t.sem.OldestFirst {
		return strings.Compare(t.order(a), t.order(b))
	}
	return strings.Compare(t.order(b), t.order(a))
}

// sort orders items as the server answers them; objects with the same timestamp keep the
// order they were added in.
func (t timed[T]) sort(items []T) {
	slices.SortStableFunc(items, func(a, b T) int { return t.compare(&a, &b) })
}

// forQuery returns items in the order one query's pages see them: as stored, or, with
// TiesByQuery, with each run of equal timestamps reordered by a hash of the window.
func (t timed[T]) forQuery(items []T, startAt, endAt string) []T {
	if !t.sem.TiesByQuery {
		return items
	}
	out := slices.Clone(items)
	rank := func(item *T) uint64 {
		h := fnv.New64a()
		_, _ = h.Write([]byte(startAt + "|" + endAt + "|" + t.id(item)))
		return h.Sum64()
	}
	slices.SortStableFunc(out, func(a, b T) int {
		if c := t.compare(&a, &b); c != 0 {
			return c
		}
		return cmp.Compare(rank(&a), rank(&b))
	})
	return out
}

// inWindow reports whether item's timestamps are within [startAt, endAt] (or as Ends says),
// each bound first truncated or rounded as Bounds says; a zero bound is open. An object
// without the timestamp a bound compares is outside it.
func (t timed[T]) inWindow(item *T, startAt, endAt time.Time) bool {
	if !startAt.IsZero() {
		at, err := time.Parse(time.RFC3339Nano, t.bound(item, false))
		startAt = t.sem.Bounds.apply(startAt)
		if err != nil || at.Before(startAt) || t.sem.Ends == BothExclusive && at.Equal(startAt) {
			return false
		}
	}
	if !endAt.IsZero() {
		at, err := time.Parse(time.RFC3339Nano, t.bound(item, true))
		endAt = t.sem.Bounds.apply(endAt)
		if err != nil || at.After(endAt) || t.sem.Ends != BothInclusive && at.Equal(endAt) {
			return false
		}
	}
	return true
}
