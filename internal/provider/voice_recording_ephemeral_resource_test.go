package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
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

// downloaded checks that the server served the audio of the recording id through a link.
func downloaded(srv *birdtest.Server, id string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if !slices.ContainsFunc(srv.Requests(), func(r birdtest.Request) bool { return r.Path == "/media/recordings/"+id+".mp3" }) {
			return fmt.Errorf("the audio of recording %s was not downloaded", id)
		}
		return nil
	}
}

// TestAccEphemeralExampleDownloadsAgainWhenTheIDChanges applies the documentation's example
// as written: it downloads the newest available recording, and when a newer one becomes
// available, it replaces its terraform_data and downloads that one too.
func TestAccEphemeralExampleDownloadsAgainWhenTheIDChanges(t *testing.T) {
	example, err := os.ReadFile("../../examples/ephemeral-resources/bird_voice_recording/ephemeral-resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, 20)
	srv.SignLinks()
	available := func(recs []bird.Recording) bird.Recording {
		i := slices.IndexFunc(recs, func(r bird.Recording) bool { return r.Status == "available" })
		return recs[i]
	}
	first := available(birdtest.SeedRecordings(20, 1))
	newer := first
	newer.ID, newer.CreatedAt = "00000000-0000-4000-8000-0000000000a1", birdtest.SeedEpoch.Add(time.Minute).Format(time.RFC3339)
	config := providerBlock(srv) + string(example)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config: config,
			Check:  downloaded(srv, first.ID),
		}, {
			PreConfig: func() { srv.AddRecordings(testWorkspace, newer) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("terraform_data.audio_copy", plancheck.ResourceActionReplace),
			}},
			Check: downloaded(srv, newer.ID),
		}},
	})
}
