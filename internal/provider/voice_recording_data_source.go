package provider

import (
	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// newVoiceRecordingDataSource returns bird_voice_recording.
var newVoiceRecordingDataSource = newSingle(singleSpec[bird.Recording]{
	name: "_voice_recording", kind: "recording",
	description: "Reads one voice call recording by its ID (Get a Recording, `GET /workspaces/{workspaceId}/recordings/{recordingId}`), with a fresh presigned link to its audio in the sensitive `url`. A recording that does not exist is an error. For a link that never lands in state, use the `bird_voice_recording` ephemeral resource.",
	mapping:     recordingMapping,
	link:        bird.Recordings.Link,
	keys:        idKey("recording"),
	get:         getByID((*bird.Client).GetRecording),
})
