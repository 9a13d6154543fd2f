package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestAccNullListElementsRefusedAtPlan: Terraform accepts a null element in a list argument
// (here written literally; in practice var.channel_id left null, or a lookup that yields
// null). It must be refused at plan time like any other bad element, not sent to Bird as an
// empty channelId=, tag= or channelIds= parameter.
func TestAccNullListElementsRefusedAtPlan(t *testing.T) {
	t.Run("bird_voice_calls", func(t *testing.T) {
		srv := birdtest.NewServer(testKey)
		t.Cleanup(srv.Close)
		srv.AddCalls(testWorkspace, exampleCalls()...)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testFactories,
			Steps: refusedAtPlan(t, srv, "bird_voice_calls", map[string]string{
				`channel_ids = [null]`: `channel_ids`,
				`tags = ["vip", null]`: `tags`,
			}, expect("data.bird_voice_calls.test", knownvalue.ListSizeExact(2), "calls")),
		})
	})
	t.Run("bird_channels", func(t *testing.T) {
		srv := newChannelServer(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testFactories,
			Steps: refusedAtPlan(t, srv, "bird_channels", map[string]string{
				`channel_ids = [null]`: `channel_ids`,
			}, expect(testChannels, knownvalue.ListSizeExact(5), "channels")),
		})
	})
}
