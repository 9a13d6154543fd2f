package provider

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// testCall is the address of the single-call data source the tests read.
const testCall = "data.bird_voice_call.test"

// expectPaths checks that the server received only requests of path since the last check,
// with query want (nil: no query but paging), then forgets them.
func expectPaths(srv *birdtest.Server, path string, want url.Values) resource.TestCheckFunc {
	return func(*terraform.State) error {
		defer srv.ResetRequests()
		reqs := srv.Requests()
		if len(reqs) == 0 {
			return fmt.Errorf("no request reached the server")
		}
		for i, r := range reqs {
			if r.Path != path || want != nil && r.Query.Encode() != want.Encode() {
				return fmt.Errorf("request %d: %s?%s, want %s?%s", i, r.Path, r.Query.Encode(), path, want.Encode())
			}
		}
		return nil
	}
}

func TestAccVoiceCallReadsOneCall(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	calls := exampleCalls()
	srv.AddCalls(testWorkspace, calls...)
	full := calls[0]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			// By channel and ID: Get a call.
			PreConfig: srv.ResetRequests,
			Config: providerBlock(srv) + fmt.Sprintf(`data "bird_voice_call" "test" {
  id = %q
  channel_id = %q
}`, full.ID, full.ChannelID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testCall, knownvalue.StringExact(full.ID), "id"),
				expect(testCall, knownvalue.StringExact("completed"), "status"),
				expect(testCall, knownvalue.Int64Exact(16), "hangup_cause_code"),
				expect(testCall, knownvalue.StringExact("mobile"), "originator", "number", "pstn_number_type"),
				expect(testCall, knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("vip"), knownvalue.StringExact("support")}), "tags"),
				expect(testCall, knownvalue.StringExact(testWorkspace), "workspace_id"),
			},
			Check: expectPaths(srv, "/workspaces/"+testWorkspace+"/channels/"+full.ChannelID+"/calls/"+full.ID, url.Values{}),
		}, {
			// By ID alone: the calls log filtered by id, and channel_id filled in.
			PreConfig: srv.ResetRequests,
			Config:    providerBlock(srv) + fmt.Sprintf(`data "bird_voice_call" "test" { id = %q }`, calls[1].ID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testCall, knownvalue.StringExact(calls[1].ChannelID), "channel_id"),
				expect(testCall, knownvalue.StringExact("no-answer"), "status"),
				expect(testCall, knownvalue.Null(), "answered_at"),
				expect(testCall, knownvalue.Null(), "tags"),
			},
			Check: expectPaths(srv, "/workspaces/"+testWorkspace+"/channels/calls", url.Values{"id": {calls[1].ID}, "limit": {"1000"}}),
		}, {
			Config:      providerBlock(srv) + `data "bird_voice_call" "test" { id = "00000000-0000-4000-8000-00000000beef" }`,
			ExpectError: errorPattern(`Bird call not found.*No call has id "00000000-0000-4000-8000-00000000beef" in workspace ` + testWorkspace),
		}, {
			PreConfig: func() {
				twin := full
				twin.ChannelID = calls[1].ChannelID
				srv.AddCalls(testWorkspace, twin)
			},
			Config:      providerBlock(srv) + fmt.Sprintf(`data "bird_voice_call" "test" { id = %q }`, full.ID),
			ExpectError: errorPattern(`More than one Bird call with this id.*2 calls have id "` + full.ID + `" in workspace ` + testWorkspace + `: ` + full.ID + `, ` + full.ID + `\. Set channel_id`),
		}, {
			PreConfig:   srv.ResetRequests,
			Config:      providerBlock(srv) + `data "bird_voice_call" "test" { id = "beef" }`,
			ExpectError: errorPattern(`Invalid id.*must be a UUID`),
		}, {
			Config: providerBlock(srv) + fmt.Sprintf(`data "bird_voice_call" "test" {
  id = %q
  channel_id = "x"
}`, full.ID),
			ExpectError: errorPattern(`Invalid channel_id.*must be a UUID`),
		}, {
			// Both refusals above came at plan time, before any request.
			PreConfig: func() {
				if n := len(srv.Requests()); n != 0 {
					t.Errorf("invalid arguments still sent %d requests", n)
				}
			},
			Config: providerBlock(srv) + fmt.Sprintf(`data "bird_voice_call" "test" {
  id = %q
  channel_id = %q
}`, full.ID, full.ChannelID),
			ConfigStateChecks: []statecheck.StateCheck{expect(testCall, knownvalue.StringExact(full.ID), "id")},
		}},
	})
}

// TestAccVoiceCallOnAnotherChannel reads a call with a channel_id it is not on: the
// diagnostic, on channel_id, names the channel the calls log has it on and says that leaving
// channel_id out searches the whole log; a call the log does not hold either is not found,
// on id; and when the log cannot be read, Bird's 404 is reported as it is.
func TestAccVoiceCallOnAnotherChannel(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	calls := exampleCalls()
	srv.AddCalls(testWorkspace, calls...)
	call, other := calls[0], calls[1].ChannelID
	onChannel := func(id, channelID string) string {
		return providerBlock(srv) + fmt.Sprintf(`data "bird_voice_call" "test" {
  id = %q
  channel_id = %q
}`, id, channelID)
	}
	const missing = "00000000-0000-4000-8000-00000000beef"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config:    onChannel(call.ID, other),
			ExpectError: errorPattern(`Bird call not on this channel.*Call ` + call.ID + ` is on channel ` + call.ChannelID + ` of workspace ` +
				testWorkspace + `, not on channel ` + other + `\. Set channel_id to the channel the call is on, or leave channel_id out: without it, the call is looked up in the whole calls log`),
		}, {
			// The call's channel, then the whole log filtered by the call's id.
			PreConfig: func() {
				var paths []string
				for _, r := range srv.Requests() {
					paths = append(paths, r.Path+"?"+r.Query.Encode())
				}
				want := []string{
					"/workspaces/" + testWorkspace + "/channels/" + other + "/calls/" + call.ID + "?",
					"/workspaces/" + testWorkspace + "/channels/calls?" + url.Values{"id": {call.ID}, "limit": {"1000"}}.Encode(),
				}
				if fmt.Sprint(paths) != fmt.Sprint(want) {
					t.Errorf("requests %v, want %v", paths, want)
				}
			},
			Config:      onChannel(missing, other),
			ExpectError: errorPattern(`Bird call not found.*No call ` + missing + ` in workspace ` + testWorkspace + `.*channel ` + other + ` holds no call with this id.*404.*and the whole calls log holds none either`),
		}, {
			PreConfig: func() {
				srv.Fail(birdtest.Fault{Status: 400, Only: func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/channels/calls") }}, 1)
			},
			Config:      onChannel(call.ID, other),
			ExpectError: errorPattern(`Bird call not found.*No call ` + call.ID + ` in workspace ` + testWorkspace + `.*404`),
		}},
	})
}
