package provider

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// benchSizes are the numbers of recordings the read path is measured at.
var benchSizes = []int{1_000, 10_000, 100_000}

// measure runs op under the benchmark loop and reports time, bytes and allocations per
// recording, and the peak heap of one op.
func measure(b *testing.B, n int, op func()) {
	b.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	peak := sampleHeapPeak()
	b.ResetTimer()
	for b.Loop() {
		op()
	}
	b.StopTimer()
	peakBytes := peak()
	runtime.ReadMemStats(&after)
	reads := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/reads, "ns/rec")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/reads, "B/rec")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/reads, "allocs/rec")
	b.ReportMetric(float64(peakBytes-before.HeapAlloc)/(1<<20), "peak-MB")
}

// sampleHeapPeak samples the heap every millisecond until the returned function is called,
// which returns the largest heap seen. runtime/metrics reads it without stopping the world.
func sampleHeapPeak() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	var once sync.Once
	return func() uint64 {
		once.Do(func() { close(stop); <-done })
		return peak
	}
}

// BenchmarkRecordingsState measures the data source's own mapping: API structs to the state
// as the server answers it, encoded for the wire.
func BenchmarkRecordingsState(b *testing.B) {
	ctx := context.Background()
	ds := newVoiceRecordingsDataSource()
	var schemaResp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	typ := schemaResp.Schema.Type().TerraformType(ctx)
	// What Terraform sends as configuration: here, no arguments.
	config := withAttributes(b, typ, nil)
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			recs := birdtest.SeedRecordings(n, 1)
			measure(b, n, func() {
				res := collect(&bird.Listing[bird.Recording]{Items: recs}, recordingMapping, bird.Recordings, false)
				if _, err := encodeState(typ, config, res.attributes("recordings", testWorkspace)); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkReadDataSource measures a whole read as Terraform asks for it: the
// ReadDataSource RPC of the provider server, listing from the in-memory Bird API, mapping,
// and encoding the state for the wire.
func BenchmarkReadDataSource(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			srv := birdtest.NewServer(testKey)
			b.Cleanup(srv.Close)
			srv.AddRecordings(testWorkspace, birdtest.SeedRecordings(n, 1)...)
			srv.Freeze()
			ps, err := NewServer("bench")()
			if err != nil {
				b.Fatal(err)
			}
			req := configureServer(b, ps, srv, "bird_voice_recordings", nil)
			if _, err := ps.ReadDataSource(ctx, req); err != nil { // warms the server's cache
				b.Fatal(err)
			}
			srv.ResetRequests()
			measure(b, n, func() {
				resp, err := ps.ReadDataSource(ctx, req)
				if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil {
					b.Fatalf("read failed: %v %v", err, resp.Diagnostics)
				}
			})
			b.ReportMetric(float64(len(srv.Requests()))/float64(b.N), "requests/read")
		})
	}
}

// linkedRecordingsServer returns a fake holding n seeded recordings, each with a presigned
// link of a real link's length (1.6 KB), at Bird's 50 requests per second enforced with
// 429s, and the recordings.
func linkedRecordingsServer(b *testing.B, n int) (*birdtest.Server, []bird.Recording) {
	b.Helper()
	// Bird writes milliseconds (its own sample: 15:55:08.234); on whole seconds the probes
	// of a parallel read cannot tell createdAt from startedAt, and it would not split.
	recs := birdtest.SeedRecordingsAt(birdtest.SeedEpoch.Add(-234*time.Millisecond), n, 1)
	for i := range recs {
		recs[i].URL = "https://voice-recordings.example.invalid/" + recs[i].ID + ".mp3?X-Amz-Security-Token=" + strings.Repeat("t", 1500)
	}
	srv := birdtest.NewServer(testKey)
	b.Cleanup(srv.Close)
	srv.AddRecordings(testWorkspace, recs...)
	srv.SetRateLimit(bird.DefaultRequestsPerSecond)
	return srv, recs
}

// BenchmarkSummaryAtScale reads 120,000 recordings, each with a presigned link of a real
// link's length (1.6 KB), from the fake at Bird's 50 requests per second, enforced with
// 429s: the summary by status and day, then the list with include_urls, one after the other.
// It reports the time, the peak heap, the state's size, the requests and 429s of a read,
// and whether it failed (the list's state passes the protocol's cap).
func BenchmarkSummaryAtScale(b *testing.B) {
	const n = 120_000
	srv, recs := linkedRecordingsServer(b, n)
	start := tftypes.NewValue(tftypes.String, recs[n-1].CreatedAt)
	for _, read := range []struct {
		name, typeName string
		set            map[string]tftypes.Value
	}{
		{"summary", "bird_voice_recordings_summary", map[string]tftypes.Value{"start_at": start, "group_by": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{
			tftypes.NewValue(tftypes.String, "status"), tftypes.NewValue(tftypes.String, "day"),
		})}},
		{"list", "bird_voice_recordings", map[string]tftypes.Value{"start_at": start, "include_urls": tftypes.NewValue(tftypes.Bool, true)}},
	} {
		b.Run(read.name, func(b *testing.B) {
			ps, err := NewServer("bench")()
			if err != nil {
				b.Fatal(err)
			}
			req := configureServerAt(b, ps, srv, bird.DefaultRequestsPerSecond, read.typeName, read.set)
			srv.ResetRequests()
			refused := srv.RateLimited()
			var stateBytes, failed int
			measure(b, n, func() {
				resp, err := ps.ReadDataSource(context.Background(), req)
				if err != nil {
					b.Fatal(err)
				}
				failed = len(resp.Diagnostics)
				if resp.State != nil && failed == 0 {
					stateBytes = len(resp.State.MsgPack)
				}
			})
			b.ReportMetric(float64(stateBytes)/1024, "state-KB")
			b.ReportMetric(float64(failed), "failed")
			b.ReportMetric(float64(len(srv.Requests()))/float64(b.N), "requests/read")
			b.ReportMetric(float64(srv.RateLimited()-refused)/float64(b.N), "429s/read")
		})
	}
}
