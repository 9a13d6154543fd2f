package bird_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// benchSizes are the numbers of recordings the read path is measured at.
var benchSizes = []int{1_000, 10_000, 100_000}

// benchServer serves n seeded recordings from a frozen cache, warmed by one listing.
func benchServer(b *testing.B, n int) *birdtest.Server {
	b.Helper()
	srv := birdtest.NewServer(testKey)
	b.Cleanup(srv.Close)
	srv.AddRecordings(testWorkspace, birdtest.SeedRecordings(n, 1)...)
	srv.Freeze()
	if got := baselineList(b, srv.URL); got != n {
		b.Fatalf("warm-up read %d recordings, want %d", got, n)
	}
	return srv
}

// baselineList is the least a Go program can do for the same data: plain net/http requests
// of limit=99 pages decoded with encoding/json into the same structs. It returns how many
// recordings it read.
func baselineList(b *testing.B, endpoint string) int {
	n, token := 0, ""
	for {
		u := endpoint + "/workspaces/" + testWorkspace + "/recordings?limit=99"
		if token != "" {
			u += "&pageToken=" + url.QueryEscape(token)
		}
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Authorization", "AccessKey "+testKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		var page struct {
			Results       []bird.Recording `json:"results"`
			NextPageToken string           `json:"nextPageToken"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			b.Fatal(err)
		}
		n += len(page.Results)
		if token = page.NextPageToken; token == "" {
			return n
		}
	}
}

// perRecording reports time, bytes and allocations per recording.
func perRecording(b *testing.B, n int, run func() int) {
	b.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		if got := run(); got != n {
			b.Fatalf("read %d recordings, want %d", got, n)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	reads := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/reads, "ns/rec")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/reads, "B/rec")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/reads, "allocs/rec")
}

// BenchmarkListRecordings measures the client listing N recordings ("client") and, side by
// side on the same server, the floor ("floor"): plain net/http and encoding/json.
func BenchmarkListRecordings(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			srv := benchServer(b, n)
			c, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: 1e9})
			if err != nil {
				b.Fatal(err)
			}
			b.Run("client", func(b *testing.B) {
				srv.ResetRequests()
				perRecording(b, n, func() int {
					l, err := c.ListRecordings(b.Context(), testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
					if err != nil {
						b.Fatal(err)
					}
					return len(l.Items)
				})
				b.ReportMetric(float64(len(srv.Requests()))/float64(b.N), "requests/read")
			})
			b.Run("floor", func(b *testing.B) {
				perRecording(b, n, func() int { return baselineList(b, srv.URL) })
			})
		})
	}
}
