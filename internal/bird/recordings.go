package bird

import (
	"context"
	"encoding/json"
	"net/url"
	"time"
)

// Recording statuses, directions and origins as the Recording schema lists them. The API may
// add values; readers pass unknown ones through.
var (
	RecordingStatuses   = []string{"accepted", "completed", "ongoing", "paused", "available", "absent", "failed"}
	RecordingDirections = []string{"incoming", "outgoing"}
	RecordingOrigins    = []string{"call-command-record", "call-command-record-call", "create-call", "bridge-call"}
)

// Recording is a voice call recording, spelled as the API spells it. A string the API leaves
// out is empty; optional booleans and numbers are pointers so that absence stays visible.
type Recording struct {
	ID            string       `json:"id"`
	Source        string       `json:"source"`
	SourceID      string       `json:"sourceId"`
	ChannelID     string       `json:"channelId"`
	Status        string       `json:"status"`
	Direction     string       `json:"direction"`
	Originator    *Participant `json:"originator,omitempty"`
	Receiver      *Participant `json:"receiver,omitempty"`
	Origin        string       `json:"origin"`
	Duration      *int64       `json:"duration,omitempty"`
	Stereo        *bool        `json:"stereo,omitempty"`
	Format        string       `json:"format"`
	Transcription *bool        `json:"transcription,omitempty"`
	ConferenceID  string       `json:"conferenceId,omitempty"`
	// URL is a presigned link to the audio, valid for 600 seconds: a bearer credential.
	URL         string `json:"url,omitempty"`
	RoomInfoURL string `json:"roomInfoUrl,omitempty"`
	CreatedAt   string `json:"createdAt"`
	UpdatedAt   string `json:"updatedAt"`
	StartedAt   string `json:"startedAt,omitempty"`
	EndedAt     string `json:"endedAt,omitempty"`
}

// Participant is one end of a recorded call: a contact, a number, or both.
type Participant struct {
	Contact *Contact `json:"contact,omitempty"`
	Number  *Number  `json:"number,omitempty"`
}

// Contact is the Bird contact behind a participant.
type Contact struct {
	ID              string `json:"id,omitempty"`
	IdentifierKey   string `json:"identifierKey,omitempty"`
	IdentifierValue string `json:"identifierValue,omitempty"`
}

// Number is the phone number of a participant.
type Number struct {
	Type           string `json:"type,omitempty"`
	Number         string `json:"number,omitempty"`
	Anonymous      *bool  `json:"anonymous,omitempty"`
	CallerIDName   string `json:"callerIdName,omitempty"`
	Identity       string `json:"identity,omitempty"`
	CountryISOCode string `json:"countryIsoCode,omitempty"`
	// PSTNNumberType is sent on the numbers of calls (pstnNumberType).
	PSTNNumberType string `json:"pstnNumberType,omitempty"`
}

// RecordingFilter holds the query parameters of List Recordings; an empty field is not sent.
type RecordingFilter struct {
	SourceID  string // sourceId, a UUID
	ChannelID string // channelId, a UUID
	CallID    string // id, the UUID of the call
	Direction string // direction, one of RecordingDirections
	Status    string // status, one of RecordingStatuses
	StartAt   string // startAt, RFC 3339
	EndAt     string // endAt, RFC 3339
	From      string // from, the caller's number
	To        string // to, the callee's number
}

// Query encodes the filter's set fields as query parameters.
func (f RecordingFilter) Query() url.Values {
	q := url.Values{}
	for _, p := range [...]struct{ key, value string }{
		{"sourceId", f.SourceID}, {"channelId", f.ChannelID}, {"id", f.CallID},
		{"direction", f.Direction}, {"status", f.Status}, {"startAt", f.StartAt},
		{"endAt", f.EndAt}, {"from", f.From}, {"to", f.To},
	} {
		if p.value != "" {
			q.Set(p.key, p.value)
		}
	}
	return q
}

// Recordings is List Recordings, GET /workspaces/{workspaceId}/recordings: pages of up to
// 99, windowed by whichever of createdAt, startedAt and endedAt Bird bounds.
var Recordings = &Endpoint[Recording, RecordingFilter]{
	Segments:   []string{"recordings"},
	PageSize:   MaxPageSize,
	ID:         func(r *Recording) string { return r.ID },
	Link:       func(r *Recording) string { return r.URL },
	Times:      func(r *Recording) []time.Time { return timestamps(r.CreatedAt, r.StartedAt, r.EndedAt, r.UpdatedAt) },
	TimeNames:  recordingTimeNames,
	BoundTimes: recordingBoundTimes,
	Narrow:     func(r *Recording) (RecordingFilter, bool) { return recordingAlone(r.SourceID) },
}

// recordingTimeNames are Bird's names of the timestamps a window of recordings may bound,
// then of updatedAt, which Bird may order by (Bird's docs say neither).
var recordingTimeNames = []string{"createdAt", "startedAt", "endedAt", "updatedAt"}

// recordingBoundTimes is how many of recordingTimeNames a bound may compare.
const recordingBoundTimes = 3

// recordingAlone is the filter that asks for the recordings of one source, the probes'
// narrowest: false when a recording has no source.
func recordingAlone(sourceID string) (RecordingFilter, bool) {
	return RecordingFilter{SourceID: sourceID}, sourceID != ""
}

// RecordingFact is what a summary needs of a recording, decoded from List Recordings without
// the rest (the presigned link above all), so that a summary of many recordings keeps little.
type RecordingFact struct {
	ID, ChannelID, Status, Direction, Source, Format, Origin, SourceID string
	Duration                                                           *int64
	CreatedAt, StartedAt, EndedAt, UpdatedAt                           string
}

// UnmarshalJSON decodes a recording as Recording is decoded, so that a page of facts is
// refused exactly where a page of recordings is, and keeps only the fields a summary needs:
// the rest, the link included, is garbage once the recording is decoded.
func (f *RecordingFact) UnmarshalJSON(b []byte) error {
	var r Recording
	if err := json.Unmarshal(b, &r); err != nil {
		return err
	}
	*f = RecordingFact{
		ID: r.ID, ChannelID: r.ChannelID, Status: r.Status, Direction: r.Direction, Source: r.Source, Format: r.Format, Origin: r.Origin, SourceID: r.SourceID,
		Duration:  r.Duration,
		CreatedAt: r.CreatedAt, StartedAt: r.StartedAt, EndedAt: r.EndedAt, UpdatedAt: r.UpdatedAt,
	}
	return nil
}

// RecordingFacts is List Recordings read as RecordingFacts, paged and windowed as
// Recordings is.
var RecordingFacts = &Endpoint[RecordingFact, RecordingFilter]{
	Segments: Recordings.Segments,
	PageSize: Recordings.PageSize,
	ID:       func(r *RecordingFact) string { return r.ID },
	Times: func(r *RecordingFact) []time.Time {
		return timestamps(r.CreatedAt, r.StartedAt, r.EndedAt, r.UpdatedAt)
	},
	TimeNames:  recordingTimeNames,
	BoundTimes: recordingBoundTimes,
	Narrow:     func(r *RecordingFact) (RecordingFilter, bool) { return recordingAlone(r.SourceID) },
}

// ListRecordings reads a workspace's recordings that match filter (see List).
func (c *Client) ListRecordings(ctx context.Context, workspaceID string, filter RecordingFilter, opts ListOptions) (*Listing[Recording], error) {
	return List(ctx, c, Recordings, workspaceID, filter, opts)
}

// GetRecording reads one recording, with a fresh presigned URL.
func (c *Client) GetRecording(ctx context.Context, workspaceID, recordingID string) (*Recording, error) {
	return getOne[Recording](ctx, c, workspaceID, "recordings", recordingID)
}

// workspacePath returns the escaped path /workspaces/{workspaceID}/{segments...}.
func workspacePath(workspaceID string, segments ...string) string {
	p := "/workspaces/" + url.PathEscape(workspaceID)
	for _, s := range segments {
		p += "/" + url.PathEscape(s)
	}
	return p
}
