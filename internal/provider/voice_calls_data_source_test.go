package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// testCalls is the address of the calls data source the tests read.
const testCalls = "data.bird_voice_calls.test"

// exampleCalls are a call with every field Bird documents and a sparse one with only the
// required fields and Bird's zero time.
func exampleCalls() []bird.Call {
	anonymous, duration, cause := false, int64(42), int64(16)
	return []bird.Call{{
		ID: "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b", ChannelID: "880d8171-cbab-47bb-81b6-b1a0902da136",
		ParentID: "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d", Type: "sip", Direction: "incoming", Status: "completed",
		From: "+351919150029", To: "+3197004499436", Duration: &duration, Reason: "normal clearing",
		HangupCauseCode: &cause, HangupSIPCode: "200", HangupSource: "caller", SIPType: "byoc", Tags: []string{"vip", "support"},
		Originator: &bird.Participant{
			Contact: &bird.Contact{ID: "225dcb7c-efbd-4288-b78d-93fba8743dd0", IdentifierKey: "phonenumber", IdentifierValue: "+351919150029"},
			Number:  &bird.Number{Type: "pstn", Number: "351919150029", Anonymous: &anonymous, CallerIDName: "Ada", Identity: "+351919150029", CountryISOCode: "PT", PSTNNumberType: "mobile"},
		},
		Receiver:  &bird.Participant{Number: &bird.Number{Type: "pstn", Number: "3197004499436", Identity: "+3197004499436", CountryISOCode: "NL", PSTNNumberType: "geographic"}},
		CreatedAt: "2026-10-23T15:55:01.000Z", UpdatedAt: "2026-10-23T15:55:50.000Z", RingingAt: "2026-10-23T15:55:02.000Z",
		AnsweredAt: "2026-10-23T15:55:08.000Z", EndedAt: "2026-10-23T15:55:50.000Z", ScheduledFor: "2026-10-23T15:55:00.000Z",
	}, {
		ID: "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e", ChannelID: "4c0a3a2e-6f1e-4d8b-9a43-2b7f3d9c1e55",
		Type: "pstn", Direction: "outgoing", Status: "no-answer", From: "+3197004499436", To: "+351919150030",
		CreatedAt: "2026-10-22T10:00:00.000Z", UpdatedAt: "2026-10-22T10:00:30.000Z", AnsweredAt: "0001-01-01T00:00:00Z",
	}}
}

func TestAccVoiceCallsMapsEveryAttributeAndItsNull(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	srv.AddCalls(testWorkspace, exampleCalls()...)
	str, null := knownvalue.StringExact, knownvalue.Null()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(srv) + `data "bird_voice_calls" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testCalls, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": str("3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"), "channel_id": str("880d8171-cbab-47bb-81b6-b1a0902da136"),
					"parent_id": str("4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d"), "type": str("sip"), "direction": str("incoming"),
					"status": str("completed"), "from": str("+351919150029"), "to": str("+3197004499436"),
					"duration": knownvalue.Int64Exact(42), "reason": str("normal clearing"), "hangup_cause_code": knownvalue.Int64Exact(16),
					"hangup_sip_code": str("200"), "hangup_source": str("caller"), "sip_type": str("byoc"),
					"tags": knownvalue.ListExact([]knownvalue.Check{str("vip"), str("support")}),
					"originator": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"contact": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": str("225dcb7c-efbd-4288-b78d-93fba8743dd0"), "identifier_key": str("phonenumber"), "identifier_value": str("+351919150029"),
						}),
						"number": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": str("pstn"), "number": str("351919150029"), "anonymous": knownvalue.Bool(false), "caller_id_name": str("Ada"),
							"identity": str("+351919150029"), "country_iso_code": str("PT"), "pstn_number_type": str("mobile"),
						}),
					}),
					"receiver": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"contact": null,
						"number": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": str("pstn"), "number": str("3197004499436"), "anonymous": null, "caller_id_name": null,
							"identity": str("+3197004499436"), "country_iso_code": str("NL"), "pstn_number_type": str("geographic"),
						}),
					}),
					"created_at": str("2026-10-23T15:55:01.000Z"), "updated_at": str("2026-10-23T15:55:50.000Z"),
					"ringing_at": str("2026-10-23T15:55:02.000Z"), "answered_at": str("2026-10-23T15:55:08.000Z"),
					"ended_at": str("2026-10-23T15:55:50.000Z"), "scheduled_for": str("2026-10-23T15:55:00.000Z"),
				}), "calls", 0),
				expect(testCalls, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": str("6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e"), "channel_id": str("4c0a3a2e-6f1e-4d8b-9a43-2b7f3d9c1e55"),
					"parent_id": null, "type": str("pstn"), "direction": str("outgoing"), "status": str("no-answer"),
					"from": str("+3197004499436"), "to": str("+351919150030"), "duration": null, "reason": null,
					"hangup_cause_code": null, "hangup_sip_code": null, "hangup_source": null, "sip_type": null, "tags": null,
					"originator": null, "receiver": null, "created_at": str("2026-10-22T10:00:00.000Z"), "updated_at": str("2026-10-22T10:00:30.000Z"),
					"ringing_at": null, "answered_at": null, "ended_at": null, "scheduled_for": null,
				}), "calls", 1),
				expect(testCalls, knownvalue.ListExact([]knownvalue.Check{str("3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"), str("6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e")}), "ids"),
				expect(testCalls, knownvalue.Bool(false), "truncated"),
				expect(testCalls, str(testWorkspace), "workspace_id"),
			},
		}},
	})
}

func TestAccVoiceCallsSendsEachFilter(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	srv.AddCalls(testWorkspace, exampleCalls()...)
	want := url.Values{
		"channelId": {"880d8171-cbab-47bb-81b6-b1a0902da136", "4c0a3a2e-6f1e-4d8b-9a43-2b7f3d9c1e55"},
		"id":        {"3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"}, "direction": {"incoming"}, "status": {"completed"}, "type": {"sip"},
		"from": {"+351919150029"}, "to": {"+3197004499436"}, "tag": {"vip", "support"},
		"startAt": {"2026-10-01T00:00:00Z"}, "endAt": {"2026-11-01T00:00:00Z"}, "limit": {"7"},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config: providerBlock(srv) + `
data "bird_voice_calls" "test" {
  channel_ids = ["880d8171-cbab-47bb-81b6-b1a0902da136", "4c0a3a2e-6f1e-4d8b-9a43-2b7f3d9c1e55"]
  call_id     = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"
  direction   = "incoming"
  status      = "completed"
  type        = "sip"
  from        = "+351919150029"
  to          = "+3197004499436"
  tags        = ["vip", "support"]
  start_at    = "2026-10-01T00:00:00Z"
  end_at      = "2026-11-01T00:00:00Z"
  max_results = 7
}`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testCalls, knownvalue.ListSizeExact(1), "calls")},
			Check:             expectReads(srv, want),
		}, {
			PreConfig:         srv.ResetRequests,
			Config:            providerBlock(srv) + `data "bird_voice_calls" "test" { status = "no-answer" }`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testCalls, knownvalue.StringExact("6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e"), "ids", 0)},
			Check:             expectReads(srv, url.Values{"status": {"no-answer"}, "limit": {"1000"}}),
		}},
	})
}

func TestAccVoiceCallsReads2500CallsIn3Requests(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	calls := birdtest.SeedCalls(birdtest.SeedRecordings(2000, 1), 1)[:2500]
	srv.AddCalls(testWorkspace, calls...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config:    providerBlock(srv) + `data "bird_voice_calls" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testCalls, knownvalue.ListSizeExact(2500), "ids"),
				expect(testCalls, knownvalue.StringExact(calls[2499].ID), "calls", 2499, "id"),
			},
			Check: func(*terraform.State) error {
				reqs := srv.Requests()
				if len(reqs) == 0 || len(reqs)%3 != 0 {
					return fmt.Errorf("%d requests, want 3 a read", len(reqs))
				}
				for i, r := range reqs {
					if r.Query.Get("limit") != "1000" {
						return fmt.Errorf("request %d: limit %s, want 1000", i, r.Query.Get("limit"))
					}
				}
				return nil
			},
		}},
	})
}

func TestAccVoiceCallsRefusesInvalidArguments(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	srv.AddCalls(testWorkspace, exampleCalls()...)
	refusals := map[string]string{
		`channel_ids = ["nope"]`: `channel_ids.*must be a UUID`,
		`channel_ids = []`:       `channel_ids.*at least 1`,
		`call_id = "x"`:          `call_id.*must be a UUID`,
		`direction = "sideways"`: `direction.*value must be one of`,
		`status = "lost"`:        `status.*value must be one of`,
		`type = "pots"`:          `type.*value must be one of`,
		`from = ""`:              `from.*length must be between 1 and 100`,
		`tags = [""]`:            `tags.*length must be between 1 and 100`,
		`tags = ["VIP"]`:         `tags.*must be in lower case, as Bird stores tags`,
		`start_at = "yesterday"`: `Invalid start_at`,
		`start_at = "2026-11-02T00:00:00Z"
end_at = "2026-11-01T00:00:00Z"`: `end_at is before start_at`,
		`max_results = 0`: `Invalid max_results`,
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps:                    refusedAtPlan(t, srv, "bird_voice_calls", refusals, "", expect(testCalls, knownvalue.ListSizeExact(2), "calls")),
	})
}
