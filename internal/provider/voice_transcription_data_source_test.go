package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccVoiceTranscription(t *testing.T) {
	srv, ts := newFullTestServer(t)
	withURL := ts[2] // available: has a summary and a link
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
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
