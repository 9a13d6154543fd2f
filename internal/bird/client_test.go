package bird_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

const (
	testKey       = "test-access-key-7f3a9c"
	testWorkspace = "8bc02f53-87ac-48d2-b4fd-c2cf856a305f"
)

// newTestClient starts a fake Bird API with n seeded recordings and a client for it with
// fast retries.
func newTestClient(t *testing.T, n int, mutate ...func(*bird.Config)) (*bird.Client, *birdtest.Server) {
	t.Helper()
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	srv.AddRecordings(testWorkspace, birdtest.SeedRecordings(n, 1)...)
	cfg := bird.Config{
		Endpoint:          srv.URL,
		AccessKey:         testKey,
		UserAgent:         "bird-test/1",
		RequestsPerSecond: 1000,
		MaxRetries:        bird.DefaultMaxRetries,
		RetryWaitMin:      time.Millisecond,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := bird.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// collect reads every recording an iteration yields, or its error.
func collect(t *testing.T, c *bird.Client, f bird.RecordingFilter, maxResults int) ([]*bird.Recording, error) {
	t.Helper()
	l, err := c.ListRecordings(t.Context(), testWorkspace, f, bird.ListOptions{MaxResults: maxResults})
	if err != nil {
		return nil, err
	}
	out := make([]*bird.Recording, len(l.Items))
	for i := range l.Items {
		out[i] = &l.Items[i]
	}
	return out, nil
}

func TestListRecordingsPagesThroughEverything(t *testing.T) {
	c, srv := newTestClient(t, 250)
	recs, err := collect(t, c, bird.RecordingFilter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := birdtest.SeedRecordings(250, 1)
	if len(recs) != len(want) {
		t.Fatalf("got %d recordings, want %d", len(recs), len(want))
	}
	for i := range want {
		if recs[i].ID != want[i].ID {
			t.Fatalf("recording %d: got ID %s, want %s (newest first)", i, recs[i].ID, want[i].ID)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("got %d requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		if got := r.Query.Get("limit"); got != "99" {
			t.Errorf("request %d: limit=%s, want 99", i, got)
		}
		if !r.Authorized {
			t.Errorf("request %d was not sent with Authorization: AccessKey <key>", i)
		}
		if r.UserAgent != "bird-test/1" {
			t.Errorf("request %d: User-Agent %q", i, r.UserAgent)
		}
		if r.Path != "/workspaces/"+testWorkspace+"/recordings" {
			t.Errorf("request %d: path %s", i, r.Path)
		}
	}
	if reqs[0].Query.Has("pageToken") || !reqs[1].Query.Has("pageToken") {
		t.Errorf("pageToken sent wrongly: %v, %v", reqs[0].Query, reqs[1].Query)
	}
}

func TestListRecordingsRequestsCeilNOver99(t *testing.T) {
	for _, tc := range []struct{ stored, max, wantRecs, wantReqs int }{
		{0, 0, 0, 1}, {1, 0, 1, 1}, {99, 0, 99, 1}, {100, 0, 100, 2}, {198, 0, 198, 2}, {1000, 0, 1000, 11},
		{250, 5, 5, 1}, {250, 99, 99, 1}, {250, 100, 100, 2}, {250, 198, 198, 2}, {250, 500, 250, 3},
	} {
		t.Run(strconv.Itoa(tc.stored)+"/"+strconv.Itoa(tc.max), func(t *testing.T) {
			c, srv := newTestClient(t, tc.stored)
			recs, err := collect(t, c, bird.RecordingFilter{}, tc.max)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != tc.wantRecs || len(srv.Requests()) != tc.wantReqs {
				t.Fatalf("got %d recordings in %d requests, want %d in %d", len(recs), len(srv.Requests()), tc.wantRecs, tc.wantReqs)
			}
			if tc.max == 5 {
				if got := srv.Requests()[0].Query.Get("limit"); got != "5" {
					t.Errorf("limit=%s, want 5", got)
				}
			}
		})
	}
}

func TestListRecordingsSendsEveryFilter(t *testing.T) {
	c, srv := newTestClient(t, 30)
	f := bird.RecordingFilter{
		SourceID: "50fa2203-66c2-4820-864a-1a8002952f4e", ChannelID: birdtest.SeedChannels[0],
		CallID: "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd", Direction: "incoming", Status: "failed",
		StartAt: "2026-10-01T00:00:00Z", EndAt: "2026-11-02T00:00:00+01:00", From: "+3197004499436", To: "+351919150029",
	}
	if _, err := collect(t, c, f, 0); err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"sourceId": {f.SourceID}, "channelId": {f.ChannelID}, "id": {f.CallID}, "direction": {"incoming"},
		"status": {"failed"}, "startAt": {f.StartAt}, "endAt": {f.EndAt}, "from": {f.From}, "to": {f.To}, "limit": {"99"},
	}
	if got := srv.Requests()[0].Query; got.Encode() != want.Encode() {
		t.Fatalf("query\n got %s\nwant %s", got.Encode(), want.Encode())
	}
}

func TestListRecordingsFiltersApply(t *testing.T) {
	c, _ := newTestClient(t, 300)
	recs, err := collect(t, c, bird.RecordingFilter{Direction: "incoming", Status: "failed", ChannelID: birdtest.SeedChannels[1]}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatal("no recordings matched; the seed should hold some")
	}
	for _, r := range recs {
		if r.Direction != "incoming" || r.Status != "failed" || r.ChannelID != birdtest.SeedChannels[1] {
			t.Fatalf("recording %s does not match the filter: %s %s %s", r.ID, r.Direction, r.Status, r.ChannelID)
		}
	}
}

func TestErrorsCarryStatusCodeAndMessage(t *testing.T) {
	for _, tc := range []struct {
		name      string
		mutate    func(*bird.Config)
		workspace string
		filter    bird.RecordingFilter
		status    int
		contains  string
	}{
		{"401", func(c *bird.Config) { c.AccessKey = "wrong-key" }, testWorkspace, bird.RecordingFilter{}, 401, "missing or invalid access key"},
		{"404", nil, "00000000-0000-4000-8000-000000000000", bird.RecordingFilter{}, 404, "workspace 00000000-0000-4000-8000-000000000000 not found"},
		{"422", nil, testWorkspace, bird.RecordingFilter{Status: "bogus"}, 422, "status must be one of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mutate []func(*bird.Config)
			if tc.mutate != nil {
				mutate = append(mutate, tc.mutate)
			}
			c, srv := newTestClient(t, 3, mutate...)
			_, err := c.ListRecordings(t.Context(), tc.workspace, tc.filter, bird.ListOptions{})
			var apiErr *bird.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v, want an *APIError", err)
			}
			if apiErr.StatusCode != tc.status || apiErr.Method != "GET" || !strings.Contains(apiErr.Message, tc.contains) {
				t.Fatalf("got %+v", apiErr)
			}
			if !strings.Contains(apiErr.Path, "/workspaces/"+tc.workspace+"/recordings") {
				t.Errorf("path %q", apiErr.Path)
			}
			if strings.Contains(err.Error(), "wrong-key") || strings.Contains(err.Error(), testKey) {
				t.Errorf("the error shows the key: %v", err)
			}
			if got := len(srv.Requests()); got != 1 {
				t.Errorf("a %d was sent %d times; it must not be retried", tc.status, got)
			}
		})
	}
}

func TestGetRecording(t *testing.T) {
	c, srv := newTestClient(t, 10)
	want := birdtest.SeedRecordings(10, 1)[4]
	got, err := c.GetRecording(t.Context(), testWorkspace, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != want.ID || got.URL != want.URL || got.CreatedAt != want.CreatedAt {
		t.Fatalf("got %+v", got)
	}
	if p := srv.Requests()[0].Path; p != "/workspaces/"+testWorkspace+"/recordings/"+want.ID {
		t.Errorf("path %s", p)
	}
	_, err = c.GetRecording(t.Context(), testWorkspace, "00000000-0000-4000-8000-000000000000")
	if !bird.IsNotFound(err) {
		t.Fatalf("got %v, want a 404", err)
	}
}

func TestEndpointWithPathPrefix(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	defer srv.Close()
	srv.AddRecordings(testWorkspace, birdtest.SeedRecordings(2, 1)...)
	prefixed := httptest.NewServer(http.StripPrefix("/bird/v1", srv.Config.Handler))
	defer prefixed.Close()

	// A path prefix is kept and a trailing slash is fine.
	c, err := bird.NewClient(bird.Config{Endpoint: prefixed.URL + "/bird/v1/", AccessKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := collect(t, c, bird.RecordingFilter{}, 0)
	if err != nil || len(recs) != 2 {
		t.Fatalf("got %d recordings, %v", len(recs), err)
	}
	// StripPrefix answers 404 to a path without the prefix, so success proves it was sent.
	if p := srv.Requests()[0].Path; p != "/workspaces/"+testWorkspace+"/recordings" {
		t.Fatalf("path %s", p)
	}
}

func TestParseEndpoint(t *testing.T) {
	for endpoint, ok := range map[string]bool{
		"":                                true,
		"https://api.bird.com":            true,
		"https://proxy.example.com/bird/": true,
		"http://127.0.0.1:8080":           true,
		"http://localhost:1":              true,
		"http://[::1]:1":                  true,
		"http://api.bird.com":             false,
		"http://10.0.0.1":                 false,
		"ftp://api.bird.com":              false,
		"api.bird.com":                    false,
		"https://user:pw@api.bird.com":    false,
		"https://api.bird.com/?a=b":       false,
	} {
		_, err := bird.ParseEndpoint(endpoint)
		if (err == nil) != ok {
			t.Errorf("ParseEndpoint(%q) error = %v, want ok=%v", endpoint, err, ok)
		}
	}
}

func TestNewClientRequiresAKey(t *testing.T) {
	if _, err := bird.NewClient(bird.Config{}); err == nil {
		t.Fatal("want an error without an access key")
	}
}

func TestContextCancelStopsTheRead(t *testing.T) {
	c, _ := newTestClient(t, 10)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.GetRecording(ctx, testWorkspace, "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
