package bird

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"time"
)

// Filter is the filter of a list endpoint: the query parameters it sends, repeated ones
// (channelId=a&channelId=b) included. A field that is not set is not sent.
type Filter interface {
	Query() url.Values
}

// Endpoint describes one list endpoint of Bird, once: paging, shared reads and windowed
// reads work from it, and nothing in those mechanisms names what is listed. T is the
// object listed, F its filter.
type Endpoint[T any, F Filter] struct {
	// Segments are the path below /workspaces/{workspaceId}, such as "channels", "calls".
	Segments []string
	// PageSize is the largest limit the endpoint accepts: every page of a read asks for it,
	// or for max_results when that is smaller.
	PageSize int
	// ID returns a result's ID.
	ID func(*T) string
	// Key, when set, returns what tells two results apart where the ID alone does not: the
	// calls log may hold one call ID on two channels, so a call is its ID and its channel.
	// Nil means the ID. No read ever merges two results whose keys differ.
	Key func(*T) string
	// Link returns a result's presigned link; nil for objects that carry none.
	Link func(*T) string
	// Keep, when set, returns which results of a filter to keep, for what the filter asks
	// but Bird cannot filter on: the read then follows every page.
	Keep func(F) func(*T) bool
	// Times, when set, makes a read with startAt or endAt windowed (see windowed.go): the
	// timestamps of a result that startAt and endAt may bound, then those Bird may only
	// order by, zero when absent, named by TimeNames (Bird's field names) in the same order.
	// BoundTimes says how many of them, from the first, a bound may compare: the probes ask
	// about those, and the checks check the order on every one of them. The first is the
	// creation time, which never changes: a streamed read (stream.go) relies on it.
	Times      func(*T) []time.Time
	TimeNames  []string
	BoundTimes int
	// Narrow returns the filter that asks Bird for a result alone, or among few (a
	// recording by its source, a call by its ID and channel), for the probes a parallel read
	// makes before it splits (probe.go); false when the result has nothing to narrow by. A
	// windowed endpoint without it is never split.
	Narrow func(*T) (F, bool)
}

// List reads the results of endpoint e in a workspace that match filter, in Bird's order,
// every page of them or opts.MaxResults. A windowed endpoint read with a time bound, a
// ReadParallelism above one and no MaxResults may read parts of its window at once
// (windowed.go); with ShareReads, an identical read made before by this client is shared
// (shared.go). A result met twice is kept once, and the listing's notes say so.
func List[T any, F Filter](ctx context.Context, c *Client, e *Endpoint[T, F], workspaceID string, filter F, opts ListOptions) (*Listing[T], error) {
	path, query, keep := e.request(workspaceID, filter)
	// The object type is part of the key: two descriptors may read one path into different
	// types (a summary's facts and the list's objects).
	var zero T
	key := fmt.Sprintf("%T %s?%s filter=%+v max=%d", zero, path, query.Encode(), filter, opts.MaxResults)
	linked := func(*Listing[T]) bool { return false }
	if e.Link != nil {
		linked = anyLinked(e.Link)
	}
	return shared(ctx, c.shared, key, linked, func(ctx context.Context) (*Listing[T], error) {
		return e.read(ctx, c, path, query, keep, opts)
	})
}

// request returns the path and query of a read of e in a workspace by filter, and which
// results it keeps (all when nil).
func (e *Endpoint[T, F]) request(workspaceID string, filter F) (path string, query url.Values, keep func(*T) bool) {
	if e.Keep != nil {
		keep = e.Keep(filter)
	}
	return workspacePath(workspaceID, e.Segments...), filter.Query(), keep
}

// read reads what List reads, unshared: the chain of pages, or in parallel where the client
// and the query allow it.
func (e *Endpoint[T, F]) read(ctx context.Context, c *Client, path string, query url.Values, keep func(*T) bool, opts ListOptions) (*Listing[T], error) {
	switch {
	case !e.windowed(query, keep) || c.readParallelism <= 1:
		return readAll(ctx, c, path, query, e.PageSize, opts.MaxResults, e.key(), keep)
	case opts.MaxResults > 0:
		l, err := readAll(ctx, c, path, query, e.PageSize, opts.MaxResults, e.key(), keep)
		if err == nil {
			l.Notes = append(l.Notes, maxResultsNote)
		}
		return l, err
	}
	return readWindowed(ctx, c, path, query, e.PageSize, c.readParallelism, e.windowedBy())
}

// maxResultsNote says why a read asked to read in parallel was not.
const maxResultsNote = "The read was not split, because max_results is set: a read that stops early follows Bird's own chain of pages, as read_parallelism = 1 reads."

// windowedBy returns what a windowed read of e needs of its results.
func (e *Endpoint[T, F]) windowedBy() windowed[T] {
	w := windowed[T]{key: e.key(), times: e.Times, names: e.TimeNames, bounded: e.BoundTimes, updated: e.updatedAt(), narrow: func(*T) (url.Values, bool) { return nil, false }}
	if e.Narrow != nil {
		w.narrow = func(item *T) (url.Values, bool) {
			f, ok := e.Narrow(item)
			return f.Query(), ok
		}
	}
	return w
}

// updatedAt returns the index of updatedAt in e's Times, or -1: what shows that a result
// changed while a streamed read ran (stream.go).
func (e *Endpoint[T, F]) updatedAt() int { return slices.Index(e.TimeNames, "updatedAt") }

// key returns what tells two of e's results apart: Key, else ID.
func (e *Endpoint[T, F]) key() func(*T) string {
	if e.Key != nil {
		return e.Key
	}
	return e.ID
}

// windowed reports whether a read of e with query, keeping what keep accepts (all when nil),
// has a time window a parallel read may split: one that keeps every result of its pages.
func (e *Endpoint[T, F]) windowed(query url.Values, keep func(*T) bool) bool {
	return e.Times != nil && keep == nil && (query.Has("startAt") || query.Has("endAt"))
}

// getOne reads the object at the path below /workspaces/{workspaceID}.
func getOne[T any](ctx context.Context, c *Client, workspaceID string, segments ...string) (*T, error) {
	var out T
	if err := c.get(ctx, workspacePath(workspaceID, segments...), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// anyLinked returns whether any result of a listing has a presigned link.
func anyLinked[T any](link func(*T) string) func(*Listing[T]) bool {
	return func(l *Listing[T]) bool {
		for i := range l.Items {
			if link(&l.Items[i]) != "" {
				return true
			}
		}
		return false
	}
}

// pageSize is the limit of every page of a read: the endpoint's largest, or maxResults
// when smaller.
func pageSize(largest, maxResults int) int {
	if maxResults > 0 {
		return min(largest, maxResults)
	}
	return largest
}

// timestamps parses Bird's timestamps for a windowed read; an absent one, an unparsable one
// and Bird's zero time (0001-01-01T00:00:00Z, "not happened") are all zero.
func timestamps(values ...string) []time.Time {
	out := make([]time.Time, len(values))
	for i, v := range values {
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil && t.Year() > 1 {
			out[i] = t
		}
	}
	return out
}
