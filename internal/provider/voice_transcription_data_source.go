package provider

import (
	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// newVoiceTranscriptionDataSource returns bird_voice_transcription.
var newVoiceTranscriptionDataSource = newSingle(singleSpec[bird.Transcription]{
	name: "_voice_transcription", kind: "transcription",
	description: "Reads one transcription by its ID (Get a Transcription, `GET /workspaces/{workspaceId}/transcriptions/{transcriptionId}`), with a fresh presigned link to it in the sensitive `url`. A transcription that does not exist is an error.",
	mapping:     transcriptionMapping,
	link:        bird.Transcriptions.Link,
	keys:        idKey("transcription"),
	get:         getByID((*bird.Client).GetTranscription),
})
