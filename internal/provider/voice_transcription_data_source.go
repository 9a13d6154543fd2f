package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// newVoiceTranscriptionDataSource returns bird_voice_transcription.
func newVoiceTranscriptionDataSource() datasource.DataSource {
	return &singleDataSource[bird.Transcription]{
		name: "_voice_transcription", kind: "transcription",
		description: "Reads one transcription by its ID (Get a Transcription, `GET /workspaces/{workspaceId}/transcriptions/{transcriptionId}`), with a fresh presigned link to it in the sensitive `url`. A transcription that does not exist is an error.",
		mapping:     transcriptionMapping,
		link:        bird.Transcriptions.Link,
		keys:        idKey("transcription"),
		get:         getByID((*bird.Client).GetTranscription),
	}
}
