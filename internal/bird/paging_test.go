package bird_test

import (
	"strings"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

func TestPagingShapes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		quirks birdtest.Quirks
		pages  int
	}{
		{"nextPageToken left out", birdtest.Quirks{}, 3},
		{"nextPageToken null", birdtest.Quirks{NullNextPageToken: true}, 3},
		{"empty last page with a token", birdtest.Quirks{EmptyLastPage: true}, 4},
		{"empty last page with results null", birdtest.Quirks{EmptyLastPage: true, NullResults: true}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t, 250)
			srv.SetQuirks(tc.quirks)
			recs, err := collect(t, c, bird.RecordingFilter{}, 0)
			if err != nil || len(recs) != 250 {
				t.Fatalf("got %d recordings, %v; want 250", len(recs), err)
			}
			if got := len(srv.Requests()); got != tc.pages {
				t.Fatalf("%d requests, want %d", got, tc.pages)
			}
		})
	}
}

func TestPageSizeStaysTheSameAcrossARead(t *testing.T) {
	// The fake honours a token only with the limit it was issued for.
	c, srv := newTestClient(t, 250)
	recs, err := collect(t, c, bird.RecordingFilter{}, 150)
	if err != nil || len(recs) != 150 {
		t.Fatalf("got %d recordings, %v; want 150", len(recs), err)
	}
	for i, r := range srv.Requests() {
		if r.Query.Get("limit") != "99" {
			t.Fatalf("request %d: limit %s, want 99 on every page", i, r.Query.Get("limit"))
		}
	}
	if got := len(srv.Requests()); got != 2 {
		t.Fatalf("%d requests, want ceil(150/99) = 2", got)
	}
}

func TestEndlessEmptyPagesEndTheRead(t *testing.T) {
	c, srv := newTestClient(t, 10)
	srv.FailEvery(1, birdtest.Fault{EmptyPage: true})
	_, err := collect(t, c, bird.RecordingFilter{}, 0)
	if err == nil || !strings.Contains(err.Error(), "10 pages in a row were empty but carried a nextPageToken") {
		t.Fatalf("got %v, want the read ended after 10 empty pages", err)
	}
	if got := len(srv.Requests()); got != 10 {
		t.Fatalf("%d requests, want 10", got)
	}
}

func TestRecordingMetricsFollowEveryPage(t *testing.T) {
	c, srv := newTestClient(t, 10)
	counter := int64(4321)
	usage := map[string]int64{}
	for d := range 150 {
		usage[birdtest.SeedEpoch.AddDate(0, 0, -d).Format("2006-01-02")] = int64(1000 + d)
	}
	srv.SetRecordingMetrics(testWorkspace, bird.RecordingMetrics{Counter: &counter, DailyStorageUsage: usage, UpdatedAt: "2026-11-01T12:00:00.000Z"})
	m, err := c.GetRecordingMetrics(t.Context(), testWorkspace, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.DailyStorageUsage) != 150 || *m.Counter != 4321 || m.UpdatedAt != "2026-11-01T12:00:00.000Z" {
		t.Fatalf("got %d days, counter %d, updatedAt %q; want 150 days, 4321, 2026-11-01T12:00:00.000Z", len(m.DailyStorageUsage), *m.Counter, m.UpdatedAt)
	}
	for day, n := range usage {
		if m.DailyStorageUsage[day] != n {
			t.Fatalf("day %s: %d, want %d", day, m.DailyStorageUsage[day], n)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Query.Get("limit") != "99" || reqs[1].Query.Get("pageToken") == "" {
		t.Fatalf("requests %+v, want 2 pages of limit=99", reqs)
	}
}

func TestRecordingMetricsWithoutDailyUsageStayNull(t *testing.T) {
	c, srv := newTestClient(t, 10)
	counter := int64(7)
	srv.SetRecordingMetrics(testWorkspace, bird.RecordingMetrics{Counter: &counter})
	m, err := c.GetRecordingMetrics(t.Context(), testWorkspace, "")
	if err != nil || m.DailyStorageUsage != nil {
		t.Fatalf("got %v, %v; want a nil map for an absent dailyStorageUsage", m, err)
	}
}
