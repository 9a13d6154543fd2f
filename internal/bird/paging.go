package bird

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"strconv"
)

// page is one page of a list endpoint.
type page[T any] struct {
	Results       []T    `json:"results"`
	NextPageToken string `json:"nextPageToken"`
}

// list returns an iterator over the items of a list endpoint at path, fetching a page only
// when the iteration reaches it. maxResults > 0 stops after that many items and sizes the last
// page to need no more, so that N items cost ceil(N/99) requests. A next-page token that
// repeats one already used, or is longer than the API allows, ends the iteration with an error
// instead of a loop.
func list[T any](ctx context.Context, c *Client, path string, query url.Values, maxResults int) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		seen := map[string]bool{}
		token, read := "", 0
		for {
			limit := MaxPageSize
			if maxResults > 0 {
				limit = min(limit, maxResults-read)
			}
			q := maps.Clone(query)
			if q == nil {
				q = url.Values{}
			}
			q.Set("limit", strconv.Itoa(limit))
			if token != "" {
				q.Set("pageToken", token)
			}

			var p page[T]
			if err := c.get(ctx, path, q, &p); err != nil {
				yield(nil, err)
				return
			}
			for i := range p.Results {
				if !yield(&p.Results[i], nil) {
					return
				}
				read++
				if maxResults > 0 && read >= maxResults {
					return
				}
			}

			token = p.NextPageToken
			switch {
			case token == "":
				return
			case len(token) > MaxPageTokenLength:
				yield(nil, pagingError(path, fmt.Sprintf("nextPageToken is %d characters long, more than the %d the API allows", len(token), MaxPageTokenLength)))
				return
			case seen[token]:
				yield(nil, pagingError(path, fmt.Sprintf("nextPageToken repeats a token already used in this read after %d results; stopping instead of looping", read)))
				return
			}
			seen[token] = true
		}
	}
}

// pagingError reports paging that would not end.
func pagingError(path, reason string) error {
	return &ResponseError{Method: http.MethodGet, Path: path, StatusCode: http.StatusOK, Reason: reason}
}
