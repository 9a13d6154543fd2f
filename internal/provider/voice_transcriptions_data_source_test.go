package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

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
		}},
	})
}
