package bird_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// items returns a listing's results, or its error.
func items[T any](l *bird.Listing[T], err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	return l.Items, nil
}

// TestGoldenAnswersDecode serves each answer in testdata, as Bird sends it, and requires the
// client to decode every field of it.
func TestGoldenAnswersDecode(t *testing.T) {
	ctx := context.Background()
	realURL := func(t *testing.T) string {
		raw, err := os.ReadFile(filepath.Join("testdata", "list_recordings_real.json"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(raw)
		i := strings.Index(s, `"url": "`) + len(`"url": "`)
		return s[i : i+strings.Index(s[i:], `"`)]
	}
	for _, tc := range []struct {
		file string
		read func(*bird.Client) (any, error)
		want func(t *testing.T) any
	}{{
		file: "list_recordings_real.json",
		read: func(c *bird.Client) (any, error) {
			return items(c.ListRecordings(ctx, testWorkspace, bird.RecordingFilter{}, bird.ListOptions{}))
		},
		want: func(t *testing.T) any {
			return []bird.Recording{{
				ID: "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd", SourceID: "50fa2203-66c2-4820-864a-1a8002952f4e",
				ChannelID:  "880d8171-cbab-47bb-81b6-b1a0902da136",
				Originator: &bird.Participant{Number: &bird.Number{Type: "pstn", Number: "3197004499436", Identity: "+3197004499436", CountryISOCode: "NL"}},
				Receiver: &bird.Participant{
					Contact: &bird.Contact{ID: "225dcb7c-efbd-4288-b78d-93fba8743dd0", IdentifierKey: "phonenumber", IdentifierValue: "+351919150029"},
					Number:  &bird.Number{Type: "pstn", Number: "351919150029", CountryISOCode: "PT"},
				},
				Source: "call", Direction: "outgoing", Origin: "create-call", Status: "available",
				Duration: ptr(int64(29)), Format: "mp3", Stereo: ptr(false), Transcription: ptr(false),
				URL:       realURL(t),
				CreatedAt: "2023-10-23T15:55:08.234Z", UpdatedAt: "2023-10-23T15:55:38.278Z",
				StartedAt: "2023-10-23T15:55:08.121Z", EndedAt: "2023-10-23T15:55:38.101Z",
			}}
		},
	}, {
		file: "list_recordings_schema.json",
		read: func(c *bird.Client) (any, error) {
			return items(c.ListRecordings(ctx, testWorkspace, bird.RecordingFilter{}, bird.ListOptions{MaxResults: 1}))
		},
		want: func(*testing.T) any {
			party := func() *bird.Participant {
				return &bird.Participant{
					Contact: &bird.Contact{ID: "text", IdentifierKey: "text", IdentifierValue: "text"},
					Number:  &bird.Number{Type: "pstn", Number: "text", Anonymous: ptr(true), CallerIDName: "text", Identity: "text", CountryISOCode: "text"},
				}
			}
			const id, at = "123e4567-e89b-12d3-a456-426614174000", "2025-05-09T05:27:32.570Z"
			return []bird.Recording{{
				ID: id, Source: "call", SourceID: id, ChannelID: id, Status: "accepted", Direction: "incoming",
				Originator: party(), Receiver: party(), Origin: "call-command-record", Duration: ptr(int64(1)),
				Stereo: ptr(true), Format: "text", Transcription: ptr(true), ConferenceID: id, URL: "text",
				RoomInfoURL: "text", CreatedAt: at, UpdatedAt: at, EndedAt: at, StartedAt: at,
			}}
		},
	}, {
		file: "get_recording.json",
		read: func(c *bird.Client) (any, error) {
			return c.GetRecording(ctx, testWorkspace, "9c1e5f8a-2b3d-4e6f-8a7b-1c2d3e4f5a6b")
		},
		want: func(*testing.T) any {
			return &bird.Recording{
				ID: "9c1e5f8a-2b3d-4e6f-8a7b-1c2d3e4f5a6b", Source: "conference", SourceID: "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b",
				ChannelID: "880d8171-cbab-47bb-81b6-b1a0902da136", Status: "ongoing", Direction: "incoming",
				Originator: &bird.Participant{Number: &bird.Number{Type: "pstn", Anonymous: ptr(true), CallerIDName: "Ada Lovelace"}},
				Origin:     "bridge-call", Stereo: ptr(true), Format: "wav", Transcription: ptr(true),
				ConferenceID: "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
				URL:          "https://voice-recordings.example.invalid/9c1e5f8a.wav?X-Amz-Expires=600",
				RoomInfoURL:  "https://voice.example.invalid/rooms/7a8b9c0d",
				CreatedAt:    "2026-11-01T09:00:00.000Z", UpdatedAt: "2026-11-01T09:00:01.500Z",
				StartedAt: "2026-11-01T09:00:00.120Z", EndedAt: "0001-01-01T00:00:00Z",
			}
		},
	}, {
		file: "list_transcriptions.json",
		read: func(c *bird.Client) (any, error) {
			return items(c.ListTranscriptions(ctx, testWorkspace, bird.TranscriptionFilter{}, bird.ListOptions{MaxResults: 2}))
		},
		want: func(*testing.T) any {
			return []bird.Transcription{{
				ID: "0f4f8c9e-1c57-4b7a-9d3e-5a2b1c0d9e8f", RecordingID: "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd",
				Status: "available", Stereo: ptr(false), Locale: "en-US",
				URL:     "https://voice-transcriptions.example.invalid/0f4f8c9e.json?X-Amz-Expires=600",
				Summary: "The caller asked about an invoice.", CreatedAt: "2023-10-23T15:56:01.000Z", UpdatedAt: "2023-10-23T15:56:09.512Z",
			}, {
				ID: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", RecordingID: "50fa2203-66c2-4820-864a-1a8002952f4e",
				Status: "ongoing", CreatedAt: "2023-10-23T16:00:00.000Z", UpdatedAt: "2023-10-23T16:00:00.000Z",
			}}
		},
	}, {
		file: "get_transcription.json",
		read: func(c *bird.Client) (any, error) {
			return c.GetTranscription(ctx, testWorkspace, "0f4f8c9e-1c57-4b7a-9d3e-5a2b1c0d9e8f")
		},
		want: func(*testing.T) any {
			return &bird.Transcription{
				ID: "0f4f8c9e-1c57-4b7a-9d3e-5a2b1c0d9e8f", RecordingID: "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd",
				Status: "available", Stereo: ptr(true), Locale: "nl-NL",
				URL:     "https://voice-transcriptions.example.invalid/0f4f8c9e.json?X-Amz-Expires=600",
				Summary: "De beller vroeg naar een factuur.", CreatedAt: "2023-10-23T15:56:01.000Z", UpdatedAt: "2023-10-23T15:56:09.512Z",
			}
		},
	}, {
		file: "recording_metrics.json",
		read: func(c *bird.Client) (any, error) { return c.GetRecordingMetrics(ctx, testWorkspace, "") },
		want: func(*testing.T) any {
			return &bird.RecordingMetrics{
				Counter:           ptr(int64(1234)),
				DailyStorageUsage: map[string]int64{"2026-10-31": 52428800, "2026-11-01": 104857600},
				UpdatedAt:         "2026-11-01T12:00:00.000Z",
			}
		},
	}, {
		file: "list_numbers_long_code.json",
		read: func(c *bird.Client) (any, error) {
			return items(bird.List(ctx, c, bird.Numbers, testWorkspace, bird.NumberFilter{}, bird.ListOptions{}))
		},
		want: func(*testing.T) any {
			yes, no := ptr(true), ptr(false)
			return []bird.LongCodeNumber{{
				ID: "2c4e6a8b-1d3f-4a5b-9c7d-8e0f1a2b3c4d", EndpointID: "7f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f",
				NumberString: "+3197004499436", CountryCode: "NL", Type: "mobile",
				Capabilities: &bird.Capabilities{Voice: &bird.Ways{Inbound: yes, Outbound: yes}, SMS: &bird.Ways{Inbound: yes, Outbound: no}, MMS: &bird.Ways{Inbound: no, Outbound: no}},
				CreatedAt:    "2023-10-20T10:27:22.489-03:00", UpdatedAt: "2023-10-20T10:27:22.489-03:00",
			}, {
				ID: "3d5f7b9c-2e4a-4b6c-8d8e-9f1a2b3c4d5e", NumberString: "+12125550123", CountryCode: "US", Type: "toll-free",
				CreatedAt: "2023-10-21T08:00:00.000Z", UpdatedAt: "2023-10-22T08:00:00.000Z", DeprovisionAt: "2026-12-31T00:00:00.000Z",
			}}
		},
	}} {
		t.Run(tc.file, func(t *testing.T) {
			golden, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			c, srv := newTestClient(t, 0)
			srv.Fail(birdtest.Fault{Body: string(golden), ContentType: "application/json"}, 1)
			got, err := tc.read(c)
			if err != nil {
				t.Fatal(err)
			}
			if want := tc.want(t); !reflect.DeepEqual(got, want) {
				t.Fatalf("decoded\n%#v\nwant\n%#v", got, want)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Fatalf("%d requests, want the 1 the golden answer is", n)
			}
		})
	}
}
