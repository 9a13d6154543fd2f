package bird_test

// A minimal scripted Bird (from an outside review): it answers List Recordings from a slice
// kept in Bird's order, keeps the results that in() accepts for the query's startAt and
// endAt, and pages them with offset tokens, exactly as a simple SQL-backed API would (ORDER
// BY ... LIMIT ... OFFSET ...). It ignores every other filter, so no probe can narrow to one
// result, and it can change its data between pages.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// offsetBird is the scripted Bird.
type offsetBird struct {
	mu sync.Mutex
	// items are every recording, in the order Bird answers them.
	items []bird.Recording
	// in reports whether a recording is in the window [startAt, endAt]; a zero bound is open.
	in func(r *bird.Recording, startAt, endAt time.Time) bool
	// beforePage, when set, runs before each page is answered (under mu), with the number of
	// list requests answered so far: to change the data between pages.
	beforePage func(b *offsetBird, served int)
	// noDate answers without a Date header.
	noDate  bool
	served  int
	queries []string
}

// start serves b until the test ends.
func (b *offsetBird) start(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		parse := func(name string) time.Time {
			v := q.Get(name)
			if v == "" {
				return time.Time{}
			}
			tt, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				http.Error(w, `{"code":"InvalidParameter","message":"bad `+name+`"}`, http.StatusUnprocessableEntity)
				return time.Time{}
			}
			return tt
		}
		startAt, endAt := parse("startAt"), parse("endAt")
		limit := 10
		if v := q.Get("limit"); v != "" {
			limit, _ = strconv.Atoi(v)
		}
		offset := 0
		if v := q.Get("pageToken"); v != "" {
			offset, _ = strconv.Atoi(v)
		}
		b.mu.Lock()
		if b.beforePage != nil {
			b.beforePage(b, b.served)
		}
		b.served++
		b.queries = append(b.queries, r.URL.RawQuery)
		var match []bird.Recording
		for i := range b.items {
			if b.in == nil || b.in(&b.items[i], startAt, endAt) {
				match = append(match, b.items[i])
			}
		}
		noDate := b.noDate
		b.mu.Unlock()
		if noDate {
			w.Header()["Date"] = nil // net/http adds none then
		}
		writeOffsetPage(w, match, offset, limit)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// writeOffsetPage answers the page of match at offset, of limit results, with the offset of
// the next as its token, as a SQL-backed API would.
func writeOffsetPage(w http.ResponseWriter, match []bird.Recording, offset, limit int) {
	body := map[string]any{"results": []bird.Recording{}}
	if offset < len(match) {
		end := min(offset+limit, len(match))
		body["results"] = match[offset:end]
		if end < len(match) {
			body["nextPageToken"] = strconv.Itoa(end)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body)
}

// offsetList reads recordings of filter from srv with a client of the given parallelism.
func offsetList(t *testing.T, url string, parallelism int, filter bird.RecordingFilter, maxResults int) *bird.Listing[bird.Recording] {
	t.Helper()
	client, err := bird.NewClient(bird.Config{Endpoint: url, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: parallelism})
	if err != nil {
		t.Fatal(err)
	}
	l, err := client.ListRecordings(t.Context(), testWorkspace, filter, bird.ListOptions{MaxResults: maxResults})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// recordingIDs returns the IDs of recs, in order.
func recordingIDs(recs []bird.Recording) []string {
	out := make([]string, len(recs))
	for i := range recs {
		out[i] = recs[i].ID
	}
	return out
}

// offsetStamp writes t as Bird does.
func offsetStamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// offsetTime parses a timestamp; an absent one and Bird's zero time are zero.
func offsetTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() <= 1 {
		return time.Time{}
	}
	return t
}

// TestSequentialReadMeetsAnArrivalTwice: with offset page tokens, recordings that arrive at
// the head of a newest-first read between two of its pages shift the rest by as many, and
// the chain meets the last ones of a page again on the next. The read, listed or folded
// page by page (a summary's), keeps each once and says that Bird's pages shifted; without
// arrivals it says nothing.
func TestSequentialReadMeetsAnArrivalTwice(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	reads := map[string]func(t *testing.T, url string) ([]string, []string){
		"listed": func(t *testing.T, url string) ([]string, []string) {
			l := offsetList(t, url, 1, bird.RecordingFilter{}, 0)
			return recordingIDs(l.Items), l.Notes
		},
		"folded": func(t *testing.T, url string) ([]string, []string) {
			client, err := bird.NewClient(bird.Config{Endpoint: url, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 1, ShareReads: true})
			if err != nil {
				t.Fatal(err)
			}
			f, err := bird.Fold(t.Context(), client, bird.RecordingFacts, testWorkspace, bird.RecordingFilter{}, "", func() (func([]bird.RecordingFact), func() []string) {
				var ids []string
				return func(page []bird.RecordingFact) {
					for i := range page {
						ids = append(ids, page[i].ID)
					}
				}, func() []string { return ids }
			})
			if err != nil {
				t.Fatal(err)
			}
			return f.Value, f.Notes
		},
	}
	for _, arrivals := range []int{0, 3} {
		for way, read := range reads {
			t.Run(fmt.Sprint(arrivals, " arrivals, ", way), func(t *testing.T) {
				fake := &offsetBird{items: minutelyRecordings(250, newest, time.Minute)}
				fake.beforePage = func(b *offsetBird, served int) {
					if served == 1 { // before the second page
						fresh := minutelyRecordings(arrivals, newest.Add(time.Hour), time.Minute)
						for i := range fresh {
							fresh[i].ID = fmt.Sprintf("aaaaaaaa-0000-4000-8000-%012d", i)
						}
						b.items = append(fresh, b.items...)
					}
				}
				srv := fake.start(t)
				ids, notes := read(t, srv.URL)
				if want := recordingIDs(fake.items[arrivals:]); !slices.Equal(ids, want) {
					t.Fatalf("read %d recordings, want the %d there were when it started, each once", len(ids), len(want))
				}
				shifted := slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, "pages shifted") })
				if shifted != (arrivals > 0) || arrivals > 0 && !strings.Contains(notes[0], fmt.Sprint(arrivals, " results were met twice")) {
					t.Fatalf("notes %q after %d arrivals", notes, arrivals)
				}
			})
		}
	}
}
