package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

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

// onlyEphemeralOpens fails on any change in a plan but an ephemeral resource's "open".
type onlyEphemeralOpens struct{}

// CheckPlan passes no-ops, and the action ["open"] on ephemeral resources alone.
func (onlyEphemeralOpens) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Change == nil || rc.Change.Actions.NoOp() {
			continue
		}
		if rc.Mode == "ephemeral" && slices.Equal(rc.Change.Actions, tfjson.Actions{"open"}) {
			continue
		}
		resp.Error = fmt.Errorf("the plan changes %s: %v", rc.Address, rc.Change.Actions)
		return
	}
}

// ephemeralOpensInPlan reports whether the CLI under test is OpenTofu 1.11. Its JSON plan
// lists every ephemeral resource in resource_changes with the action ["open"], which
// terraform-plugin-testing counts as a change, so an unchanged configuration's post-apply
// plan is never empty to it (the human-readable plan says "No changes"). OpenTofu 1.12 and
// Terraform list no ephemeral resources there.
func ephemeralOpensInPlan(t *testing.T) bool {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		return false // not an acceptance run: TestMain refuses TF_ACC without a CLI
	}
	out, err := exec.Command(cli, "version").Output() //nolint:gosec // the CLI the tests run
	if err != nil {
		t.Fatalf("%s version: %v", cli, err)
	}
	return strings.HasPrefix(string(out), "OpenTofu v1.11.")
}

func TestAccVoiceRecordingEphemeral(t *testing.T) {
	srv, _ := newFullTestServer(t)
	// Every post-apply plan holds no change but, under OpenTofu 1.11 alone, the opens of the
	// ephemeral resource, which make terraform-plugin-testing's own emptiness check fail.
	opens := ephemeralOpensInPlan(t)
	noChanges := resource.ConfigPlanChecks{
		PostApplyPreRefresh:  []plancheck.PlanCheck{onlyEphemeralOpens{}},
		PostApplyPostRefresh: []plancheck.PlanCheck{onlyEphemeralOpens{}},
	}
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
			ExpectNonEmptyPlan: opens,
			ConfigPlanChecks:   noChanges,
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
			ExpectNonEmptyPlan: opens,
			ConfigPlanChecks:   noChanges,
			ConfigStateChecks:  []statecheck.StateCheck{noLinkInState{link: example.URL}},
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
	// As in TestAccVoiceRecordingEphemeral: under OpenTofu 1.11 alone, the post-apply plans
	// list the ephemeral resource's opens, and nothing else may change.
	opens := ephemeralOpensInPlan(t)
	afterApply := []plancheck.PlanCheck{onlyEphemeralOpens{}}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config:             config,
			ConfigPlanChecks:   resource.ConfigPlanChecks{PostApplyPreRefresh: afterApply, PostApplyPostRefresh: afterApply},
			ExpectNonEmptyPlan: opens,
			Check:              downloaded(srv, first.ID),
		}, {
			PreConfig: func() { srv.AddRecordings(testWorkspace, newer) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("terraform_data.audio_copy", plancheck.ResourceActionReplace),
				},
				PostApplyPreRefresh:  afterApply,
				PostApplyPostRefresh: afterApply,
			},
			ExpectNonEmptyPlan: opens,
			Check:              downloaded(srv, newer.ID),
		}},
	})
}

// TestOnlyEphemeralOpens holds the plan check that stands in for terraform-plugin-testing's
// emptiness check under OpenTofu 1.11 to what it tolerates: no-ops, and "open" only on an
// ephemeral resource.
func TestOnlyEphemeralOpens(t *testing.T) {
	change := func(mode tfjson.ResourceMode, address string, actions ...tfjson.Action) *tfjson.ResourceChange {
		return &tfjson.ResourceChange{Address: address, Mode: mode, Change: &tfjson.Change{Actions: actions}}
	}
	for _, tc := range []struct {
		name    string
		changes []*tfjson.ResourceChange
		pass    bool
	}{
		{"no changes", nil, true},
		{"no-ops and an ephemeral open", []*tfjson.ResourceChange{
			change(tfjson.ManagedResourceMode, "echo.test", tfjson.ActionNoop),
			change("ephemeral", "ephemeral.bird_voice_recording.test", "open"),
		}, true},
		{"an update beside an ephemeral open", []*tfjson.ResourceChange{
			change("ephemeral", "ephemeral.bird_voice_recording.test", "open"),
			change(tfjson.ManagedResourceMode, "echo.test", tfjson.ActionUpdate),
		}, false},
		{"an open on a managed resource", []*tfjson.ResourceChange{change(tfjson.ManagedResourceMode, "echo.test", "open")}, false},
		{"a data source read", []*tfjson.ResourceChange{change(tfjson.DataResourceMode, "data.bird_voice_recordings.test", tfjson.ActionRead)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var resp plancheck.CheckPlanResponse
			onlyEphemeralOpens{}.CheckPlan(context.Background(), plancheck.CheckPlanRequest{Plan: &tfjson.Plan{ResourceChanges: tc.changes}}, &resp)
			if (resp.Error == nil) != tc.pass {
				t.Fatalf("error %v; want pass %v", resp.Error, tc.pass)
			}
		})
	}
}
