package birdtest

import (
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// recordingsList is List Recordings: pages of up to 99, filtered by sourceId, channelId,
// id (the call), direction, status, from and to, and windowed by createdAt or startedAt.
var recordingsList = listEndpoint[bird.Recording]{
	pageSize: bird.MaxPageSize,
	id:       func(r *bird.Recording) string { return r.ID },
	name:     "recordings",
	filter: func(c *queryChecker) func(*bird.Recording) bool {
		sourceID, channelID, callID := c.uuid("sourceId"), c.uuid("channelId"), c.uuid("id")
		direction := c.enum("direction", bird.RecordingDirections)
		status := c.enum("status", bird.RecordingStatuses)
		from, to := c.q.Get("from"), c.q.Get("to")
		return func(rec *bird.Recording) bool {
			return (sourceID == "" || rec.SourceID == sourceID) &&
				(channelID == "" || rec.ChannelID == channelID) &&
				(callID == "" || rec.Source == "call" && rec.SourceID == callID) &&
				(direction == "" || rec.Direction == direction) &&
				(status == "" || rec.Status == status) &&
				(from == "" || participantIs(rec.Originator, from)) &&
				(to == "" || participantIs(rec.Receiver, to))
		}
	},
	stamps: func(r *bird.Recording) (string, string, string) { return r.CreatedAt, r.StartedAt, r.EndedAt },
	show:   (*Server).freshRecordingLocked,
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

// Semantics are the answers the server gives where Bird's documentation is silent, so that
// tests can play each plausible one. The zero value is the default reading: startAt and
// endAt bound createdAt, both inclusive and to the millisecond, and results come newest
// first, those with the same timestamp in the order they were added.
type Semantics struct {
	// Ends says whether each bound includes its own instant.
	Ends Ends
	// OldestFirst answers oldest first instead of newest first.
	OldestFirst bool
	// StartedAt makes startAt and endAt bound startedAt instead of createdAt; the results are
	// ordered by the same timestamp. A recording without startedAt is outside any window
	// (as SQL treats a null) and sorts as the oldest; one with Bird's zero time is compared as
	// that time.
	StartedAt bool
	// TimeRange makes startAt bound startedAt and endAt bound endedAt, so that a window
	// selects what ran inside it (StartedAt is then implied for the order); an object
	// without the timestamp a bound compares is outside it.
	TimeRange bool
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

// AllSemantics returns every answer the server can give where Bird's docs are silent: each
// combination of Semantics' fields.
func AllSemantics() []Semantics {
	var out []Semantics
	for _, ends := range []Ends{BothInclusive, HalfOpen, BothExclusive} {
		for _, oldestFirst := range []bool{false, true} {
			for _, bound := range []int{0, 1, 2} { // createdAt, startedAt, a time range
				for _, bounds := range []BoundPrecision{BoundsExact, BoundsTruncated, BoundsRounded} {
					for _, tiesByQuery := range []bool{false, true} {
						for _, orderByOther := range []bool{false, true} {
							out = append(out, Semantics{
								Ends: ends, OldestFirst: oldestFirst, StartedAt: bound == 1, TimeRange: bound == 2,
								Bounds: bounds, TiesByQuery: tiesByQuery, OrderByOther: orderByOther,
							})
						}
					}
				}
			}
		}
	}
	return out
}

// Ends is whether each bound of a window includes its own instant.
type Ends int

// The ways a window may treat its bounds' own instants.
const (
	// BothInclusive is [startAt, endAt].
	BothInclusive Ends = iota
	// HalfOpen is [startAt, endAt).
	HalfOpen
	// BothExclusive is (startAt, endAt).
	BothExclusive
)

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
		recordingsList.sort(ws, sem)
		callsList.sort(ws, sem)
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
