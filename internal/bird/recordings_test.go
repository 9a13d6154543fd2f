package bird_test

import (
	"encoding/json"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// seedExample is the real response in Bird's List Recordings page, its url shortened.
const seedExample = `{
  "results": [
    {
      "id": "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd",
      "sourceId": "50fa2203-66c2-4820-864a-1a8002952f4e",
      "channelId": "880d8171-cbab-47bb-81b6-b1a0902da136",
      "originator": {"number": {"type": "pstn", "number": "3197004499436", "identity": "+3197004499436", "countryIsoCode": "NL"}},
      "receiver": {
        "contact": {"id": "225dcb7c-efbd-4288-b78d-93fba8743dd0", "identifierKey": "phonenumber", "identifierValue": "+351919150029"},
        "number": {"type": "pstn", "number": "351919150029", "countryIsoCode": "PT"}
      },
      "source": "call", "direction": "outgoing", "origin": "create-call", "status": "available",
      "duration": 29, "format": "mp3", "stereo": false, "transcription": false,
      "url": "https://regional--voice-recordings.s3.eu-west-1.amazonaws.com/x.mp3?X-Amz-Expires=600",
      "createdAt": "2023-10-23T15:55:08.234Z", "updatedAt": "2023-10-23T15:55:38.278Z",
      "startedAt": "2023-10-23T15:55:08.121Z", "endedAt": "2023-10-23T15:55:38.101Z"
    }
  ]
}`

func TestRecordingDecodesTheDocumentedExample(t *testing.T) {
	var page struct {
		Results []bird.Recording `json:"results"`
	}
	if err := json.Unmarshal([]byte(seedExample), &page); err != nil {
		t.Fatal(err)
	}
	r := page.Results[0]
	if r.ID != "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd" || r.SourceID != "50fa2203-66c2-4820-864a-1a8002952f4e" ||
		r.ChannelID != "880d8171-cbab-47bb-81b6-b1a0902da136" || r.Source != "call" || r.Direction != "outgoing" ||
		r.Origin != "create-call" || r.Status != "available" || r.Format != "mp3" ||
		r.CreatedAt != "2023-10-23T15:55:08.234Z" || r.UpdatedAt != "2023-10-23T15:55:38.278Z" ||
		r.StartedAt != "2023-10-23T15:55:08.121Z" || r.EndedAt != "2023-10-23T15:55:38.101Z" || r.URL == "" {
		t.Fatalf("scalar fields: %+v", r)
	}
	if r.Duration == nil || *r.Duration != 29 || r.Stereo == nil || *r.Stereo || r.Transcription == nil || *r.Transcription {
		t.Fatalf("duration/stereo/transcription: %v %v %v", r.Duration, r.Stereo, r.Transcription)
	}
	if r.Originator == nil || r.Originator.Contact != nil || r.Originator.Number == nil ||
		r.Originator.Number.Identity != "+3197004499436" || r.Originator.Number.CountryISOCode != "NL" || r.Originator.Number.Anonymous != nil {
		t.Fatalf("originator: %+v", r.Originator)
	}
	if r.Receiver == nil || r.Receiver.Contact == nil || r.Receiver.Contact.IdentifierKey != "phonenumber" ||
		r.Receiver.Contact.IdentifierValue != "+351919150029" || r.Receiver.Number.Number != "351919150029" {
		t.Fatalf("receiver: %+v", r.Receiver)
	}
	if r.ConferenceID != "" || r.RoomInfoURL != "" {
		t.Fatalf("absent fields are not empty: %+v", r)
	}
}

func TestRecordingFilterQueryLeavesUnsetFiltersOut(t *testing.T) {
	if q := (bird.RecordingFilter{}).Query(); len(q) != 0 {
		t.Fatalf("empty filter sent %v", q)
	}
	q := bird.RecordingFilter{From: "+31 970", Status: "failed"}.Query()
	if q.Encode() != "from=%2B31+970&status=failed" {
		t.Fatalf("got %s", q.Encode())
	}
}
