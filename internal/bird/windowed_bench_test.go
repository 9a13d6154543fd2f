package bird_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// Internet-like conditions for BenchmarkWindowedRead: Bird's answer time as measured across
// the internet, its documented rate limit, and the parallelism a user opts into.
const (
	benchLatency     = 150 * time.Millisecond
	benchRateLimit   = 50
	benchParallelism = 8
)

// BenchmarkWindowedRead reads N recordings in one start_at/end_at window from the fake at
// 150 ms per answer and a 50/s limit enforced with 429s: sequentially ("sequential", the
// default), with read_parallelism = 8 set ("parallel", probes included), and again with the
// probes already established ("probed", as every read after a plan's first one), one right
// after the other on the same server. It does so for uniform and bursty data and both
// meanings of the window's bounds, with Bird's millisecond timestamps; and, for the cost of
// reads that do not split or fall back, in worlds where the probes or the checks find that
// no exact split exists: a time range, bounds exclusive at both ends over whole seconds, and
// a window bounded by one timestamp and ordered by another. It reports the requests, probes
// and 429s of a read, whether it split, and whether the parallel read returned the
// sequential read's IDs in the same order.
func BenchmarkWindowedRead(b *testing.B) {
	for _, n := range []int{5_000, 20_000} {
		for _, dist := range []string{"uniform", "bursty"} {
			// Bird writes milliseconds (its own sample: 15:55:08.234); the uniform seed's
			// whole seconds would leave the probes unable to tell a rounded timestamp apart.
			recs := birdtest.SeedRecordingsAt(birdtest.SeedEpoch.Add(-234*time.Millisecond), n, 1)
			if dist == "bursty" {
				recs = birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, n, 1)
			}
			for _, bounds := range []struct {
				name string
				ends birdtest.Ends
			}{{"inclusive", birdtest.BothInclusive}, {"half-open", birdtest.HalfOpen}} {
				b.Run(fmt.Sprintf("N=%d/%s/%s", n, dist, bounds.name), func(b *testing.B) {
					benchWindowedRead(b, recs, birdtest.Semantics{Ends: bounds.ends})
				})
			}
		}
	}
	bursty := birdtest.SeedBurstyRecordingsAt(birdtest.SeedEpoch, 5_000, 1)
	for _, world := range []struct {
		name string
		recs []bird.Recording
		sem  birdtest.Semantics
	}{
		{"time-range", bursty, birdtest.Semantics{TimeRange: true}},
		{"exclusive-whole-seconds", birdtest.Reshape(bursty, birdtest.Shape{WholeSeconds: true}, 1, birdtest.RecordingStamps), birdtest.Semantics{Ends: birdtest.BothExclusive}},
		{"order-by-other", birdtest.Reshape(bursty, birdtest.Shape{Queued: true}, 1, birdtest.RecordingStamps), birdtest.Semantics{StartedAt: true, OrderByOther: true}},
	} {
		b.Run("N=5000/"+world.name, func(b *testing.B) { benchWindowedRead(b, world.recs, world.sem) })
	}
}

// benchWindowedRead runs the sequential, the parallel and the probed read of recs, answered
// by sem.
func benchWindowedRead(b *testing.B, recs []bird.Recording, sem birdtest.Semantics) {
	n := len(recs)
	srv := birdtest.NewServer(testKey)
	b.Cleanup(srv.Close)
	srv.AddRecordings(testWorkspace, recs...)
	srv.SetSemantics(sem)
	srv.SetLatency(benchLatency)
	srv.SetRateLimit(benchRateLimit)
	// The window holds every recording: from a minute before the oldest timestamp to a minute
	// after the newest, whichever one it bounds (calls start after they are created).
	var stamps []string
	for i := range recs {
		stamps = append(stamps, recs[i].CreatedAt, recs[i].StartedAt, recs[i].EndedAt)
	}
	stamps = slices.DeleteFunc(stamps, func(s string) bool { return s == "" || s == "0001-01-01T00:00:00Z" })
	oldest, _ := time.Parse(time.RFC3339Nano, slices.Min(stamps))
	newest, _ := time.Parse(time.RFC3339Nano, slices.Max(stamps))
	filter := bird.RecordingFilter{StartAt: oldest.Add(-time.Minute).Format(time.RFC3339), EndAt: newest.Add(time.Minute).Format(time.RFC3339)}
	var sequential []string
	for _, mode := range []struct {
		name        string
		parallelism int
		probed      bool
	}{{"sequential", 1, false}, {"parallel", benchParallelism, false}, {"probed", benchParallelism, true}} {
		b.Run(mode.name, func(b *testing.B) {
			c, err := bird.NewClient(bird.Config{
				Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: benchRateLimit,
				MaxRetries: bird.DefaultMaxRetries, ReadParallelism: mode.parallelism,
			})
			if err != nil {
				b.Fatal(err)
			}
			read := func() *bird.Listing[bird.Recording] {
				l, err := c.ListRecordings(b.Context(), testWorkspace, filter, bird.ListOptions{})
				if err != nil {
					b.Fatal(err)
				}
				return l
			}
			if mode.probed {
				read() // establishes the probes, which the client keeps for its lifetime
			}
			before, refused := srv.Requests(), srv.RateLimited()
			var l *bird.Listing[bird.Recording]
			for b.Loop() {
				l = read()
			}
			sent := srv.Requests()[len(before):]
			probes := 0
			for _, r := range sent {
				if r.Query.Has("sourceId") {
					probes++
				}
			}
			b.ReportMetric(float64(len(sent))/float64(b.N), "requests/read")
			b.ReportMetric(float64(probes)/float64(b.N), "probes/read")
			b.ReportMetric(float64(srv.RateLimited()-refused)/float64(b.N), "429s/read")
			if len(l.Items) != n {
				b.Fatalf("read %d recordings, want %d", len(l.Items), n)
			}
			if mode.parallelism == 1 {
				sequential = ids(l.Items)
				return
			}
			split, identical := 0.0, 0.0
			if slices.ContainsFunc(l.Notes, func(s string) bool { return strings.HasPrefix(s, "The read was split") }) {
				split = 1
			}
			if slices.Equal(ids(l.Items), sequential) {
				identical = 1
			}
			b.ReportMetric(split, "split")
			b.ReportMetric(identical, "identical")
		})
	}
}
