package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// testChannels and testChannel are the addresses of the channel data sources the tests read.
const (
	testChannels = "data.bird_channels.test"
	testChannel  = "data.bird_channel.test"
)

// newChannelServer serves the seeded channels.
func newChannelServer(t *testing.T) *birdtest.Server {
	t.Helper()
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	srv.AddChannels(testWorkspace, birdtest.SeedChannelList()...)
	return srv
}

func TestAccChannelsListsAndFilters(t *testing.T) {
	srv := newChannelServer(t)
	seeded := birdtest.SeedChannelList()
	str, null := knownvalue.StringExact, knownvalue.Null()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config:    providerBlock(srv) + `data "bird_channels" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testChannels, knownvalue.ListSizeExact(len(seeded)), "channels"),
				expect(testChannels, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": str(seeded[0].ID), "platform_id": str("voice"), "name": str("Support NL"),
					"connector_id": str(seeded[0].ConnectorID), "identifier": str(seeded[0].Identifier), "status": str("active"),
					"created_at": str(seeded[0].CreatedAt), "updated_at": str(seeded[0].UpdatedAt),
				}), "channels", 0),
				expect(testChannels, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": str(seeded[4].ID), "platform_id": str("email"), "name": str("Newsletter"),
					"connector_id": null, "identifier": str("news@example.invalid"), "status": str("inactive"),
					"created_at": null, "updated_at": null,
				}), "channels", 4),
				expect(testChannels, knownvalue.Bool(false), "truncated"),
			},
			Check: expectReads(srv, url.Values{"limit": {"1000"}}),
		}, {
			PreConfig: srv.ResetRequests,
			Config: providerBlock(srv) + fmt.Sprintf(`
data "bird_channels" "test" {
  platform    = "voice"
  status      = "active"
  channel_ids = [%q, %q]
}`, seeded[0].ID, seeded[1].ID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testChannels, knownvalue.ListExact([]knownvalue.Check{str(seeded[0].ID), str(seeded[1].ID)}), "ids"),
			},
			Check: expectReads(srv, url.Values{"platform": {"voice"}, "status": {"active"}, "channelIds": {seeded[0].ID, seeded[1].ID}, "limit": {"1000"}}),
		}, {
			// name is the provider's own filter: every page is read, no name is sent.
			PreConfig:         srv.ResetRequests,
			Config:            providerBlock(srv) + `data "bird_channels" "test" { name = "Billing" }`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testChannels, knownvalue.ListExact([]knownvalue.Check{str(seeded[2].ID)}), "ids")},
			Check:             expectReads(srv, url.Values{"limit": {"1000"}}),
		}, {
			Config:            providerBlock(srv) + `data "bird_channels" "test" { name = "Nobody" }`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testChannels, knownvalue.ListSizeExact(0), "channels")},
		}},
	})
}

func TestAccChannelsRefusesInvalidArguments(t *testing.T) {
	srv := newChannelServer(t)
	refusals := map[string]string{
		`platform = "sms messagebird"`: `platform.*must be letters, digits and dashes`,
		`channel_ids = ["x"]`:          `channel_ids.*must be a UUID`,
		`name = ""`:                    `name.*length must be at least 1`,
		`status = ""`:                  `status.*length must be at least 1`,
		`max_results = 1.5`:            `Invalid max_results`,
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps:                    refusedAtPlan(t, srv, "bird_channels", refusals, "", expect(testChannels, knownvalue.ListSizeExact(5), "channels")),
	})
}

func TestAccChannelByIDOrName(t *testing.T) {
	srv := newChannelServer(t)
	seeded := birdtest.SeedChannelList()
	twin := seeded[1]
	twin.ID = "c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config:    providerBlock(srv) + `data "bird_channel" "test" { name = "Support NL" }`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testChannel, knownvalue.StringExact(seeded[0].ID), "id"),
				expect(testChannel, knownvalue.StringExact("voice"), "platform_id"),
				expect(testChannel, knownvalue.StringExact(testWorkspace), "workspace_id"),
			},
			Check: expectReads(srv, url.Values{"limit": {"1000"}}),
		}, {
			PreConfig: srv.ResetRequests,
			Config:    providerBlock(srv) + fmt.Sprintf(`data "bird_channel" "test" { id = %q }`, seeded[4].ID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testChannel, knownvalue.StringExact("Newsletter"), "name"),
				expect(testChannel, knownvalue.Null(), "created_at"),
			},
			Check: expectPaths(srv, "/workspaces/"+testWorkspace+"/channels/"+seeded[4].ID, url.Values{}),
		}, {
			// A configuration names the channel, and another data source uses its ID.
			Config: providerBlock(srv) + `
data "bird_channel" "test" { name = "Billing" }
data "bird_voice_calls" "test" { channel_ids = [data.bird_channel.test.id] }`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testCalls, knownvalue.ListSizeExact(0), "calls")},
		}, {
			Config:      providerBlock(srv) + `data "bird_channel" "test" { name = "support nl" }`,
			ExpectError: errorPattern(`Bird channel not found.*No channel has name "support nl" in workspace ` + testWorkspace + `.*matched exactly, case included`),
		}, {
			Config:      providerBlock(srv) + `data "bird_channel" "test" { id = "00000000-0000-4000-8000-00000000beef" }`,
			ExpectError: errorPattern(`Bird channel not found.*No channel 00000000-0000-4000-8000-00000000beef in workspace`),
		}, {
			PreConfig:   func() { srv.AddChannels(testWorkspace, twin) },
			Config:      providerBlock(srv) + `data "bird_channel" "test" { name = "Sales PT" }`,
			ExpectError: errorPattern(`More than one Bird channel with this name.*2 channels have name "Sales PT" in workspace ` + testWorkspace + `: ` + seeded[1].ID + `, ` + twin.ID + `\. Set id`),
		}, {
			PreConfig: srv.ResetRequests,
			Config: providerBlock(srv) + fmt.Sprintf(`data "bird_channel" "test" {
  id = %q
  name = "Billing"
}`, seeded[2].ID),
			ExpectError: errorPattern(`Exactly one of these attributes must be configured: \[id,name\]`),
		}, {
			Config:      providerBlock(srv) + `data "bird_channel" "test" {}`,
			ExpectError: errorPattern(`Exactly one of these attributes must be configured: \[id,name\]`),
		}, {
			Config:      providerBlock(srv) + `data "bird_channel" "test" { id = "x" }`,
			ExpectError: errorPattern(`Invalid id.*must be a UUID`),
		}, {
			PreConfig: func() {
				if n := len(srv.Requests()); n != 0 {
					t.Errorf("refused arguments still sent %d requests", n)
				}
			},
			Config:            providerBlock(srv) + fmt.Sprintf(`data "bird_channel" "test" { id = %q }`, seeded[2].ID),
			ConfigStateChecks: []statecheck.StateCheck{expect(testChannel, knownvalue.StringExact("Billing"), "name")},
		}},
	})
}
