package birdtest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// SeedEpoch is the creation time of the newest seeded recording; older ones follow at
// SeedInterval steps.
var SeedEpoch = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// SeedInterval is the time between two seeded recordings.
const SeedInterval = 7 * time.Minute

// SeedChannels are the channels seeded recordings are spread over, round robin.
var SeedChannels = []string{
	"880d8171-cbab-47bb-81b6-b1a0902da136",
	"4c0a3a2e-6f1e-4d8b-9a43-2b7f3d9c1e55",
	"d2b5e9f1-0c7a-4e3b-8f6d-5a1c9b8e7d24",
}

// SeedRecordings returns n realistic recordings, newest first, the same for the same n and
// seed: both directions, every status, contacts and numbers present and absent, anonymous
// callers, conference recordings, and ongoing ones whose endedAt is the zero time.
func SeedRecordings(n int, seed uint64) []bird.Recording {
	rng := rand.New(rand.NewPCG(seed, 0xb17d))
	recs := make([]bird.Recording, n)
	for i := range recs {
		created := SeedEpoch.Add(-time.Duration(i) * SeedInterval)
		status := bird.RecordingStatuses[i%len(bird.RecordingStatuses)]
		duration := int64(5 + rng.IntN(900))
		r := bird.Recording{
			ID:            newUUID(rng),
			Source:        "call",
			SourceID:      newUUID(rng),
			ChannelID:     SeedChannels[i%len(SeedChannels)],
			Status:        status,
			Direction:     bird.RecordingDirections[(i/2)%2],
			Origin:        bird.RecordingOrigins[i%len(bird.RecordingOrigins)],
			Duration:      &duration,
			Stereo:        ptr(i%5 == 0),
			Format:        "mp3",
			Transcription: ptr(i%4 == 0),
			CreatedAt:     stamp(created),
			UpdatedAt:     stamp(created.Add(time.Duration(duration)*time.Second + 300*time.Millisecond)),
			StartedAt:     stamp(created.Add(-113 * time.Millisecond)),
			EndedAt:       stamp(created.Add(time.Duration(duration) * time.Second)),
		}
		r.URL = fmt.Sprintf("https://voice-recordings.example.invalid/%s.mp3?X-Amz-Expires=600&X-Amz-Signature=%016x", r.ID, rng.Uint64())
		local, remote := number("NL", "3197004499", rng), number("PT", "35191915", rng)
		if i%3 == 0 {
			remote.Contact = &bird.Contact{ID: newUUID(rng), IdentifierKey: "phonenumber", IdentifierValue: remote.Number.Identity}
		}
		if i%11 == 0 {
			remote.Number = &bird.Number{Type: "pstn", Anonymous: ptr(true)}
		}
		if i%13 == 0 {
			remote.Number.CallerIDName = "Ada Lovelace"
		}
		r.Originator, r.Receiver = local, remote
		if r.Direction == "incoming" {
			r.Originator, r.Receiver = remote, local
		}
		switch {
		case i%17 == 0:
			r.Source, r.ConferenceID = "conference", newUUID(rng)
			r.RoomInfoURL = "https://voice.example.invalid/rooms/" + r.ConferenceID
			r.Receiver = nil
		case i%23 == 0:
			r.Originator = nil
		}
		if status == "ongoing" || status == "paused" || status == "accepted" {
			r.EndedAt, r.Duration = "0001-01-01T00:00:00Z", nil
		}
		recs[i] = r
	}
	return recs
}

// SeedTranscriptions returns one transcription for every recording that has one.
func SeedTranscriptions(recs []bird.Recording, seed uint64) []bird.Transcription {
	rng := rand.New(rand.NewPCG(seed, 0x7a5c))
	var ts []bird.Transcription
	for i := range recs {
		r := &recs[i]
		if r.Transcription == nil || !*r.Transcription {
			continue
		}
		t := bird.Transcription{
			ID:          newUUID(rng),
			RecordingID: r.ID,
			Status:      bird.TranscriptionStatuses[len(ts)%len(bird.TranscriptionStatuses)],
			Stereo:      r.Stereo,
			Locale:      []string{"en-US", "nl-NL", "pt-PT"}[len(ts)%3],
			CreatedAt:   r.UpdatedAt,
			UpdatedAt:   r.UpdatedAt,
		}
		if t.Status == "available" {
			t.Summary = "The caller asked about an invoice and agreed to a follow-up."
			t.URL = fmt.Sprintf("https://voice-transcriptions.example.invalid/%s.json?X-Amz-Expires=600&X-Amz-Signature=%016x", t.ID, rng.Uint64())
		}
		ts = append(ts, t)
	}
	return ts
}

// number returns a participant with a PSTN number in a country.
func number(country, prefix string, rng *rand.Rand) *bird.Participant {
	digits := fmt.Sprintf("%s%04d", prefix, rng.IntN(10000))
	return &bird.Participant{Number: &bird.Number{Type: "pstn", Number: digits, Identity: "+" + digits, CountryISOCode: country}}
}

// newUUID returns a random version 4 UUID drawn from rng.
func newUUID(rng *rand.Rand) string {
	a, b := rng.Uint64(), rng.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xfff, 0x8000|(b>>48)&0x3fff, b&0xffffffffffff)
}

// stamp formats t the way the API does, with milliseconds.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }
