package birdtest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// numbersList is List Workspace Long Code Numbers: pages of up to 99, filtered by
// numberString (leading digits, the + optional), countryCodes (ISO 3166-1 alpha-2) and
// providerIds (UUIDs), each of the last two repeated and matching when any of its values
// does, as the channels list's channelIds (an assumption: Bird's docs do not say). Bird
// answers no provider, so the fake keeps a number's hidden, as "providerId".
var numbersList = listEndpoint[WithHidden[bird.LongCodeNumber]]{
	name:     "numbers",
	pageSize: bird.MaxPageSize,
	id:       func(n *WithHidden[bird.LongCodeNumber]) string { return n.Object.ID },
	filter: func(c *queryChecker) func(*WithHidden[bird.LongCodeNumber]) bool {
		prefix := strings.TrimPrefix(c.pattern("numberString", numberPrefixPattern), "+")
		countries, providers := c.q["countryCodes"], c.uuids("providerIds")
		for _, cc := range countries {
			if !countryCodePattern.MatchString(cc) && c.err == "" {
				c.err = fmt.Sprintf("countryCodes must be ISO 3166-1 alpha-2 codes, got %q", cc)
			}
		}
		return func(n *WithHidden[bird.LongCodeNumber]) bool {
			return strings.HasPrefix(strings.TrimPrefix(n.Object.NumberString, "+"), prefix) &&
				(len(countries) == 0 || slices.Contains(countries, n.Object.CountryCode)) &&
				(len(providers) == 0 || slices.Contains(providers, n.Hidden["providerId"]))
		}
	},
}

// What the numbers list accepts as numberString and as a country code.
var (
	numberPrefixPattern = regexp.MustCompile(`^\+?[0-9]+$`)
	countryCodePattern  = regexp.MustCompile(`^[A-Z]{2}$`)
)

// AddNumbers stores long-code numbers in a workspace, each with its hidden providerId,
// creating the workspace when needed.
func (s *Server) AddNumbers(workspaceID string, numbers ...WithHidden[bird.LongCodeNumber]) {
	addItems(s, workspaceID, numbersList, numbers...)
}

// SeedNumberProviders are the providers of SeedNumbers, in turn.
var SeedNumberProviders = []string{"d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a", "e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a6b"}

// seedCountries are the calling codes of the seeded channels, their countries, and the type
// of the seeded numbers there.
var seedCountries = []struct{ prefix, country, typ string }{
	{"+31", "NL", "national"}, {"+44", "GB", "local"}, {"+351", "PT", "mobile"},
}

// SeedNumbers returns the long-code numbers behind channels: one for each voice or SMS
// channel that a phone number identifies, carrying the channel's platform both ways, its
// provider one of SeedNumberProviders in turn.
func SeedNumbers(channels []bird.Channel) []WithHidden[bird.LongCodeNumber] {
	var out []WithHidden[bird.LongCodeNumber]
	ways := func(b bool) *bird.Ways { return &bird.Ways{Inbound: new(b), Outbound: new(b)} }
	for _, ch := range channels {
		voice, sms := ch.PlatformID == "voice", strings.HasPrefix(ch.PlatformID, "sms")
		if !strings.HasPrefix(ch.Identifier, "+") || !voice && !sms {
			continue
		}
		n := bird.LongCodeNumber{
			ID: fmt.Sprintf("4e0b1a2c-0000-4000-8000-%012d", len(out)+1), EndpointID: ch.ConnectorID, NumberString: ch.Identifier,
			Capabilities: &bird.Capabilities{Voice: ways(voice), SMS: ways(sms), MMS: ways(false)}, CreatedAt: ch.CreatedAt, UpdatedAt: ch.UpdatedAt,
		}
		for _, c := range seedCountries {
			if strings.HasPrefix(ch.Identifier, c.prefix) {
				n.CountryCode, n.Type = c.country, c.typ
			}
		}
		out = append(out, WithHidden[bird.LongCodeNumber]{Object: n, Hidden: map[string]string{"providerId": SeedNumberProviders[len(out)%2]}})
	}
	return out
}
