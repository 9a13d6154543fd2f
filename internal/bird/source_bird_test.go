package bird_test

// A scripted Bird for the windowed tests: offsetBird's offset page tokens and windows, but it
// also honours sourceId, as Bird does, so that the probes can narrow to one recording.

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// sourceBird is the scripted Bird.
type sourceBird struct {
	mu sync.Mutex
	// items are every recording, in the order Bird answers them.
	items []bird.Recording
	// in reports whether a recording is in the window; a zero bound is open.
	in func(r *bird.Recording, startAt, endAt time.Time) bool
	// answer, when set, may rewrite a page's results before they are sent (under mu),
	// given the query.
	answer func(q map[string][]string, results []bird.Recording) []bird.Recording
	// parse parses a bound; RFC 3339 when nil.
	parse func(string) (time.Time, error)
}

// start serves b until the test ends.
func (b *sourceBird) start(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		parse := b.parse
		if parse == nil {
			parse = func(v string) (time.Time, error) { return time.Parse(time.RFC3339Nano, v) }
		}
		var bounds [2]time.Time
		for i, name := range []string{"startAt", "endAt"} {
			if v := q.Get(name); v != "" {
				tt, err := parse(v)
				if err != nil {
					http.Error(w, `{"code":"InvalidParameter","message":"bad `+name+`"}`, http.StatusUnprocessableEntity)
					return
				}
				bounds[i] = tt
			}
		}
		limit := 10
		if v := q.Get("limit"); v != "" {
			limit, _ = strconv.Atoi(v)
		}
		offset := 0
		if v := q.Get("pageToken"); v != "" {
			offset, _ = strconv.Atoi(v)
		}
		b.mu.Lock()
		var match []bird.Recording
		for i := range b.items {
			if s := q.Get("sourceId"); s != "" && b.items[i].SourceID != s {
				continue
			}
			if b.in == nil || b.in(&b.items[i], bounds[0], bounds[1]) {
				match = append(match, b.items[i])
			}
		}
		body := map[string]any{"results": []bird.Recording{}}
		if offset < len(match) {
			end := min(offset+limit, len(match))
			results := match[offset:end]
			if b.answer != nil {
				results = b.answer(q, results)
			}
			body["results"] = results
			if end < len(match) {
				body["nextPageToken"] = strconv.Itoa(end)
			}
		}
		b.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// requireSequentialRead fails unless the parallel read par returned the sequential read
// seq's recordings in its order, naming those it missed.
func requireSequentialRead(t *testing.T, par, seq *bird.Listing[bird.Recording]) {
	t.Helper()
	if got, want := recordingIDs(par.Items), recordingIDs(seq.Items); !slices.Equal(got, want) {
		var missing []string
		for _, id := range want {
			if !slices.Contains(got, id) {
				missing = append(missing, id)
			}
		}
		t.Fatalf("parallel read returned %d recordings, the sequential read %d; missing %v; notes %q", len(got), len(want), missing, par.Notes)
	}
}
