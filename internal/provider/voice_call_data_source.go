package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
		MarkdownDescription: "The UUID of the channel the call is on (path parameter `channelId`; `channelId` of the call). With it, the call is read directly (Get a call), and a call that is not on this channel is an error that names the channel the calls log has it on; without it, from the calls log filtered by `id`, and then filled in.",
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
		call, err := c.GetCall(ctx, workspaceID, channelID, id)
		if bird.IsNotFound(err) {
			return nil, notOnChannel(ctx, c, workspaceID, channelID, id, err)
		}
		return call, err
	}
	return theOne(ctx, c, bird.Calls, workspaceID, bird.CallFilter{CallID: id}, func(call *bird.Call) bool { return call.ID == id },
		lookupKey{key: "id", value: id, kind: "call", several: "Set channel_id to read the one on that channel."})
}

// notOnChannel explains a call that its channel does not hold (notFound, Bird's 404): it
// looks the id up in the whole calls log and, when the log holds it, names the channels it
// is on. A 404 of the log is the workspace's, reported as any list read's; when the log
// read fails otherwise, the call's 404 is reported as it is.
func notOnChannel(ctx context.Context, c *bird.Client, workspaceID, channelID, id string, notFound error) error {
	listing, err := bird.List(ctx, c, bird.Calls, workspaceID, bird.CallFilter{CallID: id}, bird.ListOptions{})
	switch {
	case bird.IsNotFound(err):
		return listReadError{err}
	case err != nil:
		return notFound
	}
	var channels []string
	for _, call := range listing.Items {
		if call.ID == id && call.ChannelID != channelID && !slices.Contains(channels, call.ChannelID) {
			channels = append(channels, call.ChannelID)
		}
	}
	if len(channels) == 0 {
		return lookupError{notFoundError("call", id, workspaceID, fmt.Errorf("channel %s holds no call with this id (%w), and the whole calls log holds none either", channelID, notFound))}
	}
	return lookupError{diag.NewAttributeErrorDiagnostic(path.Root("channel_id"), "Bird call not on this channel",
		fmt.Sprintf("Call %s is on channel %s of workspace %s, not on channel %s. Set channel_id to the channel the call is on, or leave channel_id out: without it, the call is looked up in the whole calls log.", id, strings.Join(channels, " and "), workspaceID, channelID))}
}
