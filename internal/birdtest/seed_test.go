package birdtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

func TestSeedRecordingsAtStartLookAlive(t *testing.T) {
	now := time.Now().UTC()
	recs := SeedRecordingsAt(now, 300, 1)
	var lastDay, failed int
	for _, r := range recs {
		created, err := time.Parse(time.RFC3339Nano, r.CreatedAt)
		if err != nil {
			t.Fatal(err)
		}
		if created.After(now.Add(-24 * time.Hour)) {
			lastDay++
			if r.Status == "failed" {
				failed++
			}
		}
	}
	if lastDay != 206 || failed != 29 {
		t.Fatalf("%d recordings in the last 24 hours, %d failed; want 206 and 29", lastDay, failed)
	}
}

func TestSeedMetricsAreThoseOfTheRecordings(t *testing.T) {
	recs := SeedRecordings(300, 1)
	m := SeedMetrics(recs)
	var total, want int64
	for _, n := range m.DailyStorageUsage {
		total += n
	}
	for _, r := range recs {
		if r.Duration != nil {
			want += *r.Duration * audioBytesPerSecond
		}
	}
	// 300 recordings 7 minutes apart span 35 hours: two or three calendar days.
	if *m.Counter != 300 || total != want || len(m.DailyStorageUsage) < 2 || m.UpdatedAt != "2026-11-01T13:00:00.000Z" {
		t.Fatalf("counter %d, %d days totalling %d bytes (want %d), updatedAt %q", *m.Counter, len(m.DailyStorageUsage), total, want, m.UpdatedAt)
	}
}

func TestOnlyAvailableRecordingsHaveLinks(t *testing.T) {
	recs := SeedRecordings(300, 1)
	linked := 0
	for _, r := range recs {
		if (r.URL != "") != (r.Status == "available") {
			t.Fatalf("recording %s is %s with link %q: only an available recording has one", r.ID, r.Status, r.URL)
		}
		if r.URL != "" {
			linked++
		}
	}
	if linked == 0 {
		t.Fatal("no seeded recording has a link")
	}
}

func TestSignedLinksAreFreshAndDownload(t *testing.T) {
	s := NewServer(key)
	defer s.Close()
	s.AddRecordings(testWS, SeedRecordings(len(bird.RecordingStatuses), 1)...)
	s.SignLinks()
	link := func() string {
		_, body := get(t, s, "/workspaces/"+testWS+"/recordings", url.Values{"status": {"available"}}, "AccessKey "+key)
		var recs []bird.Recording
		if err := json.Unmarshal(body["results"], &recs); err != nil {
			t.Fatal(err)
		}
		return recs[0].URL
	}
	first, second := link(), link()
	if first == second || !strings.HasPrefix(first, s.URL+"/media/recordings/") {
		t.Fatalf("links %q and %q: want two different links to the server's own media", first, second)
	}
	u, err := url.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	if expires, err := strconv.ParseInt(u.Query().Get("X-Bird-Expires"), 10, 64); err != nil || time.Until(time.Unix(expires, 0)) > LinkLifetime || time.Until(time.Unix(expires, 0)) < LinkLifetime-time.Minute {
		t.Fatalf("link %q does not expire in 600 seconds", first)
	}
	status := func(link string) int {
		resp, err := http.Get(link) // no access key: the link is the credential
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	if got := status(first); got != http.StatusOK {
		t.Fatalf("a fresh link answers %d", got)
	}
	q := u.Query()
	q.Set("X-Bird-Expires", "1")
	u.RawQuery = q.Encode()
	if got := status(u.String()); got != http.StatusForbidden {
		t.Fatalf("a link with a forged expiry answers %d, want 403", got)
	}
}
