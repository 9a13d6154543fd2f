package bird_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// Internet-like conditions for BenchmarkWindowedRead: Bird's answer time as measured across
// the internet, its documented rate limit, and the provider's default parallelism.
const (
	benchLatency     = 150 * time.Millisecond
	benchRateLimit   = 50
	benchParallelism = 8
)

// BenchmarkWindowedRead reads N recordings in one start_at/end_at window from the fake at
// 150 ms per answer and a 50/s limit enforced with 429s, sequentially ("sequential") and
// with read_parallelism = 8 set ("parallel", an opt-in), one right after the other on the same
// server, for uniform and bursty data and both meanings of the window's bounds; and, for
// the cost of a fallback, in a world where the checks find a contradiction
// ("contradicted": Bird bounds startedAt but orders by createdAt, and calls queue for
// minutes). It reports the requests and 429s of a read, and whether the parallel read
// returned the sequential read's IDs in the same order.
func BenchmarkWindowedRead(b *testing.B) {
	for _, n := range []int{5_000, 20_000} {
		for _, bursty := range []bool{false, true} {
			for _, halfOpen := range []bool{false, true} {
				dist, bounds := "uniform", "inclusive"
				recs := birdtest.SeedRecordingsAt(birdtest.SeedEpoch, n, 1)
				if bursty {
					dist, recs = "bursty", birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, n, 1)
				}
				if halfOpen {
					bounds = "half-open"
				}
				b.Run(fmt.Sprintf("N=%d/%s/%s", n, dist, bounds), func(b *testing.B) {
					benchWindowedRead(b, recs, birdtest.Semantics{Ends: map[bool]birdtest.Ends{false: birdtest.BothInclusive, true: birdtest.HalfOpen}[halfOpen]})
				})
			}
		}
	}
	queued := birdtest.Reshape(birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, 5_000, 1), birdtest.Shape{Queued: true}, 1, birdtest.RecordingStamps)
	b.Run("N=5000/contradicted/inclusive", func(b *testing.B) {
		benchWindowedRead(b, queued, birdtest.Semantics{StartedAt: true, OrderByOther: true})
	})
}

// benchWindowedRead runs the sequential and the parallel read of recs, answered by sem.
func benchWindowedRead(b *testing.B, recs []bird.Recording, sem birdtest.Semantics) {
	n := len(recs)
	srv := birdtest.NewServer(testKey)
	b.Cleanup(srv.Close)
	srv.AddRecordings(testWorkspace, recs...)
	srv.SetSemantics(sem)
	srv.SetLatency(benchLatency)
	srv.SetRateLimit(benchRateLimit)
	// The window holds every recording: from the oldest creation to a minute after the
	// newest timestamp, whichever one it bounds (calls start after they are created).
	newest := slices.Max(slices.Concat(slices.Collect(func(yield func(string) bool) {
		for i := range recs {
			_ = yield(recs[i].CreatedAt) && yield(recs[i].StartedAt)
		}
	})))
	last, _ := time.Parse(time.RFC3339Nano, newest)
	filter := bird.RecordingFilter{StartAt: recs[n-1].CreatedAt, EndAt: last.Add(time.Minute).Format(time.RFC3339)}
	var sequential []string
	for _, mode := range []struct {
		name        string
		parallelism int
	}{{"sequential", 1}, {"parallel", benchParallelism}} {
		b.Run(mode.name, func(b *testing.B) {
			c, err := bird.NewClient(bird.Config{
				Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: benchRateLimit,
				MaxRetries: bird.DefaultMaxRetries, ReadParallelism: mode.parallelism,
			})
			if err != nil {
				b.Fatal(err)
			}
			requests, refused := len(srv.Requests()), srv.RateLimited()
			var got []string
			for b.Loop() {
				l, err := c.ListRecordings(b.Context(), testWorkspace, filter, bird.ListOptions{})
				if err != nil {
					b.Fatal(err)
				}
				got = ids(l.Items)
			}
			b.ReportMetric(float64(len(srv.Requests())-requests)/float64(b.N), "requests/read")
			b.ReportMetric(float64(srv.RateLimited()-refused)/float64(b.N), "429s/read")
			if len(got) != n {
				b.Fatalf("read %d recordings, want %d", len(got), n)
			}
			if mode.parallelism == 1 {
				sequential = got
				return
			}
			identical := 0.0
			if slices.Equal(got, sequential) {
				identical = 1
			}
			b.ReportMetric(identical, "identical")
		})
	}
}
