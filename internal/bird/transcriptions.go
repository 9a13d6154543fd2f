package bird

import (
	"context"
	"maps"
	"net/url"
)

// TranscriptionStatuses lists the transcription statuses the API documents.
var TranscriptionStatuses = []string{"accepted", "ongoing", "available", "absent", "failed"}

// Transcription is the transcription of a recording, spelled as the API spells it.
type Transcription struct {
	ID          string `json:"id"`
	RecordingID string `json:"recordingId"`
	Status      string `json:"status"`
	Stereo      *bool  `json:"stereo,omitempty"`
	Locale      string `json:"locale,omitempty"`
	// URL is a presigned link to the transcription: a bearer credential.
	URL       string `json:"url,omitempty"`
	Summary   string `json:"summary,omitempty"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

// RecordingMetrics is the storage used by a workspace's recordings.
type RecordingMetrics struct {
	Counter           *int64           `json:"counter,omitempty"`
	DailyStorageUsage map[string]int64 `json:"dailyStorageUsage,omitempty"`
	UpdatedAt         string           `json:"updatedAt,omitempty"`
}

// TranscriptionFilter narrows List Transcriptions.
type TranscriptionFilter struct {
	// RecordingID keeps the transcriptions of one recording. Bird has no such query
	// parameter, so the client reads every page and keeps the matches.
	RecordingID string
}

// Query sends nothing: Bird filters transcriptions on nothing the filter holds.
func (TranscriptionFilter) Query() url.Values { return url.Values{} }

// Transcriptions is List Transcriptions, GET /workspaces/{workspaceId}/transcriptions: pages
// of up to 99, filtered by recording in the client.
var Transcriptions = &Endpoint[Transcription, TranscriptionFilter]{
	Segments: []string{"transcriptions"},
	PageSize: MaxPageSize,
	ID:       func(t *Transcription) string { return t.ID },
	Link:     func(t *Transcription) string { return t.URL },
	Keep: func(f TranscriptionFilter) func(*Transcription) bool {
		if f.RecordingID == "" {
			return nil
		}
		return func(t *Transcription) bool { return t.RecordingID == f.RecordingID }
	},
}

// ListTranscriptions reads a workspace's transcriptions that match filter (see List).
func (c *Client) ListTranscriptions(ctx context.Context, workspaceID string, filter TranscriptionFilter, opts ListOptions) (*Listing[Transcription], error) {
	return List(ctx, c, Transcriptions, workspaceID, filter, opts)
}

// GetTranscription reads one transcription, with a fresh presigned URL.
func (c *Client) GetTranscription(ctx context.Context, workspaceID, transcriptionID string) (*Transcription, error) {
	return getOne[Transcription](ctx, c, workspaceID, "transcriptions", transcriptionID)
}

// GetRecordingMetrics reads the recording storage metrics of a workspace, of one source when
// sourceID is set. The endpoint pages dailyStorageUsage, so it follows every page, with the
// largest page size, and merges the days; counter and updatedAt are the last page's.
func (c *Client) GetRecordingMetrics(ctx context.Context, workspaceID, sourceID string) (*RecordingMetrics, error) {
	q := url.Values{}
	if sourceID != "" {
		q.Set("sourceId", sourceID)
	}
	path := workspacePath(workspaceID, "recording-metrics")
	var merged RecordingMetrics
	for p, err := range pages[metricsPage](ctx, c, path, q, MaxPageSize) {
		if err != nil {
			return nil, err
		}
		merged.Counter, merged.UpdatedAt = p.Counter, p.UpdatedAt
		if p.DailyStorageUsage != nil && merged.DailyStorageUsage == nil {
			merged.DailyStorageUsage = map[string]int64{}
		}
		maps.Copy(merged.DailyStorageUsage, p.DailyStorageUsage)
	}
	return &merged, nil
}

// metricsPage is one page of the recording metrics.
type metricsPage struct {
	RecordingMetrics
	NextPageToken string `json:"nextPageToken"`
}

// nextToken returns the page's next-page token.
func (p *metricsPage) nextToken() string { return p.NextPageToken }

// size returns how many days the page holds.
func (p *metricsPage) size() int { return len(p.DailyStorageUsage) }
