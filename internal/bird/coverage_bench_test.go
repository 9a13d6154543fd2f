package bird_test

import (
	"slices"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// BenchmarkCoverage reads the coverage of 10,000 calls of a day, a recording for each
// answered call but 2%, at 150 ms per answer and a 50/s limit enforced with 429s
// ("coverage"), and then the join it replaces, one right after the other on the same server
// ("join": the calls of the window and every recording of the workspace, joined by
// sourceId, as the HCL join over bird_voice_calls and bird_voice_recordings reads them). It
// reports the requests and 429s of a read, the bound the coverage must keep (ceil(calls /
// 1,000) pages of calls, the recordings' pages, one lookup a gap, and a few), and whether
// each found exactly the seeded gaps.
func BenchmarkCoverage(b *testing.B) {
	const n = 10_000
	calls, recs, missing := birdtest.SeedCoverage(birdtest.SeedEpoch, n, 1)
	srv := birdtest.NewServer(testKey)
	b.Cleanup(srv.Close)
	srv.AddCalls(testWorkspace, calls...)
	srv.AddRecordings(testWorkspace, recs...)
	srv.SetLatency(benchLatency)
	srv.SetRateLimit(benchRateLimit)
	c, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: benchRateLimit, MaxRetries: bird.DefaultMaxRetries})
	if err != nil {
		b.Fatal(err)
	}
	window := bird.CallFilter{StartAt: birdtest.SeedEpoch.Add(-25 * time.Hour).Format(time.RFC3339)}
	slices.Sort(missing)
	reads := map[string]func() []string{
		"coverage": func() []string {
			cov, err := bird.ReadCoverage(b.Context(), c, testWorkspace, bird.CoverageQuery{Calls: window, CallStatuses: []string{"completed"}, RecordedStatuses: []string{"available"}})
			if err != nil {
				b.Fatal(err)
			}
			var gaps []string
			for _, call := range cov.Calls {
				if !call.Recorded {
					gaps = append(gaps, call.ID)
				}
			}
			return gaps
		},
		"join": func() []string {
			listed, err := bird.List(b.Context(), c, bird.Calls, testWorkspace, window, bird.ListOptions{})
			if err != nil {
				b.Fatal(err)
			}
			all, err := c.ListRecordings(b.Context(), testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
			if err != nil {
				b.Fatal(err)
			}
			recorded := map[string]bool{}
			for _, r := range all.Items {
				recorded[r.SourceID] = recorded[r.SourceID] || r.Source == "call" && r.Status == "available"
			}
			var gaps []string
			for _, call := range listed.Items {
				if call.Status == "completed" && !recorded[call.ID] {
					gaps = append(gaps, call.ID)
				}
			}
			return gaps
		},
	}
	for _, name := range []string{"coverage", "join"} {
		b.Run(name, func(b *testing.B) {
			requests, refused := len(srv.Requests()), srv.RateLimited()
			var gaps []string
			for b.Loop() {
				gaps = reads[name]()
			}
			slices.Sort(gaps)
			b.ReportMetric(float64(len(srv.Requests())-requests)/float64(b.N), "requests/read")
			b.ReportMetric(float64(srv.RateLimited()-refused)/float64(b.N), "429s/read")
			b.ReportMetric(float64((n+999)/1000+(len(recs)+bird.MaxPageSize-1)/bird.MaxPageSize+len(missing)+4), "bound")
			b.ReportMetric(float64(len(gaps)), "gaps")
			exact := 0.0
			if slices.Equal(gaps, missing) {
				exact = 1
			}
			b.ReportMetric(exact, "exact")
		})
	}
}
