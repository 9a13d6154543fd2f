package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

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
