package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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

// Attribute types derived once from recordingAttributes, and their tftypes forms.
var (
	recordingType   = objectTypeOf(recordingAttributes())
	participantType = objectAttribute(recordingType, "originator")

	tfRecording   = tfObject(recordingType)
	tfParticipant = tfObject(participantType)
	tfContact     = tfObject(objectAttribute(participantType, "contact"))
	tfNumber      = tfObject(objectAttribute(participantType, "number"))
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

// tfObject returns the tftypes form of an object type.
func tfObject(t types.ObjectType) tftypes.Object {
	o, ok := t.TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("%s is not an object type", t))
	}
	return o
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
	id:         func(r *bird.Recording) *string { return &r.ID },
	url:        func(r *bird.Recording) *string { return &r.URL },
}

// recordingValue maps a Recording to a value of recordingType.
func recordingValue(r *bird.Recording) tftypes.Value {
	return tftypes.NewValue(tfRecording, map[string]tftypes.Value{
		"id":            tfString(&r.ID),
		"source":        tfString(&r.Source),
		"source_id":     tfString(&r.SourceID),
		"channel_id":    tfString(&r.ChannelID),
		"status":        tfString(&r.Status),
		"direction":     tfString(&r.Direction),
		"origin":        tfString(&r.Origin),
		"duration":      tfInt64(r.Duration),
		"stereo":        tfBool(r.Stereo),
		"format":        tfString(&r.Format),
		"transcription": tfBool(r.Transcription),
		"conference_id": tfString(&r.ConferenceID),
		"room_info_url": tfString(&r.RoomInfoURL),
		"created_at":    tfTimestamp(&r.CreatedAt),
		"updated_at":    tfTimestamp(&r.UpdatedAt),
		"started_at":    tfTimestamp(&r.StartedAt),
		"ended_at":      tfTimestamp(&r.EndedAt),
		"originator":    participantValue(r.Originator),
		"receiver":      participantValue(r.Receiver),
	})
}

// participantValue maps a Participant, null when absent.
func participantValue(p *bird.Participant) tftypes.Value {
	if p == nil {
		return tftypes.NewValue(tfParticipant, nil)
	}
	contact, number := tftypes.NewValue(tfContact, nil), tftypes.NewValue(tfNumber, nil)
	if c := p.Contact; c != nil {
		contact = tftypes.NewValue(tfContact, map[string]tftypes.Value{
			"id":               tfString(&c.ID),
			"identifier_key":   tfString(&c.IdentifierKey),
			"identifier_value": tfString(&c.IdentifierValue),
		})
	}
	if n := p.Number; n != nil {
		number = tftypes.NewValue(tfNumber, map[string]tftypes.Value{
			"type":             tfString(&n.Type),
			"number":           tfString(&n.Number),
			"anonymous":        tfBool(n.Anonymous),
			"caller_id_name":   tfString(&n.CallerIDName),
			"identity":         tfString(&n.Identity),
			"country_iso_code": tfString(&n.CountryISOCode),
		})
	}
	return tftypes.NewValue(tfParticipant, map[string]tftypes.Value{"contact": contact, "number": number})
}

// The primitive types, boxed once: tftypes.String is a struct, and passing it where a
// tftypes.Type is expected allocates at every call.
var (
	tfStringType tftypes.Type = tftypes.String
	tfBoolType   tftypes.Type = tftypes.Bool
	tfNumberType tftypes.Type = tftypes.Number
)

// tfString maps a string the API left out (or sent empty) to null. It takes a pointer
// because tftypes boxes a string passed by value twice: two allocations instead of one.
func tfString(s *string) tftypes.Value {
	if *s == "" {
		return tftypes.NewValue(tfStringType, nil)
	}
	return tftypes.NewValue(tfStringType, s)
}

// tfTimestamp maps an API date-time to a string, null when absent or Bird's zero time
// (0001-01-01T00:00:00Z, "has not happened yet").
func tfTimestamp(s *string) tftypes.Value {
	if strings.HasPrefix(*s, "0001-01-01T00:00:00") {
		return tftypes.NewValue(tfStringType, nil)
	}
	return tfString(s)
}

// tfBool maps an optional boolean.
func tfBool(b *bool) tftypes.Value {
	if b == nil {
		return tftypes.NewValue(tfBoolType, nil)
	}
	return tftypes.NewValue(tfBoolType, *b)
}

// tfInt64 maps an optional integer.
func tfInt64(n *int64) tftypes.Value {
	if n == nil {
		return tftypes.NewValue(tfNumberType, nil)
	}
	return tftypes.NewValue(tfNumberType, *n)
}
