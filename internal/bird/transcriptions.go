package bird

import (
	"context"
	"iter"
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

// ListTranscriptions iterates over a workspace's transcriptions, fetching pages lazily;
// maxResults > 0 stops after that many.
func (c *Client) ListTranscriptions(ctx context.Context, workspaceID string, maxResults int) iter.Seq2[*Transcription, error] {
	return list[Transcription](ctx, c, workspacePath(workspaceID, "transcriptions"), nil, maxResults)
}

// GetTranscription reads one transcription, with a fresh presigned URL.
func (c *Client) GetTranscription(ctx context.Context, workspaceID, transcriptionID string) (*Transcription, error) {
	var t Transcription
	if err := c.get(ctx, workspacePath(workspaceID, "transcriptions", transcriptionID), nil, &t); err != nil {
		return nil, err
	}
	return &t, nil
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
