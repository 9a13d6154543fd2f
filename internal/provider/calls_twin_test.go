package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// twinCalls is a fake whose calls log holds one call ID twice, on two channels, as
// bird_voice_call's own acceptance test has it ("More than one Bird call with this id").
func twinCalls(t *testing.T) (*birdtest.Server, []bird.Call) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	calls := birdtest.SeedCalls(birdtest.SeedRecordings(30, 1), 1)
	twin := calls[5]
	twin.ChannelID = birdtest.SeedChannels[0]
	if twin.ChannelID == calls[5].ChannelID {
		twin.ChannelID = birdtest.SeedChannels[1]
	}
	calls = append(calls, twin)
	srv.AddCalls(testWorkspace, calls...)
	return srv, calls
}

// TestAccCallsTwinWindowed: with a time window, bird_voice_calls lists, and
// bird_voice_calls_summary counts, both calls of one ID on two channels, sequentially and
// with read_parallelism = 8, whose windowed read once deduplicated by ID alone.
func TestAccCallsTwinWindowed(t *testing.T) {
	for _, parallelism := range []int{1, 8} {
		t.Run(fmt.Sprint("read_parallelism=", parallelism), func(t *testing.T) {
			srv, calls := twinCalls(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testFactories,
				Steps: []resource.TestStep{{
					Config: providerBlockWith(srv, fmt.Sprintf("access_key = %q\nrequests_per_second = 1000\nread_parallelism = %d", testKey, parallelism)) + `
data "bird_voice_calls" "test" {
  start_at = "2026-10-01T00:00:00Z"
}
data "bird_voice_calls_summary" "test" {
  start_at = "2026-10-01T00:00:00Z"
}
`,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.bird_voice_calls.test", tfjsonpath.New("ids"), knownvalue.ListSizeExact(len(calls))),
						statecheck.ExpectKnownValue("data.bird_voice_calls_summary.test", tfjsonpath.New("total_count"), knownvalue.Int64Exact(int64(len(calls)))),
					},
				}},
			})
		})
	}
}
