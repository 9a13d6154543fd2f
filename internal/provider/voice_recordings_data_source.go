package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// newVoiceRecordingsDataSource returns bird_voice_recordings: every recording of a workspace
// that matches the filters, across all pages.
var newVoiceRecordingsDataSource = newList(listSpec[bird.Recording, bird.RecordingFilter]{
	name: "_voice_recordings", plural: "recordings", one: "recording",
	description: "Lists the voice call recordings of a Bird workspace (List Recordings, `GET /workspaces/{workspaceId}/recordings`), newest first, across every page.",
	endpoint:    bird.Recordings,
	filters:     recordingFilters,
	filter:      recordingFilter,
	object:      recordingMapping,
})

// recordingFilters are the arguments that narrow a read of recordings: the list's and the summary's.
var recordingFilters = map[string]schema.Attribute{
	"source_id":  uuidArgument("Only recordings of this source (query parameter `sourceId`), a UUID."),
	"channel_id": uuidArgument("Only recordings on this voice channel (query parameter `channelId`), a UUID."),
	"call_id":    uuidArgument("Only recordings of this call (query parameter `id`, \"the ID for the call\"), a UUID."),
	"direction":  enumArgument("Only recordings of calls in this direction (query parameter `direction`)", bird.RecordingDirections),
	"status":     enumArgument("Only recordings with this status (query parameter `status`)", bird.RecordingStatuses),
	"start_at":   startAtArgument(),
	"end_at":     endAtArgument(),
	"from":       textArgument("Only calls from this number (query parameter `from`), such as `+3197004499436`."),
	"to":         textArgument("Only calls to this number (query parameter `to`)."),
}

// recordingFilter builds the client's filter from those arguments.
var recordingFilter = func(c configValues) bird.RecordingFilter {
	return bird.RecordingFilter{
		SourceID: c.string("source_id"), ChannelID: c.string("channel_id"), CallID: c.string("call_id"),
		Direction: c.string("direction"), Status: c.string("status"),
		StartAt: c.string("start_at"), EndAt: c.string("end_at"),
		From: c.string("from"), To: c.string("to"),
	}
}
