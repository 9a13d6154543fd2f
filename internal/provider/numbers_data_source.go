package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// newNumbersDataSource returns bird_numbers: the long-code numbers of a workspace that match
// the filters, across all pages.
var newNumbersDataSource = newList(listSpec[bird.LongCodeNumber, bird.NumberFilter]{
	name: "_numbers", plural: "numbers", one: "number",
	description: "Lists the long-code numbers of a Bird workspace (Numbers, `GET /workspaces/{workspaceId}/numbers-long-code`): every number with a country prefix that the workspace bought, across every page.",
	endpoint:    bird.Numbers,
	filters: map[string]schema.Attribute{
		"number_prefix": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only numbers that start with these digits (query parameter `numberString`), country code included, `+` optional: `+3197` or `3197`.",
			Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^\+?[0-9]+$`), "must be digits, country code first, with an optional + in front")},
		},
		"country_codes": patternsArgument("Only numbers of these countries (query parameter `countryCodes`, once for each), ISO 3166-1 alpha-2 codes such as `NL`.",
			regexp.MustCompile(`^[A-Z]{2}$`), "must be an ISO 3166-1 alpha-2 code in capitals, such as NL"),
		"provider_ids": uuidsArgument("Only numbers of these providers (query parameter `providerIds`, once for each), UUIDs."),
		"type":         enumArgument("Only numbers of this type, kept by the provider, which reads every page: Bird has no type filter", bird.NumberTypes),
		"capability":   enumArgument("Only numbers that can carry this (`capabilities`), kept by the provider, which reads every page", bird.NumberCapabilities),
		"capability_direction": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Which way `capability` must work: `inbound`, `outbound`, or `any`, the default: either way will do. Only with `capability`.",
			Validators:          []validator.String{stringvalidator.OneOf("inbound", "outbound", "any"), stringvalidator.AlsoRequires(path.MatchRoot("capability"))},
		},
	},
	filter: func(c configValues) bird.NumberFilter {
		return bird.NumberFilter{
			NumberPrefix: c.string("number_prefix"), CountryCodes: c.strings("country_codes"), ProviderIDs: c.strings("provider_ids"),
			Type: c.string("type"), Capability: c.string("capability"), Direction: c.string("capability_direction"),
		}
	},
	object: numberMapping,
})

// newNumberDataSource returns bird_number: the one long-code number written so, in E.164.
var newNumberDataSource = newSingle(singleSpec[bird.LongCodeNumber]{
	name: "_number", kind: "long-code number",
	description: "Reads one long-code number of a Bird workspace by `number`, in E.164 form, from the numbers list filtered by `numberString`, so that a configuration can name a number rather than copy its UUID. Exactly one number must match: none is an error on `number`, and so are two or more, which the error lists.",
	mapping:     numberMapping,
	keys: map[string]schema.Attribute{"number": schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "The number to read, in E.164 form (`numberString`), such as `+3197004499436`.",
		Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`), "must be a number in E.164 form, such as +3197004499436")},
	}},
	get: func(ctx context.Context, c *bird.Client, workspaceID string, keys configValues) (*bird.LongCodeNumber, error) {
		number := keys.string("number")
		return theOne(ctx, c, bird.Numbers, workspaceID, bird.NumberFilter{NumberPrefix: number}, func(n *bird.LongCodeNumber) bool { return n.NumberString == number },
			lookupKey{key: "number", value: number, kind: "long-code number", several: "Bird should hold a number once; ask its support which is the one in use."})
	},
})

// numberAttributes is the one definition of a number's computed attributes: the list items
// of bird_numbers and the top level of bird_number.
func numberAttributes() map[string]schema.Attribute {
	str := computedString
	ways := func(what string) schema.Attribute {
		return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Whether the number carries " + what + "; null when absent.", Attributes: map[string]schema.Attribute{
			"inbound":  computedBool("Into the workspace (`inbound`)."),
			"outbound": computedBool("Out of the workspace (`outbound`)."),
		}}
	}
	return map[string]schema.Attribute{
		"id":           str("The number's UUID (`id`)."),
		"endpoint_id":  str("The UUID of the endpoint the number is attached to (`endpointId`)."),
		"number":       str("The number in E.164 form (`numberString`), such as `+3197004499436`."),
		"country_code": str("The number's country (`countryCode`), an ISO 3166-1 alpha-2 code."),
		"type":         str("The kind of number (`type`): " + oneOf(bird.NumberTypes) + "; a value Bird adds later is passed through."),
		"capabilities": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "What the number can carry, each way (`capabilities`); null when absent.", Attributes: map[string]schema.Attribute{
			"voice": ways("calls (`voice`)"), "sms": ways("text messages (`sms`)"), "mms": ways("multimedia messages (`mms`)"),
		}},
		"created_at":     str("When the number was added to the workspace (`createdAt`), RFC 3339, as Bird writes it (offsets included)."),
		"updated_at":     str("When the number last changed (`updatedAt`), RFC 3339."),
		"deprovision_at": str("When the number is to be released (`deprovisionAt`), RFC 3339; null when it is not."),
	}
}

// numberMapping maps long-code numbers to values of their attributes; order and endpoint
// are not mapped yet.
var numberMapping = mapping[bird.LongCodeNumber]{attributes: numberAttributes, encode: func(w *msgpackWriter, n *bird.LongCodeNumber) {
	w.mapHeader(9)
	if c := n.Capabilities; c == nil {
		w.key("capabilities").null()
	} else {
		w.key("capabilities").mapHeader(3)
		for _, k := range []struct {
			name string
			ways *bird.Ways
		}{{"mms", c.MMS}, {"sms", c.SMS}, {"voice", c.Voice}} {
			if w.key(k.name); k.ways == nil {
				w.null()
				continue
			}
			w.mapHeader(2)
			w.key("inbound").optBool(k.ways.Inbound)
			w.key("outbound").optBool(k.ways.Outbound)
		}
	}
	w.key("country_code").optString(n.CountryCode)
	w.key("created_at").optTimestamp(n.CreatedAt)
	w.key("deprovision_at").optTimestamp(n.DeprovisionAt)
	w.key("endpoint_id").optString(n.EndpointID)
	w.key("id").optString(n.ID)
	w.key("number").optString(n.NumberString)
	w.key("type").optString(n.Type)
	w.key("updated_at").optTimestamp(n.UpdatedAt)
}}
