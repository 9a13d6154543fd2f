package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// transcriptionAttributes is the one definition of a transcription's computed attributes:
// the list items of bird_voice_transcriptions and the top level of bird_voice_transcription.
func transcriptionAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           computedString("The transcription's UUID (`id`)."),
		"recording_id": computedString("The UUID of the recording transcribed (`recordingId`)."),
		"status":       computedString("The transcription's status (`status`): `accepted`, `ongoing`, `available`, `absent` or `failed`; a value Bird adds later is passed through."),
		"stereo":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether each channel was transcribed on its own (`stereo`)."},
		"locale":       computedString("The language transcribed (`locale`), such as `en-US`."),
		"summary":      computedString("Bird's summary of the conversation (`summary`); null when absent."),
		"created_at":   computedString("When the transcription was created (`createdAt`), RFC 3339."),
		"updated_at":   computedString("When the transcription last changed (`updatedAt`), RFC 3339."),
	}
}

// transcriptionType is derived once from transcriptionAttributes, with its tftypes form.
var (
	transcriptionType = objectTypeOf(transcriptionAttributes())
	tfTranscription   = tfObject(transcriptionType)
)

// transcriptionMapping maps transcriptions to values of transcriptionType.
var transcriptionMapping = mapping[bird.Transcription]{
	objectType: transcriptionType,
	value: func(t *bird.Transcription) tftypes.Value {
		return tftypes.NewValue(tfTranscription, map[string]tftypes.Value{
			"id":           tfString(&t.ID),
			"recording_id": tfString(&t.RecordingID),
			"status":       tfString(&t.Status),
			"stereo":       tfBool(t.Stereo),
			"locale":       tfString(&t.Locale),
			"summary":      tfString(&t.Summary),
			"created_at":   tfTimestamp(&t.CreatedAt),
			"updated_at":   tfTimestamp(&t.UpdatedAt),
		})
	},
	id:  func(t *bird.Transcription) *string { return &t.ID },
	url: func(t *bird.Transcription) *string { return &t.URL },
}
