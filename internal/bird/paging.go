package bird

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// maxEmptyPages is how many pages in a row may come back empty with a next-page token before
// a read gives up: an empty last page that still carries a token is a shape to accept, an
// endless run of them is a server that would keep the read going until its timeout.
const maxEmptyPages = 10

// pager is what pages needs of a decoded page.
type pager interface {
	nextToken() string
	size() int
}

// page is one page of a list endpoint.
type page[T any] struct {
	Results       []T    `json:"results"`
	NextPageToken string `json:"nextPageToken"`
	// answered is when Bird answered it, by its Date header; zero without one.
	answered time.Time
}

// dated is a decoded answer that keeps when Bird answered it.
type dated interface{ setDate(date string) }

// setDate keeps the page's Date header.
func (p *page[T]) setDate(date string) {
	if t, err := http.ParseTime(date); err == nil {
		p.answered = t
	}
}

// nextToken returns the page's next-page token.
func (p *page[T]) nextToken() string { return p.NextPageToken }

// size returns how many results the page holds.
func (p *page[T]) size() int { return len(p.Results) }

// pages returns an iterator over the pages of the endpoint at path, each of limit items,
// fetching a page only when the iteration reaches it. The page size stays the same for the
// whole read, because a page token may be valid only with the size it was issued for. A
// next-page token that repeats one already used (found within about twice the loop's
// length of pages), is longer than the API allows, or follows too many empty pages, ends
// the iteration with an error instead of a loop.
func pages[P any, PP interface {
	*P
	pager
}](ctx context.Context, c *Client, path string, query url.Values, limit int) iter.Seq2[*P, error] {
	return func(yield func(*P, error) bool) {
		// A token that comes back means a loop. Brent's check finds one whatever its length,
		// within about twice its length of pages after it starts, keeping one token rather
		// than every page's: each token is compared with the one saved, which moves on at
		// every power of two.
		saved, power, steps := "", 1, 0
		token, read, empty := "", 0, 0
		for {
			q := maps.Clone(query)
			if q == nil {
				q = url.Values{}
			}
			q.Set("limit", strconv.Itoa(limit))
			if token != "" {
				q.Set("pageToken", token)
			}
			p := PP(new(P))
			if err := c.get(ctx, path, q, p); err != nil {
				yield(nil, err)
				return
			}
			if !yield(p, nil) {
				return
			}
			read += p.size()
			if p.size() == 0 {
				empty++
			} else {
				empty = 0
			}

			token = p.nextToken()
			switch {
			case token == "":
				return
			case len(token) > MaxPageTokenLength:
				yield(nil, pagingError(path, fmt.Sprintf("nextPageToken is %d characters long, more than the %d the API allows", len(token), MaxPageTokenLength)))
				return
			case token == saved:
				yield(nil, pagingError(path, fmt.Sprintf("nextPageToken repeats a token already used in this read after %d results; stopping instead of looping", read)))
				return
			case empty >= maxEmptyPages:
				yield(nil, pagingError(path, fmt.Sprintf("%d pages in a row were empty but carried a nextPageToken; stopping instead of paging on", empty)))
				return
			}
			if steps++; steps == power {
				saved, power, steps = token, 2*power, 0
			}
		}
	}
}

// Listing is the result of a list read.
type Listing[T any] struct {
	// Items are the results, in Bird's order.
	Items []T
	// Truncated says that MaxResults stopped the read while Bird signalled more: results past
	// it, a next page token, or sub-windows not read.
	Truncated bool
	// Notes say how a read that was asked to read in parallel was read (split, not split or
	// fallen back, and why), for the caller to show as a warning: which read ran must be
	// visible without a debug log.
	Notes []string
}

// ListOptions tunes a list read.
type ListOptions struct {
	// MaxResults stops the read after this many results (that keep accepts); zero reads all.
	MaxResults int
}

// readAll reads a list endpoint at path as one chain of pages, keeping the results that keep
// accepts (all when nil), until the last page or maxResults of them. Pages hold
// min(largest, maxResults) results, or largest with keep, so N results cost
// ceil(N/largest) requests.
func readAll[T any](ctx context.Context, c *Client, path string, query url.Values, largest, maxResults int, key func(*T) string, keep func(*T) bool) (*Listing[T], error) {
	limit := pageSize(largest, maxResults)
	if keep != nil {
		limit = largest // matches can be on any page
	}
	out := newChain(key, keep, maxResults)
	if err := out.follow(ctx, c, path, query, limit); err != nil {
		return nil, err
	}
	return out.listing(), nil
}

// shiftedNote says that a read met a result twice.
const shiftedNote = "Bird's pages shifted during the read: %d results were met twice (objects arrived or changed while it paged), and each was kept once. A window that ends in the past (end_at) does not shift."

// chain collects the results of a chain of pages, or of a windowed read's parts, in order:
// those that keep accepts (all when nil), up to maxResults (all when 0). A result met again,
// its key that of one met before, is kept once and counted: with offset page tokens, objects
// that arrive during a newest-first read shift the pages, and the chain meets one twice. (A
// streamed read remembers fewer keys: see stream.go.)
type chain[T any] struct {
	key        func(*T) string
	keep       func(*T) bool
	maxResults int
	seen       map[string]bool
	repeats    int
	out        Listing[T]
}

// newChain returns an empty chain; key tells two results apart.
func newChain[T any](key func(*T) string, keep func(*T) bool, maxResults int) *chain[T] {
	return &chain[T]{key: key, keep: keep, maxResults: maxResults, seen: map[string]bool{}}
}

// follow adds the results of the chain of pages that query starts (at its pageToken, when it
// has one), until the last page or enough of them.
func (l *chain[T]) follow(ctx context.Context, c *Client, path string, query url.Values, limit int) error {
	for p, err := range pages[page[T]](ctx, c, path, query, limit) {
		if err != nil {
			return err
		}
		if l.add(l.fresh(p.Results), p.NextPageToken != "") {
			return nil
		}
	}
	return nil
}

// fresh returns the results of a page that the chain has not met, in order, counting the
// others; it may reuse results' array.
func (l *chain[T]) fresh(results []T) []T {
	out := results[:0:0]
	for i := range results {
		k := l.key(&results[i])
		if l.seen[k] {
			l.repeats++
			continue
		}
		l.seen[k] = true
		out = append(out, results[i])
	}
	if len(out) == len(results) {
		return results
	}
	return out
}

// add appends the results that keep accepts up to maxResults, and reports whether the read
// has enough: a result past maxResults, or maxResults of them with more to read, which also
// marks the listing truncated.
func (l *chain[T]) add(results []T, more bool) bool {
	for i := range results {
		if l.keep != nil && !l.keep(&results[i]) {
			continue
		}
		if l.maxResults > 0 && len(l.out.Items) == l.maxResults {
			l.out.Truncated = true // a result past maxResults
			return true
		}
		l.out.Items = append(l.out.Items, results[i])
	}
	if l.maxResults > 0 && len(l.out.Items) == l.maxResults && more {
		l.out.Truncated = true // a next page
		return true
	}
	return false
}

// notes returns what the chain has to say: that Bird's pages shifted, when they did.
func (l *chain[T]) notes() []string { return shiftedNotes(l.repeats) }

// shiftedNotes says that a read met repeats results twice, when it did.
func shiftedNotes(repeats int) []string {
	if repeats == 0 {
		return nil
	}
	return []string{fmt.Sprintf(shiftedNote, repeats)}
}

// listing returns what the chain collected.
func (l *chain[T]) listing() *Listing[T] {
	l.out.Notes = l.notes()
	return &l.out
}

// pagingError reports paging that would not end.
func pagingError(path, reason string) error {
	return &ResponseError{Method: http.MethodGet, Path: path, StatusCode: http.StatusOK, Reason: reason, Paging: true}
}
