package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

func TestAccVoiceRecordingMetrics(t *testing.T) {
	srv, _ := newFullTestServer(t)
	source := birdtest.SeedRecordings(40, 1)[7].SourceID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(srv) + `data "bird_voice_recording_metrics" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.bird_voice_recording_metrics.test", tfjsonpath.New("counter"), knownvalue.Int64Exact(42)),
				statecheck.ExpectKnownValue("data.bird_voice_recording_metrics.test", tfjsonpath.New("daily_storage_usage"), knownvalue.MapExact(map[string]knownvalue.Check{
					"2026-11-01": knownvalue.Int64Exact(1048576), "2026-11-02": knownvalue.Int64Exact(2097152),
				})),
				statecheck.ExpectKnownValue("data.bird_voice_recording_metrics.test", tfjsonpath.New("updated_at"), knownvalue.StringExact("2026-11-02T03:00:00Z")),
			},
		}, {
			PreConfig: srv.ResetRequests,
			Config:    providerBlock(srv) + fmt.Sprintf(`data "bird_voice_recording_metrics" "test" { source_id = %q }`, source),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.bird_voice_recording_metrics.test", tfjsonpath.New("counter"), knownvalue.Int64Exact(1)),
			},
			Check: expectReads(srv, map[string][]string{"sourceId": {source}, "limit": {"99"}}),
		}, {
			// Bird leaves dailyStorageUsage out: null, like every field it leaves out.
			PreConfig: func() { srv.SetRecordingMetrics(testWorkspace, bird.RecordingMetrics{}) },
			Config:    providerBlock(srv) + `data "bird_voice_recording_metrics" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.bird_voice_recording_metrics.test", tfjsonpath.New("daily_storage_usage"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.bird_voice_recording_metrics.test", tfjsonpath.New("counter"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.bird_voice_recording_metrics.test", tfjsonpath.New("updated_at"), knownvalue.Null()),
			},
		}},
	})
}
