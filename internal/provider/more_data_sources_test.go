package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// newFullTestServer serves the example recordings, 40 seeded ones with their transcriptions,
// and storage metrics.
func newFullTestServer(t *testing.T) (*birdtest.Server, []bird.Transcription) {
	t.Helper()
	srv := newTestServer(t, 40)
	srv.AddRecordings(testWorkspace, exampleRecordings()...)
	ts := birdtest.SeedTranscriptions(birdtest.SeedRecordings(40, 1), 1)
	srv.AddTranscriptions(testWorkspace, ts...)
	count := int64(42)
	srv.SetRecordingMetrics(testWorkspace, bird.RecordingMetrics{
		Counter:           &count,
		DailyStorageUsage: map[string]int64{"2026-11-01": 1048576, "2026-11-02": 2097152},
		UpdatedAt:         "2026-11-02T03:00:00Z",
	})
	return srv, ts
}

func TestAccVoiceRecordingReadsOneRecording(t *testing.T) {
	srv, _ := newFullTestServer(t)
	example := exampleRecordings()[0]
	at := func(p ...string) tfjsonpath.Path {
		jp := tfjsonpath.New(p[0])
		for _, k := range p[1:] {
			jp = jp.AtMapKey(k)
		}
		return jp
	}
	check := func(v knownvalue.Check, p ...string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.bird_voice_recording.test", at(p...), v)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(srv) + `data "bird_voice_recording" "test" { id = "00000000-0000-4000-8000-00000000beef" }`,
			ExpectError: errorPattern(`Bird recording not found.*No recording 00000000-0000-4000-8000-00000000beef in workspace ` + testWorkspace),
		}, {
			Config:      providerBlock(srv) + `data "bird_voice_recording" "test" { id = "beef" }`,
			ExpectError: errorPattern(`id.*must be a UUID`),
		}, {
			Config: providerBlock(srv) + fmt.Sprintf(`data "bird_voice_recording" "test" { id = %q }`, example.ID),
			ConfigStateChecks: []statecheck.StateCheck{
				check(knownvalue.StringExact(example.ID), "id"),
				check(knownvalue.StringExact(testWorkspace), "workspace_id"),
				check(knownvalue.StringExact("available"), "status"),
				check(knownvalue.Int64Exact(29), "duration"),
				check(knownvalue.StringExact("+351919150029"), "receiver", "contact", "identifier_value"),
				check(knownvalue.Null(), "originator", "contact"),
				check(knownvalue.StringExact(example.URL), "url"),
				statecheck.ExpectSensitiveValue("data.bird_voice_recording.test", tfjsonpath.New("url")),
			},
		}},
	})
}

func TestAccVoiceTranscriptions(t *testing.T) {
	srv, ts := newFullTestServer(t)
	withURL := ts[2] // available: has a summary and a link
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(srv) + `data "bird_voice_transcriptions" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.bird_voice_transcriptions.test", tfjsonpath.New("transcriptions"), knownvalue.ListSizeExact(len(ts))),
				statecheck.ExpectKnownValue("data.bird_voice_transcriptions.test", tfjsonpath.New("transcriptions").AtSliceIndex(2), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": knownvalue.StringExact(withURL.ID), "recording_id": knownvalue.StringExact(withURL.RecordingID),
					"status": knownvalue.StringExact("available"), "stereo": knownvalue.Bool(*withURL.Stereo),
					"locale": knownvalue.StringExact(withURL.Locale), "summary": knownvalue.StringExact(withURL.Summary),
					"created_at": knownvalue.StringExact(withURL.CreatedAt), "updated_at": knownvalue.StringExact(withURL.UpdatedAt),
				})),
				statecheck.ExpectKnownValue("data.bird_voice_transcriptions.test", tfjsonpath.New("urls"), knownvalue.Null()),
			},
		}, {
			Config: providerBlock(srv) + fmt.Sprintf(`data "bird_voice_transcriptions" "test" {
  recording_id = %q
  include_urls = true
}`, withURL.RecordingID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.bird_voice_transcriptions.test", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(withURL.ID)})),
				statecheck.ExpectKnownValue("data.bird_voice_transcriptions.test", tfjsonpath.New("urls"), knownvalue.MapExact(map[string]knownvalue.Check{withURL.ID: knownvalue.StringExact(withURL.URL)})),
				statecheck.ExpectSensitiveValue("data.bird_voice_transcriptions.test", tfjsonpath.New("urls")),
			},
		}, {
			Config: providerBlock(srv) + `data "bird_voice_transcriptions" "test" { max_results = 3 }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.bird_voice_transcriptions.test", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(ts[0].ID), knownvalue.StringExact(ts[1].ID), knownvalue.StringExact(ts[2].ID),
				})),
			},
		}, {
			Config: providerBlock(srv) + fmt.Sprintf(`data "bird_voice_transcription" "test" { id = %q }`, withURL.ID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.bird_voice_transcription.test", tfjsonpath.New("recording_id"), knownvalue.StringExact(withURL.RecordingID)),
				statecheck.ExpectKnownValue("data.bird_voice_transcription.test", tfjsonpath.New("url"), knownvalue.StringExact(withURL.URL)),
				statecheck.ExpectSensitiveValue("data.bird_voice_transcription.test", tfjsonpath.New("url")),
			},
		}, {
			Config:      providerBlock(srv) + `data "bird_voice_transcription" "test" { id = "00000000-0000-4000-8000-0000000000aa" }`,
			ExpectError: errorPattern(`Bird transcription not found.*No transcription 00000000-0000-4000-8000-0000000000aa in workspace ` + testWorkspace),
		}},
	})
}

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

// noLinkInState fails when the state holds a presigned link anywhere.
type noLinkInState struct{ link string }

// CheckState searches the whole state for the link.
func (c noLinkInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if len(raw) < 50 {
		resp.Error = fmt.Errorf("the state is nearly empty (%s); the check would prove nothing", raw)
		return
	}
	if strings.Contains(string(raw), c.link) {
		resp.Error = fmt.Errorf("the state holds the presigned link %s", c.link)
	}
}

func TestAccVoiceRecordingEphemeral(t *testing.T) {
	srv, _ := newFullTestServer(t)
	example := exampleRecordings()[0]
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"bird": testFactories["bird"],
		"echo": echoprovider.NewProviderServer(),
	}
	ephemeralBlock := fmt.Sprintf(`ephemeral "bird_voice_recording" "test" { id = %q }`, example.ID)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(srv) + `ephemeral "bird_voice_recording" "test" { id = "00000000-0000-4000-8000-00000000beef" }`,
			ExpectError: errorPattern(`Bird recording not found`),
		}, {
			// The echo provider copies the ephemeral values into state, for this test alone.
			Config: providerBlock(srv) + ephemeralBlock + `
provider "echo" {
  data = ephemeral.bird_voice_recording.test
}
resource "echo" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("url"), knownvalue.StringExact(example.URL)),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("status"), knownvalue.StringExact("available")),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("workspace_id"), knownvalue.StringExact(testWorkspace)),
			},
		}, {
			// Used the way it is meant to be, in another provider's configuration, the link
			// reaches no state.
			Config: providerBlock(srv) + ephemeralBlock + `
provider "echo" {
  data = ephemeral.bird_voice_recording.test.url
}
data "bird_voice_recordings" "test" { max_results = 1 }
resource "terraform_data" "audit" {
  input = data.bird_voice_recordings.test.ids
}`,
			ConfigStateChecks: []statecheck.StateCheck{noLinkInState{link: example.URL}},
		}},
	})
}
