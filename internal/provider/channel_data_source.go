package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// newChannelDataSource returns bird_channel: one channel, by ID or by name.
var newChannelDataSource = newSingle(singleSpec[bird.Channel]{
	name: "_channel", kind: "channel",
	description: "Reads one channel of a Bird workspace, by `id` (`GET /workspaces/{workspaceId}/channels/{channelId}`) or by `name`, exactly one of the two, so that a configuration can say `channel_id = data.bird_channel.support.id` rather than copy a UUID. A name is matched exactly by the provider, across every page of the channels list: Bird has no name filter. No channel of that name is an error, and so are two or more, which the error lists.",
	mapping:     channelMapping,
	keys: map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "The UUID of the channel to read (path parameter `channelId`); with `name` instead, the ID of the channel of that name.",
			Validators:          []validator.String{uuidCheck()},
		},
		"name": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "The exact name of the channel to read, as shown in Bird's dashboard (`name`); with `id` instead, the channel's name.",
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	},
	validators: []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))},
	get:        getChannel,
})

// getChannel reads the channel the keys name: by ID, or the one channel of that name.
func getChannel(ctx context.Context, c *bird.Client, workspaceID string, keys configValues) (*bird.Channel, error) {
	name := keys.string("name")
	if name == "" {
		return c.GetChannel(ctx, workspaceID, keys.string("id"))
	}
	return theOne(ctx, c, bird.Channels, workspaceID, bird.ChannelFilter{Name: name}, func(ch *bird.Channel) bool { return ch.Name == name },
		lookupKey{key: "name", value: name, kind: "channel", several: "Set id to the one you mean instead of name."})
}
