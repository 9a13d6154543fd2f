package birdtest

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// channelsList is the channels list: pages of up to 1,000, filtered by platform (a name of
// letters, digits and dashes), status and channelIds (repeated, any of them matching).
var channelsList = listEndpoint[bird.Channel]{
	pageSize: 1000,
	id:       func(c *bird.Channel) string { return c.ID },
	name:     "channels",
	filter: func(c *queryChecker) func(*bird.Channel) bool {
		platform := c.pattern("platform", platformPattern)
		status, ids := c.q.Get("status"), c.uuids("channelIds")
		return func(ch *bird.Channel) bool {
			return (platform == "" || ch.PlatformID == platform) &&
				(status == "" || ch.Status == status) &&
				(len(ids) == 0 || slices.Contains(ids, ch.ID))
		}
	},
}

// platformPattern is what the channels list accepts as a platform.
var platformPattern = regexp.MustCompile(`^[A-Za-z0-9-]+$`)

// AddChannels stores channels in a workspace, creating it when needed.
func (s *Server) AddChannels(workspaceID string, channels ...bird.Channel) {
	addItems(s, workspaceID, channelsList, channels...)
}

// SeedChannelNames names SeedChannels, in order: the voice channels that seeded calls and
// recordings use.
var SeedChannelNames = []string{"Support NL", "Sales PT", "Billing"}

// SeedChannelList returns the workspace's channels: the voice channels of SeedChannels,
// named SeedChannelNames, and an SMS and an email channel.
func SeedChannelList() []bird.Channel {
	var out []bird.Channel
	for i, id := range SeedChannels {
		out = append(out, bird.Channel{
			ID: id, PlatformID: "voice", Name: SeedChannelNames[i], Status: "active",
			ConnectorID: fmt.Sprintf("5e0c1a2b-0000-4000-8000-%012d", i+1), Identifier: fmt.Sprintf("+319700449943%d", i),
			CreatedAt: "2025-03-0" + fmt.Sprint(i+1) + "T09:00:00.000Z", UpdatedAt: "2026-10-0" + fmt.Sprint(i+1) + "T09:00:00.000Z",
		})
	}
	return append(out,
		bird.Channel{ID: "a7f3c2d1-5b6e-4c8d-9e0f-1a2b3c4d5e6f", PlatformID: "sms-messagebird", Name: "Support NL SMS", Status: "active", Identifier: "+3197004499439"},
		bird.Channel{ID: "b8e4d3c2-6c7f-4d9e-8f1a-2b3c4d5e6f70", PlatformID: "email", Name: "Newsletter", Status: "inactive", Identifier: "news@example.invalid"},
	)
}
