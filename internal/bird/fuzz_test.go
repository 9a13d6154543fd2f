package bird_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// FuzzListRecordingsResponse feeds arbitrary bodies to the client as a page: it must end in
// recordings or a documented error, never a panic, and never quote the key.
func FuzzListRecordingsResponse(f *testing.F) {
	for _, file := range []string{"list_recordings_real.json", "list_recordings_schema.json"} {
		golden, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(golden, 200)
	}
	f.Add([]byte(`{"results":[],"nextPageToken":""}`), 200)
	f.Add([]byte(`{"results":[{"id":"a","duration":"x"}]}`), 200)
	f.Add([]byte(`{"results":[{"originator":{"number":null,"contact":{}}}]}`), 200)
	f.Add([]byte(`<html>oops `+testKey+`</html>`), 502)
	f.Add([]byte(`{"code":"NotFound","message":"workspace not found"}`), 404)
	f.Add([]byte(`{"results":[`), 200)
	f.Add([]byte{0xff, 0xfe, 0x00}, 200)
	// One server and one client for every input: a server per input exhausts loopback ports.
	var (
		mu     sync.Mutex
		status int
		body   []byte
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Query().Has("pageToken") { // a next page: end the listing
			_, _ = w.Write([]byte(`{"results":[]}`))
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	f.Cleanup(srv.Close)
	c, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e9})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in []byte, code int) {
		if code < 200 || code > 599 || code == 429 || (code >= 300 && code < 400) || code >= 500 {
			code = 200 // retried and redirect statuses are covered by the fault tests
		}
		mu.Lock()
		status, body = code, in
		mu.Unlock()
		var page struct {
			Results []bird.Recording `json:"results"`
		}
		valid := code == 200 && json.Unmarshal(in, &page) == nil
		l, err := c.ListRecordings(t.Context(), testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
		if err != nil {
			var apiErr *bird.APIError
			var respErr *bird.ResponseError
			if !errors.As(err, &apiErr) && !errors.As(err, &respErr) {
				t.Fatalf("undocumented error %T: %v", err, err)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Fatalf("the error quotes the key: %v", err)
			}
			if valid && respErr == nil {
				t.Fatalf("a valid page failed: %v", err)
			}
			return
		}
		n := len(l.Items)
		if !valid {
			t.Fatalf("status %d body %q was accepted", code, in)
		}
		if n != len(page.Results) {
			t.Fatalf("got %d recordings, the page holds %d", n, len(page.Results))
		}
	})
}

// FuzzRecordingFilterQuery checks that every filter value reaches its query parameter
// unchanged, and that unset filters are not sent.
func FuzzRecordingFilterQuery(f *testing.F) {
	f.Add("50fa2203-66c2-4820-864a-1a8002952f4e", "incoming", "2026-11-01T00:00:00+01:00", "+31 970 &x=y", "")
	f.Add("", "", "", "", "")
	f.Add("a/b?c#d", "%zz", "\x00", "é", "=")
	f.Fuzz(func(t *testing.T, id, direction, at, from, to string) {
		filter := bird.RecordingFilter{SourceID: id, ChannelID: id, CallID: id, Direction: direction, Status: direction, StartAt: at, EndAt: at, From: from, To: to}
		q := filter.Query()
		for key, want := range map[string]string{
			"sourceId": id, "channelId": id, "id": id, "direction": direction, "status": direction,
			"startAt": at, "endAt": at, "from": from, "to": to,
		} {
			if want == "" {
				if q.Has(key) {
					t.Fatalf("unset %s was sent as %q", key, q.Get(key))
				}
				continue
			}
			if got := q.Get(key); got != want {
				t.Fatalf("%s: got %q, want %q", key, got, want)
			}
		}
		// And it survives the wire: encoding and decoding the query changes nothing.
		decoded, err := url.ParseQuery(q.Encode())
		if err != nil || decoded.Encode() != q.Encode() {
			t.Fatalf("query %q did not round-trip: %v", q.Encode(), err)
		}
	})
}
