package birdtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

const (
	key    = "k"
	testWS = "8bc02f53-87ac-48d2-b4fd-c2cf856a305f"
)

// get sends a request to the server and returns the status and the decoded body.
func get(t *testing.T, s *Server, path string, q url.Values, auth string) (int, map[string]json.RawMessage) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+path+"?"+q.Encode(), nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, _ := io.ReadAll(resp.Body)
	var body map[string]json.RawMessage
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("body %q: %v", raw, err)
	}
	return resp.StatusCode, body
}

func TestContract(t *testing.T) {
	s := NewServer(key)
	defer s.Close()
	s.AddRecordings(testWS, SeedRecordings(25, 1)...)
	list := "/workspaces/" + testWS + "/recordings"
	for _, tc := range []struct {
		name, path string
		q          url.Values
		auth       string
		status     int
		message    string
	}{
		{"no key", list, nil, "", 401, "missing or invalid access key"},
		{"Bearer is not the scheme", list, nil, "Bearer " + key, 401, "missing or invalid access token"},
		{"unknown workspace", "/workspaces/00000000-0000-4000-8000-000000000000/recordings", nil, "AccessKey " + key, 404, "workspace 00000000-0000-4000-8000-000000000000 not found"},
		{"limit 0", list, url.Values{"limit": {"0"}}, "AccessKey " + key, 422, "limit must be an integer from 1 to 99"},
		{"limit 100", list, url.Values{"limit": {"100"}}, "AccessKey " + key, 422, "limit must be an integer from 1 to 99"},
		{"forged token", list, url.Values{"pageToken": {"10"}}, "AccessKey " + key, 422, "pageToken is not a token this endpoint issued"},
		{"bad UUID", list, url.Values{"channelId": {"x"}}, "AccessKey " + key, 422, `channelId must be a UUID, got "x"`},
		{"bad enum", list, url.Values{"direction": {"up"}}, "AccessKey " + key, 422, "direction must be one of incoming, outgoing"},
		{"bad date-time", list, url.Values{"startAt": {"2026-11-01"}}, "AccessKey " + key, 422, "startAt must be an RFC 3339 date-time"},
		{"missing recording", list + "/00000000-0000-4000-8000-000000000000", nil, "AccessKey " + key, 404, "recording 00000000-0000-4000-8000-000000000000 not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := get(t, s, tc.path, tc.q, tc.auth)
			var msg string
			_ = json.Unmarshal(body["message"], &msg)
			if status != tc.status || !strings.Contains(msg, tc.message) || len(body["code"]) == 0 {
				t.Fatalf("got %d %s, want %d with %q", status, body, tc.status, tc.message)
			}
		})
	}
}

func TestPagingIsNewestFirstWithOpaqueTokens(t *testing.T) {
	s := NewServer(key)
	defer s.Close()
	s.AddRecordings(testWS, SeedRecordings(25, 1)...)
	list := "/workspaces/" + testWS + "/recordings"
	var all []bird.Recording
	q := url.Values{"limit": {"1"}, "status": {"failed"}}
	for pages := 0; ; pages++ {
		status, body := get(t, s, list, q, "AccessKey "+key)
		if status != 200 || pages > 5 {
			t.Fatalf("page %d: %d %s", pages, status, body)
		}
		var page []bird.Recording
		_ = json.Unmarshal(body["results"], &page)
		all = append(all, page...)
		tok, ok := body["nextPageToken"]
		if !ok {
			break
		}
		var token string
		_ = json.Unmarshal(tok, &token)
		// A token is only good for the filters that made it.
		if status, _ := get(t, s, list, url.Values{"pageToken": {token}}, "AccessKey "+key); status != 422 {
			t.Fatalf("a token reused without its filters answered %d", status)
		}
		q.Set("pageToken", token)
	}
	if len(all) != 3 { // statuses cycle through 7 values: failed at indexes 6, 13 and 20
		t.Fatalf("%d failed recordings, want 3", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].CreatedAt < all[i].CreatedAt || all[i].Status != "failed" {
			t.Fatalf("not newest first, or unfiltered: %s then %s (%s)", all[i-1].CreatedAt, all[i].CreatedAt, all[i].Status)
		}
	}
}

// TestWithHiddenAnswersTheObjectAlone: a field Bird filters on but does not return is kept
// beside the object and never answered.
func TestWithHiddenAnswersTheObjectAlone(t *testing.T) {
	c := bird.Channel{ID: "a7f3c2d1-5b6e-4c8d-9e0f-1a2b3c4d5e6f", Name: "Support"}
	got, err := json.Marshal(WithHidden[bird.Channel]{Object: c, Hidden: map[string]string{"providerId": "p"}})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(c)
	if string(got) != string(want) {
		t.Fatalf("answered %s, want %s", got, want)
	}
}
