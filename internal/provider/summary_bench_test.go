package provider

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// retainedRecordings is how many recordings BenchmarkSummaryRetained summarises:
// BENCH_SUMMARY_RECORDINGS, else 1,000,000.
func retainedRecordings(b *testing.B) int {
	b.Helper()
	n := 1_000_000
	if v := os.Getenv("BENCH_SUMMARY_RECORDINGS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("BENCH_SUMMARY_RECORDINGS=%q is not a positive number", v)
		}
	}
	return n
}

// BenchmarkSummaryRetained reads bird_voice_recordings_summary of many recordings through a
// fresh provider's ReadDataSource, sequentially (the default): by status and day over 30
// days, and by status and hour over a year. It reports the heap the provider still holds
// after the read and a GC (the shared summary included, the state it answered not) and the
// groups. (Its peak heap would be the in-process fake's: the CLI benchmark measures the
// plugin's own.)
func BenchmarkSummaryRetained(b *testing.B) {
	n := retainedRecordings(b)
	recs := birdtest.SeedRecordings(n, 1)
	for _, tc := range []struct {
		name    string
		span    time.Duration
		groupBy []string
	}{
		{"status-day-30d", 30 * 24 * time.Hour, []string{"status", "day"}},
		{"status-hour-year", 365 * 24 * time.Hour, []string{"status", "hour"}},
	} {
		b.Run(fmt.Sprintf("%s/N=%d", tc.name, n), func(b *testing.B) {
			// Spread evenly over the span, newest first, as the fake serves them.
			for i := range recs {
				recs[i].CreatedAt = birdtest.SeedEpoch.Add(-time.Duration(int64(tc.span) / int64(n) * int64(i))).Format(time.RFC3339)
			}
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			srv.AddRecordings(testWorkspace, recs...)
			var retained float64
			groups := 0
			for b.Loop() {
				retained, groups = readRetained(b, srv, tc.groupBy)
			}
			b.ReportMetric(retained/1024, "retained-KB")
			b.ReportMetric(float64(groups), "groups")
		})
	}
}

// readRetained reads the summary by groupBy through a new provider and returns the live heap
// it grew by, kept after the read and a GC, and the groups.
func readRetained(b *testing.B, srv *birdtest.Server, groupBy []string) (retained float64, groups int) {
	b.Helper()
	ps, err := NewServer("bench")()
	if err != nil {
		b.Fatal(err)
	}
	req := configureServer(b, ps, srv, "bird_voice_recordings_summary", map[string]tftypes.Value{"group_by": stringList(groupBy...)})
	srv.ResetRequests() // the fake's log of requests is not the provider's memory
	before := liveHeap()
	resp, err := ps.ReadDataSource(context.Background(), req)
	if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil {
		b.Fatalf("read failed: %v %v", err, resp.Diagnostics)
	}
	groups = countGroups(b, ps, resp.State)
	resp = nil
	srv.ResetRequests()
	after := liveHeap()
	runtime.KeepAlive(ps) // the provider, and the summary it shares, stay
	return float64(int64(after) - int64(before)), groups
}

// countGroups returns how many groups a summary's state holds.
func countGroups(b *testing.B, ps tfprotov6.ProviderServer, state *tfprotov6.DynamicValue) int {
	b.Helper()
	schemas, err := ps.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	v, err := state.Unmarshal(schemas.DataSourceSchemas["bird_voice_recordings_summary"].ValueType())
	if err != nil {
		b.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		b.Fatal(err)
	}
	var list []tftypes.Value
	if err := attrs["groups"].As(&list); err != nil {
		b.Fatal(err)
	}
	return len(list)
}

// liveHeap returns the bytes of live heap objects after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// stringList is a Terraform list of strings.
func stringList(vs ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(vs))
	for i, v := range vs {
		elems[i] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
}

// BenchmarkSummarySpeed reads a summary by status and day of 120,000 recordings with links
// (1.6 KB each) from the fake at 150 ms an answer and Bird's 50 requests per second, at
// read_parallelism 1 and 8, two ways one right after the other: "list" is the read before
// the streaming fold (bird.List, then the groups folded from the whole listing), "fold" is
// the summary's read now (bird.Fold). It reports the time, the peak heap, and the groups
// both ways agree on.
func BenchmarkSummarySpeed(b *testing.B) {
	const n = 120_000
	srv, recs := linkedRecordingsServer(b, n)
	srv.SetLatency(150 * time.Millisecond)
	filter := bird.RecordingFilter{StartAt: recs[n-1].CreatedAt}
	groupBy := []string{"status", "day"}
	reads := map[string]func(context.Context, *bird.Client) (summary, []string, error){
		"list": func(ctx context.Context, c *bird.Client) (summary, []string, error) {
			l, err := bird.List(ctx, c, bird.RecordingFacts, testWorkspace, filter, bird.ListOptions{})
			if err != nil {
				return summary{}, nil, err
			}
			return recordingsSummary.summarize(l.Items, groupBy), l.Notes, nil
		},
		"fold": func(ctx context.Context, c *bird.Client) (summary, []string, error) {
			f, err := recordingsSummary.read(ctx, c, testWorkspace, filter, groupBy)
			if err != nil {
				return summary{}, nil, err
			}
			return f.Value, f.Notes, nil
		},
	}
	for _, parallelism := range []int{1, 8} {
		for _, way := range []string{"list", "fold"} {
			b.Run(fmt.Sprintf("parallelism=%d/%s", parallelism, way), func(b *testing.B) {
				var groups, split int64
				measure(b, n, func() {
					c, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: testKey, RequestsPerSecond: bird.DefaultRequestsPerSecond, ReadParallelism: parallelism, MaxRetries: bird.DefaultMaxRetries})
					if err != nil {
						b.Fatal(err)
					}
					sum, notes, err := reads[way](context.Background(), c)
					if err != nil {
						b.Fatal(err)
					}
					groups = int64(len(sum.groups))
					split = 0
					if slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, "was split into parts") }) {
						split = 1
					}
					if sum.total.count != n {
						b.Fatalf("%s counted %d recordings, want %d", way, sum.total.count, n)
					}
				})
				b.ReportMetric(float64(groups), "groups")
				b.ReportMetric(float64(split), "split")
			})
		}
	}
}
