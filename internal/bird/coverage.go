package bird

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// CoverageMargin widens the window of recordings that ReadCoverage reads around its calls,
// on each side: a recording is created while its call runs, or soon after it ends while it
// is processed. A recording outside it is not lost, only found by its call's own lookup.
const CoverageMargin = 15 * time.Minute

// coverageLookups is how many calls' own lookups ReadCoverage makes at once: they are
// independent, and the client's rate limit paces them all.
const coverageLookups = 8

// CoverageQuery says which calls should have a recording and what counts as one.
type CoverageQuery struct {
	// Calls are the calls log's own filters: the window, channels, direction, type, tags.
	Calls CallFilter
	// CallStatuses are the statuses of the calls that should have a recording.
	CallStatuses []string
	// RecordedStatuses are the statuses of a recording that count as recorded.
	RecordedStatuses []string
	// MinCallDuration, in seconds: a shorter call is not expected, nor one without a
	// duration while this is above zero.
	MinCallDuration int64
}

// CoveredCall is one expected call and whether it has a recording that counts.
type CoveredCall struct {
	ID, ChannelID, Direction, Status string
	Duration                         *int64
	CreatedAt, EndedAt               string
	// Recorded says that Bird holds a recording of the call (source "call", its ID as
	// sourceId, its channel where both have one) with a status that counts.
	Recorded bool
	// Recordings are, for a call not recorded, its recordings that did not count, as the
	// lookup by sourceId found them.
	Recordings []RecordingRef
}

// RecordingRef names a recording and its status.
type RecordingRef struct{ ID, Status string }

// Coverage is the answer of ReadCoverage.
type Coverage struct {
	// Calls are every expected call, ordered by createdAt (then ID and channel).
	Calls []CoveredCall
	// Notes say how the reads were read, as Listing's do.
	Notes []string
}

// ReadCoverage finds, of the calls the calls log holds for q.Calls, those that should have a
// recording, and whether each has one. It streams the calls, keeping only the expected ones;
// reads the recordings of the window from the earliest call's createdAt to the latest's
// endedAt, widened by CoverageMargin, to find most of them in few pages; then asks List
// Recordings by sourceId alone about each call still without one, which is Bird's own
// answer for that call whatever the window semantics, so a call is reported not recorded
// only on that answer. Memory follows the expected calls, not the recordings; any error
// fails the whole read.
func ReadCoverage(ctx context.Context, c *Client, workspaceID string, q CoverageQuery) (*Coverage, error) {
	cov := &coverage{q: q}
	notes, err := Each(ctx, c, CallFacts, workspaceID, q.Calls, cov.startCalls)
	if err != nil {
		return nil, err
	}
	cov.notes = notes
	if start, end, ok := cov.window(); ok {
		filter := RecordingFilter{StartAt: start, EndAt: end}
		if len(q.Calls.ChannelIDs) == 1 {
			filter.ChannelID = q.Calls.ChannelIDs[0] // a recording on no channel is found by its lookup
		}
		notes, err := Each(ctx, c, RecordingFacts, workspaceID, filter, cov.startRecordings)
		if err != nil {
			return nil, err
		}
		cov.notes = append(cov.notes, notes...)
	}
	if err := cov.confirm(ctx, c, workspaceID); err != nil {
		return nil, err
	}
	slices.SortStableFunc(cov.calls, func(a, b CoveredCall) int {
		if c := parseTime(a.CreatedAt).Compare(parseTime(b.CreatedAt)); c != 0 {
			return c
		}
		return strings.Compare(callKey(a.ID, a.ChannelID), callKey(b.ID, b.ChannelID))
	})
	return &Coverage{Calls: cov.calls, Notes: cov.notes}, nil
}

// coverage is a ReadCoverage under way.
type coverage struct {
	q     CoverageQuery
	calls []CoveredCall
	byID  map[string][]int // the expected calls of each ID: one ID may be on two channels
	seen  map[string]bool  // calls' keys, so that a call met twice is kept once
	notes []string
}

// startCalls starts (or, when Each reads again, starts over) the calls' fold: addCalls.
func (cov *coverage) startCalls() func([]CallFact) {
	cov.calls, cov.byID, cov.seen = nil, map[string][]int{}, map[string]bool{}
	return cov.addCalls
}

// addCalls keeps the expected calls of a page.
func (cov *coverage) addCalls(page []CallFact) {
	for i := range page {
		call := &page[i]
		if !slices.Contains(cov.q.CallStatuses, call.Status) || !longEnough(call.Duration, cov.q.MinCallDuration) {
			continue
		}
		key := callKey(call.ID, call.ChannelID)
		if cov.seen[key] {
			continue
		}
		cov.seen[key] = true
		cov.byID[call.ID] = append(cov.byID[call.ID], len(cov.calls))
		cov.calls = append(cov.calls, CoveredCall{
			ID: call.ID, ChannelID: call.ChannelID, Direction: call.Direction, Status: call.Status,
			Duration: call.Duration, CreatedAt: call.CreatedAt, EndedAt: call.EndedAt,
		})
	}
}

// longEnough reports whether a call of duration lasted at least least seconds; a call
// without a duration is long enough only for zero.
func longEnough(duration *int64, least int64) bool {
	if duration == nil {
		return least <= 0
	}
	return *duration >= least
}

// window returns the recordings window of the expected calls, in whole seconds: from the
// earliest createdAt to the latest endedAt (or createdAt), widened by CoverageMargin. False
// when no call has a timestamp to place it by.
func (cov *coverage) window() (start, end string, ok bool) {
	var first, last time.Time
	for i := range cov.calls {
		for _, t := range []time.Time{parseTime(cov.calls[i].CreatedAt), parseTime(cov.calls[i].EndedAt)} {
			if t.IsZero() {
				continue
			}
			if first.IsZero() || t.Before(first) {
				first = t
			}
			if t.After(last) {
				last = t
			}
		}
	}
	if first.IsZero() {
		return "", "", false
	}
	first = first.Add(-CoverageMargin).Truncate(time.Second)
	last = last.Add(CoverageMargin + time.Second - 1).Truncate(time.Second)
	return first.UTC().Format(time.RFC3339), last.UTC().Format(time.RFC3339), true
}

// startRecordings starts (or starts over) the recordings' fold: addRecordings.
func (cov *coverage) startRecordings() func([]RecordingFact) {
	for i := range cov.calls {
		cov.calls[i].Recorded = false
	}
	return cov.addRecordings
}

// addRecordings marks the calls that a page of the window's recordings records.
func (cov *coverage) addRecordings(page []RecordingFact) {
	for i := range page {
		r := &page[i]
		// A recording that names no call is of no call, not of every call Bird lists without an ID.
		if r.Source != "call" || r.SourceID == "" || !slices.Contains(cov.q.RecordedStatuses, r.Status) {
			continue
		}
		for _, j := range cov.byID[r.SourceID] {
			if sameChannel(cov.calls[j].ChannelID, r.ChannelID) {
				cov.calls[j].Recorded = true
			}
		}
	}
}

// sameChannel reports whether a recording on channel b may be of a call on channel a: the
// same channel, or either unknown.
func sameChannel(a, b string) bool { return a == "" || b == "" || a == b }

// confirm asks List Recordings by sourceId about every call ID that has an expected call
// still without a recording, up to coverageLookups at once, and settles those calls by
// the answers.
func (cov *coverage) confirm(ctx context.Context, c *Client, workspaceID string) error {
	var ids []string
	asked := map[string]bool{}
	for i := range cov.calls {
		if id := cov.calls[i].ID; !cov.calls[i].Recorded && !asked[id] && id != "" {
			asked[id] = true
			ids = append(ids, id)
		}
	}
	found := make([][]RecordingFact, len(ids))
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(coverageLookups)
	for n, id := range ids {
		g.Go(func() error {
			notes, err := Each(gctx, c, RecordingFacts, workspaceID, RecordingFilter{SourceID: id}, func() func([]RecordingFact) {
				found[n] = nil
				return func(page []RecordingFact) {
					for _, r := range page {
						if r.Source == "call" && r.SourceID == id {
							found[n] = append(found[n], r)
						}
					}
				}
			})
			mu.Lock()
			cov.notes = append(cov.notes, notes...)
			mu.Unlock()
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for n, id := range ids {
		for _, j := range cov.byID[id] {
			call := &cov.calls[j]
			if call.Recorded {
				continue
			}
			var others []RecordingRef
			for _, r := range found[n] {
				switch {
				case !sameChannel(call.ChannelID, r.ChannelID):
				case slices.Contains(cov.q.RecordedStatuses, r.Status):
					call.Recorded = true
				default:
					others = append(others, RecordingRef{ID: r.ID, Status: r.Status})
				}
			}
			if !call.Recorded {
				call.Recordings = others
			}
		}
	}
	return nil
}

// parseTime reads one of Bird's timestamps; absent, unparsable and Bird's zero time are zero.
func parseTime(s string) time.Time { return timestamps(s)[0] }
