package provider

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// summarySteps returns, for each group_by field, a step that reads the summary typeName and
// checks its totals and the first group against the seeded data summarized by spec.
func summarySteps[T any, F bird.Filter](srv *birdtest.Server, typeName string, spec summarySpec[T, F], items []T) []resource.TestStep {
	address := "data." + typeName + ".test"
	var steps []resource.TestStep
	for _, field := range append([]string{""}, spec.groupable()...) {
		by, arg := []string{}, ""
		if field != "" {
			by, arg = []string{field}, fmt.Sprintf("group_by = [%q]", field)
		}
		want := spec.summarize(items, by)
		first := want.groups[0]
		key := map[string]knownvalue.Check{}
		for i, f := range by {
			key[f] = knownvalue.StringExact(first.key[i])
		}
		steps = append(steps, resource.TestStep{
			Config: providerBlock(srv) + fmt.Sprintf("data %q \"test\" {\n%s\n}", typeName, arg),
			ConfigStateChecks: []statecheck.StateCheck{
				expect(address, knownvalue.Int64Exact(want.total.count), "total_count"),
				expect(address, knownvalue.Int64Exact(want.total.duration), "total_duration_seconds"),
				expect(address, knownvalue.ListSizeExact(len(want.groups)), "groups"),
				expect(address, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"key":              knownvalue.MapExact(key),
					"count":            knownvalue.Int64Exact(first.count),
					"duration_seconds": knownvalue.Int64Exact(first.duration),
					"first_created_at": knownvalue.StringExact(first.first),
					"last_created_at":  knownvalue.StringExact(first.last),
				}), "groups", 0),
			},
		})
	}
	return steps
}

// facts returns what a summary reads of items: each through its JSON, as Bird sends it.
func facts[T, Fact any](t *testing.T, items []T) []Fact {
	t.Helper()
	out := make([]Fact, len(items))
	for i := range items {
		raw, err := jsonRoundTrip[T, Fact](&items[i])
		if err != nil {
			t.Fatal(err)
		}
		out[i] = raw
	}
	return out
}

// jsonRoundTrip decodes item's JSON as a Fact, as the client decodes Bird's answer.
func jsonRoundTrip[T, Fact any](item *T) (Fact, error) {
	var out Fact
	raw, err := json.Marshal(item)
	if err == nil {
		err = json.Unmarshal(raw, &out)
	}
	return out, err
}

func TestAccVoiceRecordingsSummaryGroupsByEveryField(t *testing.T) {
	srv := newTestServer(t, 400)
	spec := recordingsSummary
	items := facts[bird.Recording, bird.RecordingFact](t, birdtest.SeedRecordings(400, 1))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps:                    summarySteps(srv, "bird_voice_recordings_summary", spec, items),
	})
}

func TestAccVoiceCallsSummaryGroupsByEveryField(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	calls := append(birdtest.SeedCalls(birdtest.SeedRecordings(300, 1), 1), exampleCalls()...)
	srv.AddCalls(testWorkspace, calls...)
	spec := callsSummary
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps:                    summarySteps(srv, "bird_voice_calls_summary", spec, facts[bird.Call, bird.CallFact](t, calls)),
	})
}

func TestAccSummariesFilterRefuseAndFailWhole(t *testing.T) {
	srv := newTestServer(t, 300)
	recs := birdtest.SeedRecordings(300, 1)
	failed := 0
	for _, r := range recs {
		if r.Status == "failed" {
			failed++
		}
	}
	refusals := map[string]string{
		`group_by = ["colour"]`:           `group_by.*value must be one of`,
		`group_by = ["status", "status"]`: `Duplicate List Value.*duplicate values of: "status"`,
		`group_by = [null]`:               `group_by.*null`,
		`status = "lost"`:                 `status.*value must be one of`,
		`start_at = "2026-11-02T00:00:00Z"
end_at = "2026-11-01T00:00:00Z"`: `end_at is before start_at`,
	}
	steps := []resource.TestStep{{
		// The list's filters narrow the summary as they narrow the list.
		Config: providerBlock(srv) + `
data "bird_voice_recordings_summary" "test" {
  status   = "failed"
  group_by = ["status"]
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			expect("data.bird_voice_recordings_summary.test", knownvalue.Int64Exact(int64(failed)), "total_count"),
			expect("data.bird_voice_recordings_summary.test", knownvalue.StringExact("failed"), "groups", 0, "key", "status"),
		},
	}, {
		// A fault mid-read fails the whole summary: no partial counts.
		PreConfig: func() {
			srv.ResetRequests()
			srv.FailEvery(2, birdtest.Fault{Status: 500})
		},
		Config:      providerBlockWith(srv, fmt.Sprintf("access_key = %q\nmax_retries = 0", testKey)) + `data "bird_voice_recordings_summary" "test" {}`,
		ExpectError: errorPattern(`Could not read Bird recordings.*500`),
	}, {
		PreConfig: func() {
			srv.ClearFaults()
			srv.ResetRequests()
		},
		Config:            providerBlock(srv) + `data "bird_voice_recordings_summary" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{expect("data.bird_voice_recordings_summary.test", knownvalue.Int64Exact(300), "total_count")},
	}}
	// The refusals come first, so that their check of no request holds.
	steps = append(refusedAtPlan(t, srv, "bird_voice_recordings_summary", refusals, "",
		expect("data.bird_voice_recordings_summary.test", knownvalue.StringExact(testWorkspace), "workspace_id")), steps...)
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testFactories, Steps: steps})
}
