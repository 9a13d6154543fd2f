package birdtest

import (
	"maps"
	"net/http"
	"slices"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// AddTranscriptions stores transcriptions in a workspace, creating it when needed.
func (s *Server) AddTranscriptions(workspaceID string, ts ...bird.Transcription) {
	addItems(s, workspaceID, transcriptionsList, ts...)
}

// SetRecordingMetrics sets the storage metrics a workspace answers.
func (s *Server) SetRecordingMetrics(workspaceID string, m bird.RecordingMetrics) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.workspaceLocked(workspaceID).metrics = &m
}

// transcriptionsList is List Transcriptions: pages of up to 99, with no filter.
var transcriptionsList = listEndpoint[bird.Transcription]{
	pageSize: bird.MaxPageSize,
	id:       func(t *bird.Transcription) string { return t.ID },
	name:     "transcriptions",
	filter: func(*queryChecker) func(*bird.Transcription) bool {
		return func(*bird.Transcription) bool { return true }
	},
	show: (*Server).freshTranscriptionLocked,
}

// getMetrics serves GET /workspaces/{workspace}/recording-metrics. It pages the days of
// dailyStorageUsage, newest first, by limit (10 when absent) and pageToken, and answers
// counter and updatedAt on every page. With sourceId it answers the counter of that source's
// recordings, an assumption of this fake: Bird does not document how a source filters the
// figures.
func (s *Server) getMetrics(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.lookup(w, r)
	if !ok {
		return
	}
	c := queryChecker{q: r.URL.Query()}
	sourceID := c.uuid("sourceId")
	if !c.ok(w) {
		return
	}
	p, ok := parsePage(w, r, r.URL.Path+"?sourceId="+sourceID, bird.MaxPageSize)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := bird.RecordingMetrics{}
	if ws.metrics != nil {
		m = *ws.metrics
	}
	if sourceID != "" {
		var n int64
		recs := *recordingsList.items(ws)
		for i := range recs {
			if recs[i].SourceID == sourceID {
				n++
			}
		}
		m.Counter = &n
	}
	days := slices.Sorted(maps.Keys(m.DailyStorageUsage))
	slices.Reverse(days)
	end := min(p.offset+p.limit, len(days))
	page := map[string]any{"counter": m.Counter, "updatedAt": m.UpdatedAt}
	if m.DailyStorageUsage != nil {
		usage := map[string]int64{}
		for _, day := range days[min(p.offset, end):end] {
			usage[day] = m.DailyStorageUsage[day]
		}
		page["dailyStorageUsage"] = usage
	}
	if end < len(days) {
		page["nextPageToken"] = encodeToken(end, p.scope)
	}
	writeJSON(w, http.StatusOK, page)
}
