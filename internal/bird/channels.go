package bird

import (
	"context"
	"net/url"
)

// Channel is one channel of a workspace: every installed platform (SMS, email, WhatsApp,
// voice...), spelled as the API spells it. The platform overrides and capabilities are not
// modelled.
type Channel struct {
	ID          string `json:"id"`
	PlatformID  string `json:"platformId"`
	Name        string `json:"name"`
	ConnectorID string `json:"connectorId,omitempty"`
	Identifier  string `json:"identifier,omitempty"`
	Status      string `json:"status"`
	CreatedAt   string `json:"createdAt,omitempty"`
	UpdatedAt   string `json:"updatedAt,omitempty"`
}

// ChannelFilter narrows the channels list; an empty field is not sent.
type ChannelFilter struct {
	Platform   string   // platform
	Status     string   // status
	ChannelIDs []string // channelIds, repeated: UUIDs
	// Name keeps the channels of exactly this name. Bird has no name filter, so the client
	// reads every page and keeps the matches.
	Name string
}

// Query encodes the filter's set fields as query parameters.
func (f ChannelFilter) Query() url.Values {
	q := url.Values{}
	for _, id := range f.ChannelIDs {
		q.Add("channelIds", id)
	}
	if f.Platform != "" {
		q.Set("platform", f.Platform)
	}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	return q
}

// Channels is the channels list, GET /workspaces/{workspaceId}/channels: pages of up to
// 1,000, filtered by name in the client.
var Channels = &Endpoint[Channel, ChannelFilter]{
	Segments: []string{"channels"},
	PageSize: 1000,
	ID:       func(c *Channel) string { return c.ID },
	Keep: func(f ChannelFilter) func(*Channel) bool {
		if f.Name == "" {
			return nil
		}
		return func(c *Channel) bool { return c.Name == f.Name }
	},
}

// GetChannel reads one channel.
func (c *Client) GetChannel(ctx context.Context, workspaceID, channelID string) (*Channel, error) {
	return getOne[Channel](ctx, c, workspaceID, "channels", channelID)
}
