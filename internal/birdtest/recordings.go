package birdtest

import (
	"net/http"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// listRecordings serves GET /workspaces/{workspace}/recordings.
func (s *Server) listRecordings(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.lookup(w, r)
	if !ok {
		return
	}
	c := queryChecker{q: r.URL.Query()}
	sourceID, channelID, callID := c.uuid("sourceId"), c.uuid("channelId"), c.uuid("id")
	direction := c.enum("direction", bird.RecordingDirections)
	status := c.enum("status", bird.RecordingStatuses)
	startAt, endAt := c.dateTime("startAt"), c.dateTime("endAt")
	from, to := c.q.Get("from"), c.q.Get("to")
	if !c.ok(w) {
		return
	}
	scope := r.URL.Path + "?" + bird.RecordingFilter{
		SourceID: sourceID, ChannelID: channelID, CallID: callID, Direction: direction,
		Status: status, StartAt: c.q.Get("startAt"), EndAt: c.q.Get("endAt"), From: from, To: to,
	}.Query().Encode()
	p, ok := parsePage(w, r, scope)
	if !ok {
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	writePage(w, ws.recordings, p, s.quirks, func(rec *bird.Recording) bool {
		created, _ := time.Parse(time.RFC3339Nano, rec.CreatedAt)
		return (sourceID == "" || rec.SourceID == sourceID) &&
			(channelID == "" || rec.ChannelID == channelID) &&
			(callID == "" || rec.Source == "call" && rec.SourceID == callID) &&
			(direction == "" || rec.Direction == direction) &&
			(status == "" || rec.Status == status) &&
			(startAt.IsZero() || !created.Before(startAt)) &&
			(endAt.IsZero() || !created.After(endAt)) &&
			(from == "" || participantIs(rec.Originator, from)) &&
			(to == "" || participantIs(rec.Receiver, to))
	}, s.freshRecordingLocked)
}

// participantIs reports whether a participant's number, identity or contact identifier is v.
func participantIs(p *bird.Participant, v string) bool {
	if p == nil {
		return false
	}
	if n := p.Number; n != nil && (n.Number == v || n.Identity == v) {
		return true
	}
	return p.Contact != nil && p.Contact.IdentifierValue == v
}

// getRecording serves GET /workspaces/{workspace}/recordings/{id}.
func (s *Server) getRecording(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.lookup(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	getByID(w, r, ws.recordings, func(r *bird.Recording) string { return r.ID }, s.freshRecordingLocked, "recording")
}
