package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// transcriptionAttributes is the one definition of a transcription's computed attributes:
// the list items of bird_voice_transcriptions and the top level of bird_voice_transcription.
func transcriptionAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           computedString("The transcription's UUID (`id`)."),
		"recording_id": computedString("The UUID of the recording transcribed (`recordingId`)."),
		"status":       computedString("The transcription's status (`status`): `accepted`, `ongoing`, `available`, `absent` or `failed`; a value Bird adds later is passed through."),
		"stereo":       computedBool("Whether each channel was transcribed on its own (`stereo`)."),
		"locale":       computedString("The language transcribed (`locale`), such as `en-US`."),
		"summary":      computedString("Bird's summary of the conversation (`summary`); null when absent."),
		"created_at":   computedString("When the transcription was created (`createdAt`), RFC 3339."),
		"updated_at":   computedString("When the transcription last changed (`updatedAt`), RFC 3339."),
	}
}

// transcriptionMapping maps transcriptions to values of their attributes.
var transcriptionMapping = mapping[bird.Transcription]{
	attributes: transcriptionAttributes,
	encode: func(w *msgpackWriter, t *bird.Transcription) {
		w.mapHeader(8)
		w.key("created_at").optTimestamp(t.CreatedAt)
		w.key("id").optString(t.ID)
		w.key("locale").optString(t.Locale)
		w.key("recording_id").optString(t.RecordingID)
		w.key("status").optString(t.Status)
		w.key("stereo").optBool(t.Stereo)
		w.key("summary").optString(t.Summary)
		w.key("updated_at").optTimestamp(t.UpdatedAt)
	},
}
