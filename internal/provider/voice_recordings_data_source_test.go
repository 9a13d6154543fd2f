package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// recordingsPath addresses an attribute of data.bird_voice_recordings.test.
func recordingsPath(p ...any) tfjsonpath.Path {
	jp := tfjsonpath.New(p[0].(string))
	for _, step := range p[1:] {
		switch s := step.(type) {
		case int:
			jp = jp.AtSliceIndex(s)
		case string:
			jp = jp.AtMapKey(s)
		}
	}
	return jp
}

// expect checks one attribute of data.bird_voice_recordings.test.
func expect(v knownvalue.Check, p ...any) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("data.bird_voice_recordings.test", recordingsPath(p...), v)
}

// expectReads checks that each read of the data source since the last check sent exactly
// the queries want, in order, then forgets the requests. Terraform may read a data source
// more than once in a step (plan, apply, the post-apply plan), so any number of whole reads
// passes.
func expectReads(srv *birdtest.Server, want ...url.Values) resource.TestCheckFunc {
	return func(*terraform.State) error {
		defer srv.ResetRequests()
		got := srv.Requests()
		if len(got) == 0 || len(got)%len(want) != 0 {
			return fmt.Errorf("the server received %d requests, not a multiple of the %d one read makes", len(got), len(want))
		}
		for i, r := range got {
			if w := want[i%len(want)]; r.Query.Encode() != w.Encode() {
				return fmt.Errorf("request %d: query %s, want %s", i, r.Query.Encode(), w.Encode())
			}
		}
		return nil
	}
}

func TestAccVoiceRecordingsPagesThroughEveryRecording(t *testing.T) {
	srv := newTestServer(t, 250)
	seeded := birdtest.SeedRecordings(250, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config:    providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(knownvalue.ListSizeExact(250), "recordings"),
				expect(knownvalue.ListSizeExact(250), "ids"),
				expect(knownvalue.StringExact(seeded[0].ID), "ids", 0),
				expect(knownvalue.StringExact(seeded[249].ID), "recordings", 249, "id"),
				expect(knownvalue.StringExact(testWorkspace), "workspace_id"),
				expect(knownvalue.Null(), "urls"),
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
				expect(knownvalue.ListSizeExact(5), "recordings"),
				expect(knownvalue.ListSizeExact(5), "ids"),
			},
			Check: expectReads(srv, url.Values{"limit": {"5"}}),
		}, {
			Config: providerBlock(srv) + `data "bird_voice_recordings" "test" { status = "absent" }`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(knownvalue.ListSizeExact(5), "recordings"),
				expect(knownvalue.StringExact("absent"), "recordings", 4, "status"),
			},
		}},
	})
}
