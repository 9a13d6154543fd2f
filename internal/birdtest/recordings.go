package birdtest

import (
	"cmp"
	"hash/fnv"
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
	writePage(w, s.semantics.forQuery(ws.recordings, c.q.Get("startAt"), c.q.Get("endAt")), p, s.quirks, func(rec *bird.Recording) bool {
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
// endAt bound createdAt, both inclusive and to the millisecond, and results come newest
// first, those with the same timestamp in the order they were added.
type Semantics struct {
	// HalfOpen bounds the window as [startAt, endAt) instead of [startAt, endAt].
	HalfOpen bool
	// OldestFirst answers oldest first instead of newest first.
	OldestFirst bool
	// StartedAt makes startAt and endAt bound startedAt instead of createdAt; the results are
	// ordered by the same timestamp. A recording without startedAt is outside any window
	// (as SQL treats a null) and sorts as the oldest; one with Bird's zero time is compared as
	// that time.
	StartedAt bool
	// OrderByOther orders the results by the other timestamp than the one startAt and endAt
	// bound (createdAt when they bound startedAt, and the other way round).
	OrderByOther bool
	// Bounds is how precisely startAt and endAt are compared with the timestamps.
	Bounds BoundPrecision
	// TiesByQuery orders the recordings with the same timestamp differently for every
	// window asked for (by a hash of startAt, endAt and the ID), instead of in the order they
	// were added; the pages of one query still agree with each other.
	TiesByQuery bool
}

// BoundPrecision is how precisely the server compares startAt and endAt.
type BoundPrecision int

// The precisions Bird may compare a bound with.
const (
	// BoundsExact compares bounds as sent, to the millisecond.
	BoundsExact BoundPrecision = iota
	// BoundsTruncated truncates each bound to the second before comparing.
	BoundsTruncated
	// BoundsRounded rounds each bound to the nearest second before comparing.
	BoundsRounded
)

// SetSemantics makes the server answer by sem from now on.
func (s *Server) SetSemantics(sem Semantics) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.semantics = sem
	for _, ws := range s.workspaces {
		sem.sort(ws.recordings)
	}
}

// stamp is the timestamp of rec that the window bounds.
func (sem Semantics) stamp(rec *bird.Recording) string {
	if sem.StartedAt {
		return rec.StartedAt
	}
	return rec.CreatedAt
}

// orderStamp is the timestamp of rec that the order follows.
func (sem Semantics) orderStamp(rec *bird.Recording) string {
	if sem.StartedAt != sem.OrderByOther {
		return rec.StartedAt
	}
	return rec.CreatedAt
}

// sort orders recs as the server answers them; recordings with the same timestamp keep the
// order they were added in.
func (sem Semantics) sort(recs []bird.Recording) {
	slices.SortStableFunc(recs, func(a, b bird.Recording) int { return sem.compare(&a, &b) })
}

// compare orders two recordings by their timestamp, in the server's direction.
func (sem Semantics) compare(a, b *bird.Recording) int {
	if sem.OldestFirst {
		return strings.Compare(sem.orderStamp(a), sem.orderStamp(b))
	}
	return strings.Compare(sem.orderStamp(b), sem.orderStamp(a))
}

// forQuery returns recs in the order one query's pages see them: as stored, or, with
// TiesByQuery, with each run of equal timestamps reordered by a hash of the window.
func (sem Semantics) forQuery(recs []bird.Recording, startAt, endAt string) []bird.Recording {
	if !sem.TiesByQuery {
		return recs
	}
	out := slices.Clone(recs)
	rank := func(r *bird.Recording) uint64 {
		h := fnv.New64a()
		_, _ = h.Write([]byte(startAt + "|" + endAt + "|" + r.ID))
		return h.Sum64()
	}
	slices.SortStableFunc(out, func(a, b bird.Recording) int {
		if c := sem.compare(&a, &b); c != 0 {
			return c
		}
		return cmp.Compare(rank(&a), rank(&b))
	})
	return out
}

// inWindow reports whether rec's timestamp is within [startAt, endAt] (or [startAt, endAt)
// when half-open), each bound first truncated or rounded as Bounds says; a zero bound is
// open. A recording without the timestamp is outside any window.
func (sem Semantics) inWindow(rec *bird.Recording, startAt, endAt time.Time) bool {
	if startAt.IsZero() && endAt.IsZero() {
		return true
	}
	t, err := time.Parse(time.RFC3339Nano, sem.stamp(rec))
	if err != nil {
		return false
	}
	startAt, endAt = sem.Bounds.apply(startAt), sem.Bounds.apply(endAt)
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

// apply returns the bound t as the server compares it; a zero (open) bound stays zero.
func (p BoundPrecision) apply(t time.Time) time.Time {
	switch {
	case t.IsZero():
		return t
	case p == BoundsTruncated:
		return t.Truncate(time.Second)
	case p == BoundsRounded:
		return t.Round(time.Second)
	}
	return t
}
