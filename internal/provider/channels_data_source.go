package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// newChannelsDataSource returns bird_channels: the channels of a workspace, every installed
// platform, that match the filters, across all pages.
var newChannelsDataSource = newList(listSpec[bird.Channel, bird.ChannelFilter]{
	name: "_channels", plural: "channels", one: "channel",
	description: "Lists the channels of a Bird workspace (Channels management, `GET /workspaces/{workspaceId}/channels`): every installed platform, voice, SMS, email and the others, across every page.",
	endpoint:    bird.Channels,
	filters: map[string]schema.Attribute{
		"platform": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only channels of this platform (query parameter `platform`), such as `voice`: letters, digits and dashes.",
			Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Za-z0-9-]+$`), "must be letters, digits and dashes")},
		},
		"status":      textArgument("Only channels with this status (query parameter `status`), such as `active`."),
		"channel_ids": uuidsArgument("Only these channels (query parameter `channelIds`, once for each), UUIDs."),
		"name":        textArgument("Only the channels of exactly this name. Bird has no name filter, so the provider reads every page and keeps the matches."),
	},
	filter: func(c configValues) bird.ChannelFilter {
		return bird.ChannelFilter{Platform: c.string("platform"), Status: c.string("status"), ChannelIDs: c.strings("channel_ids"), Name: c.string("name")}
	},
	object: channelMapping,
})

// channelAttributes is the one definition of a channel's computed attributes: the list
// items of bird_channels and the top level of bird_channel.
func channelAttributes() map[string]schema.Attribute {
	str := computedString
	return map[string]schema.Attribute{
		"id":           str("The channel's UUID (`id`)."),
		"platform_id":  str("The platform the channel is installed on (`platformId`), such as `voice` or `sms-messagebird`."),
		"name":         str("The channel's name (`name`), as shown in Bird's dashboard."),
		"connector_id": str("The UUID of the channel's connector (`connectorId`); null when absent."),
		"identifier":   str("What the channel is reached at (`identifier`): a phone number, an address; null when absent."),
		"status":       str("The channel's status (`status`), such as `active`."),
		"created_at":   str("When the channel was created (`createdAt`), RFC 3339; null when Bird leaves it out."),
		"updated_at":   str("When the channel last changed (`updatedAt`), RFC 3339; null when Bird leaves it out."),
	}
}

// channelMapping maps channels to values of their attributes.
var channelMapping = mapping[bird.Channel]{attributes: channelAttributes, encode: func(w *msgpackWriter, c *bird.Channel) {
	w.mapHeader(8)
	w.key("connector_id").optString(c.ConnectorID)
	w.key("created_at").optTimestamp(c.CreatedAt)
	w.key("id").optString(c.ID)
	w.key("identifier").optString(c.Identifier)
	w.key("name").optString(c.Name)
	w.key("platform_id").optString(c.PlatformID)
	w.key("status").optString(c.Status)
	w.key("updated_at").optTimestamp(c.UpdatedAt)
}}
