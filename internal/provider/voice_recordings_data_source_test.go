package provider

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

func TestAccVoiceRecordingsPagesThroughEveryRecording(t *testing.T) {
	srv := newTestServer(t, 250)
	seeded := birdtest.SeedRecordings(250, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config:    providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testRecordings, knownvalue.ListSizeExact(250), "recordings"),
				expect(testRecordings, knownvalue.ListSizeExact(250), "ids"),
				expect(testRecordings, knownvalue.StringExact(seeded[0].ID), "ids", 0),
				expect(testRecordings, knownvalue.StringExact(seeded[249].ID), "recordings", 249, "id"),
				expect(testRecordings, knownvalue.StringExact(testWorkspace), "workspace_id"),
				expect(testRecordings, knownvalue.Null(), "urls"),
			},
			Check: func(*terraform.State) error {
				// Each read is 3 requests of limit=99; the 2nd and 3rd carry a page token.
				reqs := srv.Requests()
				if len(reqs) == 0 || len(reqs)%3 != 0 {
					return fmt.Errorf("%d requests, want 3 per read", len(reqs))
				}
				for i, r := range reqs {
					if r.Query.Get("limit") != "99" || r.Query.Has("pageToken") != (i%3 != 0) {
						return fmt.Errorf("request %d: query %s", i, r.Query.Encode())
					}
					// The User-Agent names the provider, its version and the CLI's version.
					if !regexp.MustCompile(`^terraform-provider-bird/test Terraform/\d+\.\d+\.\d+`).MatchString(r.UserAgent) {
						return fmt.Errorf("request %d: User-Agent %q", i, r.UserAgent)
					}
				}
				return nil
			},
		}},
	})
}

func TestAccVoiceRecordingsSendsEachFilter(t *testing.T) {
	srv := newTestServer(t, 40)
	cfg := providerBlock(srv) + `
data "bird_voice_recordings" "test" {
  source_id   = "50fa2203-66c2-4820-864a-1a8002952f4e"
  channel_id  = "880d8171-cbab-47bb-81b6-b1a0902da136"
  call_id     = "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd"
  direction   = "outgoing"
  status      = "available"
  start_at    = "2026-10-01T00:00:00Z"
  end_at      = "2026-11-01T00:00:00+01:00"
  from        = "+3197004499436"
  to          = "+351919150029"
  max_results = 5
}`
	want := url.Values{
		"sourceId": {"50fa2203-66c2-4820-864a-1a8002952f4e"}, "channelId": {"880d8171-cbab-47bb-81b6-b1a0902da136"},
		"id": {"5b74ee9e-9d45-473a-82cd-f1f7feea6bbd"}, "direction": {"outgoing"}, "status": {"available"},
		"startAt": {"2026-10-01T00:00:00Z"}, "endAt": {"2026-11-01T00:00:00+01:00"},
		"from": {"+3197004499436"}, "to": {"+351919150029"}, "limit": {"5"},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config:    cfg,
			Check:     expectReads(srv, want),
		}, {
			PreConfig: srv.ResetRequests,
			Config:    providerBlock(srv) + `data "bird_voice_recordings" "test" { max_results = 5 }`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testRecordings, knownvalue.ListSizeExact(5), "recordings"),
				expect(testRecordings, knownvalue.ListSizeExact(5), "ids"),
			},
			Check: expectReads(srv, url.Values{"limit": {"5"}}),
		}, {
			Config: providerBlock(srv) + `data "bird_voice_recordings" "test" { status = "absent" }`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testRecordings, knownvalue.ListSizeExact(5), "recordings"),
				expect(testRecordings, knownvalue.StringExact("absent"), "recordings", 4, "status"),
			},
		}},
	})
}

func TestAccVoiceRecordingsMapsNestedFieldsAndNulls(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	srv.AddRecordings(testWorkspace, exampleRecordings()...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testRecordings, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":            knownvalue.StringExact("5b74ee9e-9d45-473a-82cd-f1f7feea6bbd"),
					"source":        knownvalue.StringExact("call"),
					"source_id":     knownvalue.StringExact("50fa2203-66c2-4820-864a-1a8002952f4e"),
					"channel_id":    knownvalue.StringExact("880d8171-cbab-47bb-81b6-b1a0902da136"),
					"status":        knownvalue.StringExact("available"),
					"direction":     knownvalue.StringExact("outgoing"),
					"origin":        knownvalue.StringExact("create-call"),
					"duration":      knownvalue.Int64Exact(29),
					"stereo":        knownvalue.Bool(false),
					"format":        knownvalue.StringExact("mp3"),
					"transcription": knownvalue.Bool(false),
					"conference_id": knownvalue.Null(),
					"room_info_url": knownvalue.Null(),
					"created_at":    knownvalue.StringExact("2023-10-23T15:55:08.234Z"),
					"updated_at":    knownvalue.StringExact("2023-10-23T15:55:38.278Z"),
					"started_at":    knownvalue.StringExact("2023-10-23T15:55:08.121Z"),
					"ended_at":      knownvalue.StringExact("2023-10-23T15:55:38.101Z"),
					"originator": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"contact": knownvalue.Null(),
						"number": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("pstn"), "number": knownvalue.StringExact("3197004499436"),
							"anonymous": knownvalue.Null(), "caller_id_name": knownvalue.Null(),
							"identity": knownvalue.StringExact("+3197004499436"), "country_iso_code": knownvalue.StringExact("NL"),
						}),
					}),
					"receiver": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"contact": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id":               knownvalue.StringExact("225dcb7c-efbd-4288-b78d-93fba8743dd0"),
							"identifier_key":   knownvalue.StringExact("phonenumber"),
							"identifier_value": knownvalue.StringExact("+351919150029"),
						}),
						"number": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("pstn"), "number": knownvalue.StringExact("351919150029"),
							"anonymous": knownvalue.Bool(true), "caller_id_name": knownvalue.StringExact("Ada"),
							"identity": knownvalue.Null(), "country_iso_code": knownvalue.StringExact("PT"),
						}),
					}),
				}), "recordings", 0),
				expect(testRecordings, knownvalue.StringExact("conference"), "recordings", 1, "source"),
				expect(testRecordings, knownvalue.StringExact("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"), "recordings", 1, "conference_id"),
				expect(testRecordings, knownvalue.StringExact("recording-later"), "recordings", 1, "status"),
				expect(testRecordings, knownvalue.Null(), "recordings", 1, "ended_at"),
				expect(testRecordings, knownvalue.Null(), "recordings", 1, "started_at"),
				expect(testRecordings, knownvalue.Null(), "recordings", 1, "duration"),
				expect(testRecordings, knownvalue.Null(), "recordings", 1, "direction"),
				expect(testRecordings, knownvalue.Null(), "recordings", 1, "channel_id"),
				expect(testRecordings, knownvalue.Null(), "recordings", 1, "originator"),
				expect(testRecordings, knownvalue.Null(), "recordings", 1, "receiver"),
				expect(testRecordings, knownvalue.Null(), "urls"),
			},
		}, {
			Config: providerBlock(srv) + `data "bird_voice_recordings" "test" { include_urls = true }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectSensitiveValue("data.bird_voice_recordings.test", tfjsonpath.New("urls")),
				expect(testRecordings, knownvalue.MapExact(map[string]knownvalue.Check{
					"5b74ee9e-9d45-473a-82cd-f1f7feea6bbd": knownvalue.StringExact("https://audio.example.invalid/a.mp3?X-Amz-Expires=600"),
				}), "urls"),
			},
		}, {
			Config: providerBlock(srv) + `data "bird_voice_recordings" "test" { status = "failed" }`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testRecordings, knownvalue.ListExact([]knownvalue.Check{}), "recordings"),
				expect(testRecordings, knownvalue.ListExact([]knownvalue.Check{}), "ids"),
			},
		}, {
			// Recordings drive other configuration through for expressions (for_each over
			// resources runs in the demo: the test framework's state shim cannot address it).
			Config: providerBlock(srv) + `
data "bird_voice_recordings" "test" {}
output "archive_jobs" {
  value = { for r in data.bird_voice_recordings.test.recordings : r.id => "${r.format}:${r.duration}" if r.status == "available" }
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("archive_jobs", knownvalue.MapExact(map[string]knownvalue.Check{
					"5b74ee9e-9d45-473a-82cd-f1f7feea6bbd": knownvalue.StringExact("mp3:29"),
				})),
			},
		}},
	})
}

func TestAccVoiceRecordingsRefusesInvalidArguments(t *testing.T) {
	srv := newTestServer(t, 1)
	refusals := map[string]string{
		`workspace_id = "nope"`:           `Invalid workspace_id.*workspace_id must be a UUID such as 01234567-89ab-cdef-0123-456789abcdef, got "nope"\. A workspace's ID is the UUID in the address of its dashboard, app.bird.com/workspaces/<id>\.`,
		`source_id = "123"`:               `source_id.*must be a UUID such as 01234567-89ab-cdef-0123-456789abcdef, got "123"`,
		`channel_id = "123"`:              `channel_id.*must be a UUID`,
		`call_id = "x"`:                   `call_id.*must be a UUID`,
		`direction = "sideways"`:          `direction.*value must be one of`,
		`status = "lost"`:                 `status.*value must be one of`,
		`start_at = "yesterday"`:          `Invalid start_at.*such as 2026-11-01T00:00:00Z.*timeadd\(plantimestamp\(\), "-24h"\)`,
		`start_at = "2026-11-01"`:         `Invalid start_at.*start_at must be an RFC 3339 date-time with a time and a zone`,
		`end_at = "2026-13-01T00:00:00Z"`: `Invalid end_at.*must be an RFC 3339 date-time`,
		`start_at = "2026-11-02T00:00:00Z"
end_at = "2026-11-01T00:00:00Z"`: `end_at is before start_at`,
		`from = ""`:                         `from.*length must be at least 1`,
		`to = ""`:                           `to.*length must be at least 1`,
		`max_results = 0`:                   `Invalid max_results.*must be a whole number of at least 1, got 0`,
		`max_results = -3`:                  `Invalid max_results.*must be a whole number of at least 1, got -3`,
		`max_results = 2.5`:                 `Invalid max_results.*max_results must be a whole number, got 2.5`,
		`timeouts = { read = "5 minutes" }`: `Invalid timeouts.read.*timeouts.read must be a positive duration such as "90s"`,
		`timeouts = { read = "-1m" }`:       `Invalid timeouts.read.*got "-1m"`,
		`workspace_id = "8BC02F53-87AC-48D2-B4FD-C2CF856A305F"`: `Invalid workspace_id.*must be a UUID in lower case.*"8bc02f53-87ac-48d2-b4fd-c2cf856a305f"`,
		`source_id = "50FA2203-66c2-4820-864a-1a8002952f4e"`:    `Invalid source_id.*must be a UUID in lower case`,
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps:                    refusedAtPlan(t, srv, "bird_voice_recordings", refusals, "", expect(testRecordings, knownvalue.ListSizeExact(1), "recordings")),
	})
}

func TestAccVoiceRecordingsReportsAPIErrors(t *testing.T) {
	srv := newTestServer(t, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlockWith(srv, `access_key = "not-the-key"`) + `data "bird_voice_recordings" "test" {}`,
			ExpectError: errorPattern(`: 401 Unauthorized: missing or invalid access key.*Bird rejected the access key. Check access_key \(or BIRD_ACCESS_KEY\).*legacy MessageBird key`),
		}, {
			Config:      providerBlockWith(srv, `access_token = "not-the-token"`) + `data "bird_voice_recordings" "test" {}`,
			ExpectError: errorPattern(`: 401 Unauthorized: missing or invalid access token.*Bird rejected the access token. Check access_token \(or BIRD_ACCESS_TOKEN\)`),
		}, {
			Config:      providerBlock(srv) + `data "bird_voice_recordings" "test" { workspace_id = "00000000-0000-4000-8000-00000000abcd" }`,
			ExpectError: errorPattern(`: 404 Not Found: workspace 00000000-0000-4000-8000-00000000abcd not found.*Check workspace_id`),
		}},
	})
}

func TestAccVoiceRecordingsLive(t *testing.T) {
	if os.Getenv("BIRD_ACC_LIVE") != "1" || os.Getenv(envAccessKey) == "" || os.Getenv(envWorkspaceID) == "" {
		t.Skip("live test: set BIRD_ACC_LIVE=1, BIRD_ACCESS_KEY and BIRD_WORKSPACE_ID to read a real Bird workspace")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config: `data "bird_voice_recordings" "test" { max_results = 5 }`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrPair("data.bird_voice_recordings.test", "recordings.#", "data.bird_voice_recordings.test", "ids.#"),
				resource.TestCheckResourceAttr("data.bird_voice_recordings.test", "workspace_id", os.Getenv(envWorkspaceID)),
				resource.TestCheckNoResourceAttr("data.bird_voice_recordings.test", "urls.%"),
			),
		}, {
			Config:      `data "bird_voice_recordings" "test" { workspace_id = "00000000-0000-4000-8000-000000000000" }`,
			ExpectError: errorPattern(`(403|404)`),
		}},
	})
}
