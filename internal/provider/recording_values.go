package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// recordingAttributes is the one definition of a recording's computed attributes: the list
// items of bird_voice_recordings and the top level of bird_voice_recording. The attribute
// types that the mapping below builds values of are derived from it. No attribute here is
// sensitive or of a custom type: either, nested in a list, makes Terraform's work quadratic.
func recordingAttributes() map[string]schema.Attribute {
	str := computedString
	return map[string]schema.Attribute{
		"id":            str("The recording's UUID (`id`)."),
		"source":        str("What was recorded (`source`): `call` or `conference`."),
		"source_id":     str("The UUID of the call or conference recorded (`sourceId`)."),
		"channel_id":    str("The UUID of the voice channel (`channelId`); null when absent."),
		"status":        str("The recording's status (`status`): `accepted`, `completed`, `ongoing`, `paused`, `available`, `absent` or `failed`; a value Bird adds later is passed through."),
		"direction":     str("The call's direction (`direction`): `incoming` or `outgoing`; null when absent."),
		"origin":        str("What started the recording (`origin`): `call-command-record`, `call-command-record-call`, `create-call` or `bridge-call`."),
		"duration":      schema.Int64Attribute{Computed: true, MarkdownDescription: "The recording's length in seconds (`duration`); null while unknown."},
		"stereo":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the audio is stereo (`stereo`)."},
		"format":        str("The audio format (`format`), such as `mp3`."),
		"transcription": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether a transcription was requested (`transcription`)."},
		"conference_id": str("The UUID of the conference (`conferenceId`), for conference recordings; null otherwise."),
		"room_info_url": str("The conference room's information link (`roomInfoUrl`); null when absent."),
		"created_at":    str("When the recording was created (`createdAt`), RFC 3339 as Bird gives it."),
		"updated_at":    str("When the recording last changed (`updatedAt`), RFC 3339."),
		"started_at":    str("When recording started (`startedAt`), RFC 3339; null when absent or zero."),
		"ended_at":      str("When recording ended (`endedAt`), RFC 3339; null while it has not (Bird's zero time)."),
		"originator":    participantAttribute("The party who placed the call (`originator`); null when absent."),
		"receiver":      participantAttribute("The party who received the call (`receiver`); null when absent."),
	}
}

// computedString is a computed string attribute.
func computedString(desc string) schema.Attribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

// participantAttribute describes an originator or receiver.
func participantAttribute(desc string) schema.Attribute {
	str := computedString
	return schema.SingleNestedAttribute{
		Computed:            true,
		MarkdownDescription: desc,
		Attributes: map[string]schema.Attribute{
			"contact": schema.SingleNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The Bird contact (`contact`); null when absent.",
				Attributes: map[string]schema.Attribute{
					"id":               str("The contact's UUID (`id`)."),
					"identifier_key":   str("The kind of identifier (`identifierKey`), such as `phonenumber`."),
					"identifier_value": str("The identifier (`identifierValue`), such as `+31970...`."),
				},
			},
			"number": schema.SingleNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The phone number (`number`); null when absent.",
				Attributes: map[string]schema.Attribute{
					"type":             str("The kind of number (`type`), such as `pstn`."),
					"number":           str("The number without `+` (`number`)."),
					"anonymous":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the caller withheld the number (`anonymous`)."},
					"caller_id_name":   str("The caller ID name (`callerIdName`)."),
					"identity":         str("The number in E.164 form (`identity`)."),
					"country_iso_code": str("The number's ISO 3166 country code (`countryIsoCode`)."),
				},
			},
		},
	}
}

// Attribute types derived once from recordingAttributes.
var (
	recordingType   = objectTypeOf(recordingAttributes())
	participantType = objectAttribute(recordingType, "originator")
	contactType     = objectAttribute(participantType, "contact")
	numberType      = objectAttribute(participantType, "number")
)

// objectAttribute returns the type of a nested object attribute; it panics, when the package
// loads, if the schema above says otherwise.
func objectAttribute(parent types.ObjectType, name string) types.ObjectType {
	t, ok := parent.AttrTypes[name].(types.ObjectType)
	if !ok {
		panic(fmt.Sprintf("attribute %q is %T, not an object", name, parent.AttrTypes[name]))
	}
	return t
}

// objectTypeOf returns the object type of a set of schema attributes.
func objectTypeOf(attrs map[string]schema.Attribute) types.ObjectType {
	types := make(map[string]attr.Type, len(attrs))
	for name, a := range attrs {
		types[name] = a.GetType()
	}
	return basetypes.ObjectType{AttrTypes: types}
}

// recordingMapping maps recordings to values of recordingType.
var recordingMapping = mapping[bird.Recording]{
	objectType: recordingType,
	value:      recordingValue,
	id:         func(r *bird.Recording) string { return r.ID },
	url:        func(r *bird.Recording) string { return r.URL },
}

// recordingValue maps a Recording to a value of recordingType.
func recordingValue(r *bird.Recording) types.Object {
	return types.ObjectValueMust(recordingType.AttrTypes, map[string]attr.Value{
		"id":            optionalString(r.ID),
		"source":        optionalString(r.Source),
		"source_id":     optionalString(r.SourceID),
		"channel_id":    optionalString(r.ChannelID),
		"status":        optionalString(r.Status),
		"direction":     optionalString(r.Direction),
		"origin":        optionalString(r.Origin),
		"duration":      types.Int64PointerValue(r.Duration),
		"stereo":        types.BoolPointerValue(r.Stereo),
		"format":        optionalString(r.Format),
		"transcription": types.BoolPointerValue(r.Transcription),
		"conference_id": optionalString(r.ConferenceID),
		"room_info_url": optionalString(r.RoomInfoURL),
		"created_at":    timestamp(r.CreatedAt),
		"updated_at":    timestamp(r.UpdatedAt),
		"started_at":    timestamp(r.StartedAt),
		"ended_at":      timestamp(r.EndedAt),
		"originator":    participantValue(r.Originator),
		"receiver":      participantValue(r.Receiver),
	})
}

// participantValue maps a Participant, null when absent.
func participantValue(p *bird.Participant) types.Object {
	if p == nil {
		return types.ObjectNull(participantType.AttrTypes)
	}
	contact, number := types.ObjectNull(contactType.AttrTypes), types.ObjectNull(numberType.AttrTypes)
	if c := p.Contact; c != nil {
		contact = types.ObjectValueMust(contactType.AttrTypes, map[string]attr.Value{
			"id":               optionalString(c.ID),
			"identifier_key":   optionalString(c.IdentifierKey),
			"identifier_value": optionalString(c.IdentifierValue),
		})
	}
	if n := p.Number; n != nil {
		number = types.ObjectValueMust(numberType.AttrTypes, map[string]attr.Value{
			"type":             optionalString(n.Type),
			"number":           optionalString(n.Number),
			"anonymous":        types.BoolPointerValue(n.Anonymous),
			"caller_id_name":   optionalString(n.CallerIDName),
			"identity":         optionalString(n.Identity),
			"country_iso_code": optionalString(n.CountryISOCode),
		})
	}
	return types.ObjectValueMust(participantType.AttrTypes, map[string]attr.Value{"contact": contact, "number": number})
}

// optionalString maps a string the API left out (or sent empty) to null.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// timestamp maps an API date-time to a string, null when absent or Bird's zero time
// (0001-01-01T00:00:00Z, "has not happened yet").
func timestamp(s string) types.String {
	if strings.HasPrefix(s, "0001-01-01T00:00:00") {
		return types.StringNull()
	}
	return optionalString(s)
}
