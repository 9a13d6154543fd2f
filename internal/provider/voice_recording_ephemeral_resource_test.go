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
)

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
