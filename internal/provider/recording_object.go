package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

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
		"duration":      computedInt("The recording's length in seconds (`duration`); null while unknown."),
		"stereo":        computedBool("Whether the audio is stereo (`stereo`)."),
		"format":        str("The audio format (`format`), such as `mp3`."),
		"transcription": computedBool("Whether a transcription was requested (`transcription`)."),
		"conference_id": str("The UUID of the conference (`conferenceId`), for conference recordings; null otherwise."),
		"room_info_url": str("The conference room's information link (`roomInfoUrl`); null when absent."),
		"created_at":    str("When the recording was created (`createdAt`), RFC 3339 as Bird gives it."),
		"updated_at":    str("When the recording last changed (`updatedAt`), RFC 3339."),
		"started_at":    str("When recording started (`startedAt`), RFC 3339; null when absent or zero."),
		"ended_at":      str("When recording ended (`endedAt`), RFC 3339; null while it has not (Bird's zero time)."),
		"originator":    participantAttribute("The party who placed the call (`originator`); null when absent.", false),
		"receiver":      participantAttribute("The party who received the call (`receiver`); null when absent.", false),
	}
}

// participantAttribute describes an originator or receiver; a call's number also has its
// pstn_number_type.
func participantAttribute(desc string, call bool) schema.Attribute {
	str := computedString
	number := map[string]schema.Attribute{
		"type":             str("The kind of number (`type`), such as `pstn`."),
		"number":           str("The number without `+` (`number`)."),
		"anonymous":        computedBool("Whether the caller withheld the number (`anonymous`)."),
		"caller_id_name":   str("The caller ID name (`callerIdName`)."),
		"identity":         str("The number in E.164 form (`identity`)."),
		"country_iso_code": str("The number's ISO 3166 country code (`countryIsoCode`)."),
	}
	if call {
		number["pstn_number_type"] = str("The kind of phone number (`pstnNumberType`), such as `mobile` or `geographic`.")
	}
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
				Attributes:          number,
			},
		},
	}
}

// recordingMapping maps recordings to values of their attributes.
var recordingMapping = mapping[bird.Recording]{attributes: recordingAttributes, encode: encodeRecording}

// encodeRecording writes a Recording as a value of recordingAttributes.
func encodeRecording(w *msgpackWriter, r *bird.Recording) {
	w.mapHeader(19)
	w.key("channel_id").optString(r.ChannelID)
	w.key("conference_id").optString(r.ConferenceID)
	w.key("created_at").optTimestamp(r.CreatedAt)
	w.key("direction").optString(r.Direction)
	w.key("duration").optInt(r.Duration)
	w.key("ended_at").optTimestamp(r.EndedAt)
	w.key("format").optString(r.Format)
	w.key("id").optString(r.ID)
	w.key("origin").optString(r.Origin)
	encodeParticipant(w.key("originator"), r.Originator, false)
	encodeParticipant(w.key("receiver"), r.Receiver, false)
	w.key("room_info_url").optString(r.RoomInfoURL)
	w.key("source").optString(r.Source)
	w.key("source_id").optString(r.SourceID)
	w.key("started_at").optTimestamp(r.StartedAt)
	w.key("stereo").optBool(r.Stereo)
	w.key("status").optString(r.Status)
	w.key("transcription").optBool(r.Transcription)
	w.key("updated_at").optTimestamp(r.UpdatedAt)
}

// encodeParticipant writes a Participant, null when absent; a call's number has its
// pstn_number_type.
func encodeParticipant(w *msgpackWriter, p *bird.Participant, call bool) {
	if p == nil {
		w.null()
		return
	}
	w.mapHeader(2)
	if c := p.Contact; c == nil {
		w.key("contact").null()
	} else {
		w.key("contact").mapHeader(3)
		w.key("id").optString(c.ID)
		w.key("identifier_key").optString(c.IdentifierKey)
		w.key("identifier_value").optString(c.IdentifierValue)
	}
	if n := p.Number; n == nil {
		w.key("number").null()
	} else {
		w.key("number").mapHeader(6 + btoi(call))
		w.key("anonymous").optBool(n.Anonymous)
		w.key("caller_id_name").optString(n.CallerIDName)
		w.key("country_iso_code").optString(n.CountryISOCode)
		w.key("identity").optString(n.Identity)
		w.key("number").optString(n.Number)
		if call {
			w.key("pstn_number_type").optString(n.PSTNNumberType)
		}
		w.key("type").optString(n.Type)
	}
}

// btoi is 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
