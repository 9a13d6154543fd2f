package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// newVoiceCallDataSource returns bird_voice_call: one call, by channel and ID, or by ID
// alone from the calls log.
var newVoiceCallDataSource = func() func() datasource.DataSource {
	keys := idKey("call")
	keys["channel_id"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "The UUID of the channel the call is on (path parameter `channelId`; `channelId` of the call). With it, the call is read directly (Get a call); without it, from the calls log filtered by `id`, and then filled in.",
		Validators:          []validator.String{uuidCheck()},
	}
	return newSingle(singleSpec[bird.Call]{
		name: "_voice_call", kind: "call",
		description: "Reads one call (Get a call, `GET /workspaces/{workspaceId}/channels/{channelId}/calls/{callId}`, or, without `channel_id`, the calls log filtered by `id`). A call that does not exist is an error, and so is an `id` the calls log holds more than once.",
		mapping:     callMapping,
		keys:        keys,
		get:         getCall,
	})
}()

// getCall reads the call the keys name: from its channel when channel_id is set, else from
// the calls log, which must hold it exactly once.
func getCall(ctx context.Context, c *bird.Client, workspaceID string, keys configValues) (*bird.Call, error) {
	id := keys.string("id")
	if channelID := keys.string("channel_id"); channelID != "" {
		return c.GetCall(ctx, workspaceID, channelID, id)
	}
	return theOne(ctx, c, bird.Calls, workspaceID, bird.CallFilter{CallID: id}, func(call *bird.Call) bool { return call.ID == id },
		lookupKey{key: "id", value: id, kind: "call", several: "Set channel_id to read the one on that channel."})
}
