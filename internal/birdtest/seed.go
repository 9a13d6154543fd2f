package birdtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// SeedEpoch is the creation time of the newest recording SeedRecordings makes; older ones
// follow at SeedInterval steps. Tests use it for fixed data; the built-in API seeds relative
// to the moment it starts, with SeedRecordingsAt.
var SeedEpoch = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// SeedInterval is the time between two seeded recordings.
const SeedInterval = 7 * time.Minute

// SeedChannels are the channels seeded recordings are spread over, round robin.
var SeedChannels = []string{
	"880d8171-cbab-47bb-81b6-b1a0902da136",
	"4c0a3a2e-6f1e-4d8b-9a43-2b7f3d9c1e55",
	"d2b5e9f1-0c7a-4e3b-8f6d-5a1c9b8e7d24",
}

// SeedRecordings returns n realistic recordings, newest first, the newest created at
// SeedEpoch: SeedRecordingsAt(SeedEpoch, n, seed).
func SeedRecordings(n int, seed uint64) []bird.Recording {
	return SeedRecordingsAt(SeedEpoch, n, seed)
}

// SeedRecordingsAt returns n realistic recordings, newest first, the newest created at
// newest and each one SeedInterval before the next, the same for the same arguments: both
// directions, every status, contacts and numbers present and absent, anonymous callers,
// conference recordings, and ongoing ones whose endedAt is the zero time. Only available
// recordings have a link, as with Bird.
func SeedRecordingsAt(newest time.Time, n int, seed uint64) []bird.Recording {
	times := make([]time.Time, n)
	for i := range times {
		times[i] = newest.Add(-time.Duration(i) * SeedInterval)
	}
	return seedRecordings(times, seed)
}

// SeedBurstyRecordingsAt returns n recordings like SeedRecordingsAt, newest first, created
// as a business's calls are: on weekdays between 09:00 and 17:00 UTC only, in clusters of a
// few to a few hundred calls seconds apart, with gaps of minutes to hours between clusters,
// and nights and weekends empty.
func SeedBurstyRecordingsAt(newest time.Time, n int, seed uint64) []bird.Recording {
	rng := rand.New(rand.NewPCG(seed, 0xb0257))
	times := make([]time.Time, 0, n)
	t := newest
	for len(times) < n {
		t = businessHours(t)
		for range 5 + rng.IntN(300) {
			if len(times) == n {
				break
			}
			times = append(times, t)
			t = t.Add(-time.Duration(200+rng.IntN(4000)) * time.Millisecond)
		}
		t = t.Add(-time.Duration(5+rng.IntN(120)) * time.Minute)
	}
	return seedRecordings(times, seed)
}

// businessHours returns t, or the end of the latest business hours (weekdays, 09:00 to
// 17:00 UTC) before it.
func businessHours(t time.Time) time.Time {
	for {
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		open, closed := day.Add(9*time.Hour), day.Add(17*time.Hour)
		weekday := t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
		switch {
		case weekday && !t.Before(open) && t.Before(closed):
			return t
		case weekday && !t.Before(closed):
			return closed.Add(-time.Millisecond)
		default:
			t = day.Add(-time.Millisecond) // the end of the day before
		}
	}
}

// seedRecordings returns a recording created at each of times, newest first.
func seedRecordings(times []time.Time, seed uint64) []bird.Recording {
	rng := rand.New(rand.NewPCG(seed, 0xb17d))
	recs := make([]bird.Recording, len(times))
	for i := range recs {
		created := times[i]
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
		link := fmt.Sprintf("https://voice-recordings.example.invalid/%s.mp3?X-Amz-Expires=600&X-Amz-Signature=%016x", r.ID, rng.Uint64())
		if status == "available" { // the audio can be downloaded once it is available, not before
			r.URL = link
		}
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

// audioBytesPerSecond is the storage one second of a recording takes: 128 kbit/s MP3.
const audioBytesPerSecond = 16000

// SeedMetrics returns the storage metrics of recs as Bird reports them: how many recordings
// are stored, the bytes of audio stored per day of creation (UTC), and when the figures were
// computed, the hour after the newest recording.
func SeedMetrics(recs []bird.Recording) bird.RecordingMetrics {
	m := bird.RecordingMetrics{Counter: ptr(int64(len(recs))), DailyStorageUsage: map[string]int64{}}
	var newest time.Time
	for i := range recs {
		created, err := time.Parse(time.RFC3339Nano, recs[i].CreatedAt)
		if err != nil {
			continue
		}
		if created.After(newest) {
			newest = created
		}
		if recs[i].Duration != nil {
			m.DailyStorageUsage[created.UTC().Format(time.DateOnly)] += *recs[i].Duration * audioBytesPerSecond
		}
	}
	if !newest.IsZero() {
		m.UpdatedAt = stamp(newest.Truncate(time.Hour).Add(time.Hour))
	}
	return m
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

// IDs that the documentation's examples name; SeedExamples makes objects with them.
const (
	ExampleOngoingRecordingID = "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd"
	ExampleTranscriptionID    = "0f4f8c9e-1c57-4b7a-9d3e-5a2b1c0d9e8f"
)

// SeedExamples returns the objects that the documentation's examples read by ID, created
// just before newest, so that every example can be applied to the built-in API as pasted: a
// recording of a call still going on (no duration, no end, no link yet) with a transcription
// under way. (The ephemeral resource's example reads an available recording that a list
// finds, so it needs none here.)
func SeedExamples(newest time.Time) ([]bird.Recording, []bird.Transcription) {
	created := stamp(newest.Add(-time.Minute))
	participant := number("NL", "3197004499", rand.New(rand.NewPCG(7, 7)))
	ongoing := bird.Recording{
		ID: ExampleOngoingRecordingID, Source: "call", SourceID: "6a1f3c2e-9b8d-4e7f-a5c4-3d2e1f0a9b8c",
		ChannelID: SeedChannels[0], Status: "ongoing", Direction: "incoming", Origin: "call-command-record",
		Stereo: ptr(false), Format: "mp3", Transcription: ptr(true), Originator: participant,
		CreatedAt: created, UpdatedAt: created, StartedAt: created, EndedAt: "0001-01-01T00:00:00Z",
	}
	transcription := bird.Transcription{
		ID: ExampleTranscriptionID, RecordingID: ExampleOngoingRecordingID, Status: "ongoing",
		Stereo: ptr(false), Locale: "en-US", CreatedAt: created, UpdatedAt: created,
	}
	return []bird.Recording{ongoing}, []bird.Transcription{transcription}
}

// Shape is data Bird may hold that tidy seeds never do: what a windowed read must survive.
type Shape struct {
	// Queued starts each call 0 to 10 minutes after it was created (it rang, or waited in a
	// queue), so that startedAt orders the recordings differently from createdAt.
	Queued bool
	// BulkTie gives the newest BulkTie recordings one createdAt millisecond, as a bulk import
	// would, with their startedAt rising in the order they are stored: a tie larger than a
	// page, with another timestamp that runs the other way.
	BulkTie int
	// Unstarted leaves startedAt out of about one recording in ten, and sets Bird's zero time
	// on about another one in ten: calls that were never answered.
	Unstarted bool
	// WholeSeconds writes createdAt and startedAt to the whole second, as many APIs store
	// them, so that many fall exactly on a bound of whole seconds.
	WholeSeconds bool
	// DenseInversions starts about half the objects a few whole seconds before or after
	// they were created, so that startedAt and createdAt order neighbours differently
	// throughout, and often exactly at a whole second.
	DenseInversions bool
}

// Reshape returns items, newest first, changed as shape says, the same for the same seed;
// stamps gives an item's creation and start timestamps (RecordingStamps, CallStamps).
func Reshape[T any](items []T, shape Shape, seed uint64, stamps func(*T) (created, started *string)) []T {
	rng := rand.New(rand.NewPCG(seed, 0x5ea9e))
	out := slices.Clone(items)
	if len(out) == 0 {
		return out
	}
	newest, _ := stamps(&out[0])
	tie, _ := time.Parse(time.RFC3339Nano, *newest)
	for i := range out {
		createdAt, startedAt := stamps(&out[i])
		created, _ := time.Parse(time.RFC3339Nano, *createdAt)
		if i < shape.BulkTie {
			*createdAt, *startedAt = stamp(tie), stamp(tie.Add(time.Duration(i)*time.Millisecond))
			continue
		}
		if shape.Queued {
			*startedAt = stamp(created.Add(time.Duration(rng.IntN(600_000)) * time.Millisecond))
		}
		if shape.DenseInversions && rng.IntN(2) == 0 {
			*startedAt = stamp(created.Truncate(time.Second).Add(time.Duration(rng.IntN(7)-3) * time.Second))
		}
		if shape.WholeSeconds {
			*createdAt = wholeSecond(*createdAt)
			*startedAt = wholeSecond(*startedAt)
		}
		if shape.Unstarted {
			switch rng.IntN(10) {
			case 0:
				*startedAt = ""
			case 1:
				*startedAt = "0001-01-01T00:00:00Z"
			}
		}
	}
	return out
}

// wholeSecond writes a timestamp to the whole second; one that does not parse stays as it is.
func wholeSecond(v string) string {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil || t.Year() <= 1 {
		return v
	}
	return stamp(t.Truncate(time.Second))
}

// TwinCalls returns calls with, after every nth one, a copy of it on another of channels: a
// calls log that holds one call ID on two channels, as Bird's may.
func TwinCalls(calls []bird.Call, every int, channels []string) []bird.Call {
	out := make([]bird.Call, 0, len(calls)+len(calls)/every)
	for i, c := range calls {
		out = append(out, c)
		if i%every == every-1 {
			twin := c
			twin.ChannelID = channels[0]
			if twin.ChannelID == c.ChannelID {
				twin.ChannelID = channels[1]
			}
			out = append(out, twin)
		}
	}
	return out
}

// RecordingStamps gives Reshape a recording's createdAt and startedAt.
func RecordingStamps(r *bird.Recording) (created, started *string) { return &r.CreatedAt, &r.StartedAt }

// CallStamps gives Reshape a call's createdAt and answeredAt.
func CallStamps(c *bird.Call) (created, started *string) { return &c.CreatedAt, &c.AnsweredAt }
