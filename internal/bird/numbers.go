package bird

import "net/url"

// Number types and capabilities as Long Code Numbers documents them. The API may add types;
// readers pass unknown ones through.
var (
	NumberTypes        = []string{"local", "mobile", "toll-free", "national"}
	NumberCapabilities = []string{"voice", "sms", "mms"}
)

// LongCodeNumber is one long-code number of a workspace (a number with a country prefix that
// the workspace bought), spelled as the API spells it. order and endpoint are not modelled yet.
type LongCodeNumber struct {
	ID            string        `json:"id"`
	EndpointID    string        `json:"endpointId,omitempty"`
	NumberString  string        `json:"numberString"`
	CountryCode   string        `json:"countryCode,omitempty"`
	Type          string        `json:"type,omitempty"`
	Capabilities  *Capabilities `json:"capabilities,omitempty"`
	CreatedAt     string        `json:"createdAt,omitempty"`
	UpdatedAt     string        `json:"updatedAt,omitempty"`
	DeprovisionAt string        `json:"deprovisionAt,omitempty"`
}

// Capabilities are what a number can carry, each way.
type Capabilities struct {
	Voice *Ways `json:"voice,omitempty"`
	SMS   *Ways `json:"sms,omitempty"`
	MMS   *Ways `json:"mms,omitempty"`
}

// Ways says whether a capability works inbound and outbound.
type Ways struct {
	Inbound  *bool `json:"inbound,omitempty"`
	Outbound *bool `json:"outbound,omitempty"`
}

// Can reports whether the number has capability ("voice", "sms" or "mms") in direction
// ("inbound", "outbound", or "" or "any" for either).
func (n *LongCodeNumber) Can(capability, direction string) bool {
	var w *Ways
	if c := n.Capabilities; c != nil {
		w = map[string]*Ways{"voice": c.Voice, "sms": c.SMS, "mms": c.MMS}[capability]
	}
	if w == nil {
		return false
	}
	in, out := w.Inbound != nil && *w.Inbound, w.Outbound != nil && *w.Outbound
	switch direction {
	case "inbound":
		return in
	case "outbound":
		return out
	}
	return in || out
}

// NumberFilter narrows the long-code numbers; an empty field is not sent.
type NumberFilter struct {
	NumberPrefix string   // numberString: leading digits, country code included, + optional
	CountryCodes []string // countryCodes, repeated: ISO 3166-1 alpha-2
	ProviderIDs  []string // providerIds, repeated: UUIDs
	// Type, Capability and Direction are kept by the client, which reads every page: Bird has
	// no such filters. Direction applies to Capability: inbound, outbound, or "" or any.
	Type, Capability, Direction string
}

// Query encodes the filter's set fields as query parameters.
func (f NumberFilter) Query() url.Values {
	q := url.Values{"numberString": {f.NumberPrefix}, "countryCodes": f.CountryCodes, "providerIds": f.ProviderIDs}
	for k, v := range q {
		if len(v) == 0 || v[0] == "" {
			delete(q, k)
		}
	}
	return q
}

// Numbers is the workspace's long-code numbers, GET /workspaces/{workspaceId}/numbers-long-code:
// pages of up to 99, filtered by type and capability in the client.
var Numbers = &Endpoint[LongCodeNumber, NumberFilter]{
	Segments: []string{"numbers-long-code"},
	PageSize: MaxPageSize,
	ID:       func(n *LongCodeNumber) string { return n.ID },
	Keep: func(f NumberFilter) func(*LongCodeNumber) bool {
		if f.Type == "" && f.Capability == "" {
			return nil
		}
		return func(n *LongCodeNumber) bool {
			return (f.Type == "" || n.Type == f.Type) && (f.Capability == "" || n.Can(f.Capability, f.Direction))
		}
	},
}
