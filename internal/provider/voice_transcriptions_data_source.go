package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// newVoiceTranscriptionsDataSource returns bird_voice_transcriptions: every transcription of
// a workspace, or of one recording.
var newVoiceTranscriptionsDataSource = newList(listSpec[bird.Transcription, bird.TranscriptionFilter]{
	name: "_voice_transcriptions", plural: "transcriptions", one: "transcription",
	description: "Lists the transcriptions of a Bird workspace (List Transcriptions, `GET /workspaces/{workspaceId}/transcriptions`), across every page.",
	endpoint:    bird.Transcriptions,
	filters: map[string]schema.Attribute{
		"recording_id": uuidArgument("Only the transcriptions of this recording (`recordingId`), a UUID. Bird has no such query parameter, so the provider reads every page and keeps the matches."),
	},
	filter: func(c configValues) bird.TranscriptionFilter {
		return bird.TranscriptionFilter{RecordingID: c.string("recording_id")}
	},
	object: transcriptionMapping,
})
