package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// lowerCase matches text without an upper-case letter.
var lowerCase = regexp.MustCompile(`^\P{Lu}*$`)

// newVoiceCallsDataSource returns bird_voice_calls: the calls log of a workspace, every call
// that matches the filters, across all pages.
var newVoiceCallsDataSource = newList(listSpec[bird.Call, bird.CallFilter]{
	name: "_voice_calls", plural: "calls", one: "call",
	description: "Lists the calls log of a Bird workspace (Get calls log, `GET /workspaces/{workspaceId}/channels/calls`): every call of every channel that matches the filters, across every page.",
	endpoint:    bird.Calls,
	filters:     callFilters,
	filter:      callFilter,
	object:      callMapping,
})

// callAttributes is the one definition of a call's computed attributes: the list items of
// bird_voice_calls and the top level of bird_voice_call. callFlow, notification,
// qualityInsights, sipInsights and amdResult are left out for now.
func callAttributes() map[string]schema.Attribute {
	str, at := computedString, computedString
	return map[string]schema.Attribute{
		"id":                str("The call's UUID (`id`)."),
		"channel_id":        str("The UUID of the channel the call is on (`channelId`)."),
		"parent_id":         str("The UUID of the call this one was started from (`parentId`); null when absent."),
		"type":              str("The kind of call (`type`): " + oneOf(bird.CallTypes) + "; a value Bird adds later is passed through."),
		"direction":         str("The call's direction (`direction`): " + oneOf(bird.CallDirections) + "."),
		"status":            str("The call's status (`status`): " + oneOf(bird.CallStatuses) + "; a value Bird adds later is passed through."),
		"from":              str("Who called (`from`): a number in E.164 form, or a SIP or WebRTC identity."),
		"to":                str("Who was called (`to`)."),
		"duration":          computedInt("How long the call lasted, in seconds (`duration`)."),
		"reason":            str("Why the call ended as it did (`reason`); null when absent."),
		"hangup_cause_code": computedInt("The Q.850 cause the call ended with (`hangupCauseCode`), such as 16 (normal clearing), 17 (user busy) or 19 (no answer); null when absent."),
		"hangup_sip_code":   str("The SIP status the call ended with (`hangupSipCode`), such as `486`; null when absent."),
		"hangup_source":     str("Who ended the call (`hangupSource`): " + oneOf(bird.CallHangupSources) + "; null when absent."),
		"sip_type":          str("How a SIP call is carried (`sipType`): " + oneOf(bird.CallSIPTypes) + "; null when absent."),
		"tags": schema.ListAttribute{
			Computed:            true,
			ElementType:         types.StringType,
			MarkdownDescription: "The call's tags (`tags`), lower-case; null when it has none.",
		},
		"originator":    participantAttribute("The party who placed the call (`originator`); null when absent.", true),
		"receiver":      participantAttribute("The party who received the call (`receiver`); null when absent.", true),
		"created_at":    at("When the call was created (`createdAt`), RFC 3339."),
		"updated_at":    at("When the call last changed (`updatedAt`), RFC 3339."),
		"ringing_at":    at("When the call started ringing (`ringingAt`), RFC 3339; null when it never rang (absent or Bird's zero time)."),
		"answered_at":   at("When the call was answered (`answeredAt`), RFC 3339; null when it was not (absent or Bird's zero time)."),
		"ended_at":      at("When the call ended (`endedAt`), RFC 3339; null while it has not (absent or Bird's zero time)."),
		"scheduled_for": at("When a scheduled call is to start (`scheduledFor`), RFC 3339; null when absent or zero."),
	}
}

// callMapping maps calls to values of their attributes.
var callMapping = mapping[bird.Call]{attributes: callAttributes, encode: func(w *msgpackWriter, c *bird.Call) {
	w.mapHeader(23)
	w.key("answered_at").optTimestamp(c.AnsweredAt)
	w.key("channel_id").optString(c.ChannelID)
	w.key("created_at").optTimestamp(c.CreatedAt)
	w.key("direction").optString(c.Direction)
	w.key("duration").optInt(c.Duration)
	w.key("ended_at").optTimestamp(c.EndedAt)
	w.key("from").optString(c.From)
	w.key("hangup_cause_code").optInt(c.HangupCauseCode)
	w.key("hangup_sip_code").optString(c.HangupSIPCode)
	w.key("hangup_source").optString(c.HangupSource)
	w.key("id").optString(c.ID)
	encodeParticipant(w.key("originator"), c.Originator, true)
	w.key("parent_id").optString(c.ParentID)
	w.key("reason").optString(c.Reason)
	encodeParticipant(w.key("receiver"), c.Receiver, true)
	w.key("ringing_at").optTimestamp(c.RingingAt)
	w.key("scheduled_for").optTimestamp(c.ScheduledFor)
	w.key("sip_type").optString(c.SIPType)
	w.key("status").optString(c.Status)
	w.key("tags").optStrings(c.Tags)
	w.key("to").optString(c.To)
	w.key("type").optString(c.Type)
	w.key("updated_at").optTimestamp(c.UpdatedAt)
}}

// callFilters are the arguments that narrow a read of calls: the list's and the summary's.
var callFilters = map[string]schema.Attribute{
	"channel_ids": uuidsArgument("Only calls on these channels (query parameter `channelId`, once for each), UUIDs; `data.bird_channel.<name>.id` names one."),
	"call_id":     uuidArgument("Only the call with this ID (query parameter `id`), a UUID."),
	"direction":   enumArgument("Only calls in this direction (query parameter `direction`)", bird.CallDirections),
	"status":      enumArgument("Only calls with this status (query parameter `status`)", bird.CallStatuses),
	"type":        enumArgument("Only calls of this kind (query parameter `type`)", bird.CallTypes),
	"from":        shortTextArgument("Only calls from this number or identity (query parameter `from`), such as `+3197004499436`; 1 to 100 characters.", 100),
	"to":          shortTextArgument("Only calls to this number or identity (query parameter `to`); 1 to 100 characters.", 100),
	"tags": patternsArgument("Only calls with these tags (query parameter `tag`, once for each), in lower case, as Bird stores them: 1 to 100 characters each.",
		lowerCase, "must be in lower case, as Bird stores tags", stringvalidator.LengthBetween(1, 100)),
	"start_at": startAtArgument(),
	"end_at":   endAtArgument(),
}

// callFilter builds the client's filter from those arguments.
var callFilter = func(c configValues) bird.CallFilter {
	return bird.CallFilter{
		ChannelIDs: c.strings("channel_ids"), CallID: c.string("call_id"), Direction: c.string("direction"),
		Status: c.string("status"), Type: c.string("type"), From: c.string("from"), To: c.string("to"),
		Tags: c.strings("tags"), StartAt: c.string("start_at"), EndAt: c.string("end_at"),
	}
}
