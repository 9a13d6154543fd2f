package birdtest

import (
	"net/http"
	"slices"
	"strings"
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
		return s.semantics.inWindow(rec, startAt, endAt) &&
			(sourceID == "" || rec.SourceID == sourceID) &&
			(channelID == "" || rec.ChannelID == channelID) &&
			(callID == "" || rec.Source == "call" && rec.SourceID == callID) &&
			(direction == "" || rec.Direction == direction) &&
			(status == "" || rec.Status == status) &&
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

// Semantics are the answers the server gives where Bird's documentation is silent, so that
// tests can play each plausible one. The zero value is the default reading: startAt and
// endAt bound createdAt, both inclusive, and results come newest first.
type Semantics struct {
	// HalfOpen bounds the window as [startAt, endAt) instead of [startAt, endAt].
	HalfOpen bool
	// OldestFirst answers oldest first instead of newest first.
	OldestFirst bool
	// StartedAt makes startAt and endAt bound startedAt instead of createdAt; the results are
	// ordered by the same timestamp.
	StartedAt bool
}

// SetSemantics makes the server answer by sem from now on.
func (s *Server) SetSemantics(sem Semantics) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.semantics = sem
	for _, ws := range s.workspaces {
		sem.sort(ws.recordings)
	}
}

// stamp is the timestamp of rec that the window bounds and the order follows.
func (sem Semantics) stamp(rec *bird.Recording) string {
	if sem.StartedAt {
		return rec.StartedAt
	}
	return rec.CreatedAt
}

// sort orders recs as the server answers them; recordings with the same timestamp keep the
// order they were added in, whatever the query.
func (sem Semantics) sort(recs []bird.Recording) {
	slices.SortStableFunc(recs, func(a, b bird.Recording) int {
		if sem.OldestFirst {
			return strings.Compare(sem.stamp(&a), sem.stamp(&b))
		}
		return strings.Compare(sem.stamp(&b), sem.stamp(&a))
	})
}

// inWindow reports whether rec's timestamp is within [startAt, endAt] (or [startAt, endAt)
// when half-open); a zero bound is open. A recording without the timestamp is outside any
// window.
func (sem Semantics) inWindow(rec *bird.Recording, startAt, endAt time.Time) bool {
	if startAt.IsZero() && endAt.IsZero() {
		return true
	}
	t, err := time.Parse(time.RFC3339Nano, sem.stamp(rec))
	if err != nil {
		return false
	}
	switch {
	case !startAt.IsZero() && t.Before(startAt):
		return false
	case endAt.IsZero():
		return true
	case sem.HalfOpen:
		return t.Before(endAt)
	default:
		return !t.After(endAt)
	}
}
