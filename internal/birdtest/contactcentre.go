package birdtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// ContactCentre is a workspace that looks like a month of a small contact centre, as
// SeedContactCentre makes it: the built-in API's own data.
type ContactCentre struct {
	Channels       []bird.Channel
	Calls          []bird.Call      // newest first
	Recordings     []bird.Recording // newest first
	Transcriptions []bird.Transcription
	Metrics        bird.RecordingMetrics
	Numbers        []WithHidden[bird.LongCodeNumber] // behind the voice and SMS channels
	// Gaps holds the IDs of the answered (completed) calls whose recordings leave a gap, by
	// kind; every other completed call has an available (or, the newest, completed)
	// recording created when it was answered.
	Gaps RecordingGaps
}

// RecordingGaps are the IDs of the completed calls seeded with each kind of recording gap.
type RecordingGaps struct {
	None       []string // no recording at all
	OnlyFailed []string // one recording, failed
	OnlyAbsent []string // one recording, absent
	Late       []string // one available recording, created hours after the call ended
	// Retried calls have a failed recording and, after it, an available one: no gap, but a
	// failed recording all the same.
	Retried []string
}

// ContactCentreChannels are the five voice channels of SeedContactCentre, in two countries;
// the first three reuse SeedChannels' IDs, so that SeedExamples' objects and the examples'
// channel ID (Support NL) are on them.
var ContactCentreChannels = []struct {
	ID, Name, Country, Number string
}{
	{SeedChannels[0], "Support NL", "NL", "+3197004499430"},
	{SeedChannels[1], "Sales NL", "NL", "+3197004499431"},
	{SeedChannels[2], "Billing NL", "NL", "+3197004499432"},
	{"6f2d8c4a-3b1e-4f7a-9c5d-8e0a1b2c3d4e", "Support GB", "GB", "+442038080100"},
	{"9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", "Sales GB", "GB", "+442038080200"},
}

// Channel indices into ContactCentreChannels.
const (
	supportNL = iota
	salesNL
	billingNL
	supportGB
	salesGB
)

// channelTurns spreads the finished calls over the channels, round robin: support takes the
// most, then sales and billing. Its length, 20, is prime to that of outcomeTurns, so every
// channel gets every outcome.
var channelTurns = []int{
	supportNL, supportGB, salesNL, supportNL, billingNL, supportGB, salesGB, supportNL, supportGB, billingNL,
	supportNL, salesNL, supportGB, salesGB, supportNL, billingNL, supportGB, salesNL, salesGB, supportGB,
}

// outcomeTurns is how the finished calls end, round robin: 16 in 21 answered.
var outcomeTurns = []string{
	"completed", "completed", "completed", "no-answer", "completed", "completed", "completed",
	"busy", "completed", "completed", "completed", "cancelled", "completed", "completed",
	"no-answer", "completed", "completed", "failed", "completed", "completed", "completed",
}

// Recording kinds of a completed call, round robin over the completed calls (recordingTurns).
const (
	recOrdinary = iota
	recNone
	recOnlyFailed
	recOnlyAbsent
	recRetried
	recLate
)

// recordingTurns is what the completed calls left, round robin: 12 in 17 an ordinary
// recording, and one of each gap.
var recordingTurns = []int{
	recOrdinary, recOrdinary, recOnlyFailed, recOrdinary, recOrdinary, recNone, recOrdinary, recOrdinary, recOnlyAbsent,
	recOrdinary, recOrdinary, recRetried, recOrdinary, recOrdinary, recLate, recOrdinary, recOrdinary,
}

// missedEndings are the hang-up causes of calls that were not answered, by status, taken in
// turn: Q.850 cause, SIP code, who hung up and Bird's reason.
var missedEndings = map[string][]callEnding{
	"no-answer": {{19, "480", "timeout", "no answer"}, {18, "408", "timeout", "no user responding"}},
	"busy":      {{17, "486", "callee", "user busy"}},
	"failed": {
		{41, "503", "none", "temporary failure"}, {38, "502", "none", "network out of order"},
		{1, "404", "none", "unallocated number"}, {21, "403", "callee", "call rejected"},
	},
	"cancelled": {{16, "487", "caller", "cancelled by the caller"}},
}

// callEnding is how a call ended.
type callEnding struct {
	cause   int64
	sipCode string
	source  string
	reason  string
}

// liveStatuses are the statuses of calls not finished: every channel has one call of each
// going on when the seed's newest moment comes, and one scheduled.
var liveStatuses = []string{"ongoing", "ringing", "starting", "accepted"}

// liveRecordingStatuses are the statuses of the ongoing calls' recordings, by channel.
var liveRecordingStatuses = []string{"ongoing", "paused", "accepted", "ongoing", "paused"}

// plannedCall is a call of the seed before it has times: everything that does not depend on
// when the seed is made, so that its figures are the same whenever it is made.
type plannedCall struct {
	call       bird.Call
	channel    int
	ring, talk time.Duration // ringing before it was answered or given up; talk time
	recording  int           // a completed call's recording kind
	recIDs     []string      // the IDs of its recordings
	partial    int64         // seconds a failed recording lasted
	late       time.Duration // how long after the call a late recording was created
	conference string        // the ID of a conference recording made beside it, if any
}

// SeedContactCentre returns a workspace of about recordings recordings (exactly that many
// when recordings ≥ 100) over the 30 days before newest, the same for the same arguments,
// like a month of a small contact centre with five voice channels in the Netherlands and
// Great Britain, an SMS and an email channel, and the long-code numbers behind them
// (SeedNumbers):
//
//   - calls come in business hours, 08:00 to 18:00 UTC on weekdays, busiest mid-morning,
//     and 10:00 to 16:00 at weekends, a tenth as busy; the last 24 hours always hold about
//     one in 25 finished calls, whatever day it is, so that "the last day" has answers;
//   - every channel has calls of every documented status: completed, no-answer, busy, failed
//     and cancelled over the month, each with its hang-up cause; one accepted, starting,
//     ringing and ongoing call in the last 15 minutes, the newest ongoing recording created at
//     newest; and one scheduled for the next morning;
//   - recordings are available, but the three newest finished are completed (still
//     processing), the ongoing calls' are ongoing, paused or accepted, and on every channel
//     a few failed and absent ones; a few conference recordings have no call;
//   - completed calls with each kind of recording gap (RecordingGaps) are listed in Gaps.
//
// Statuses, durations and IDs do not depend on newest: only the times do.
func SeedContactCentre(newest time.Time, recordings int, seed uint64) ContactCentre {
	newest = newest.UTC().Truncate(time.Millisecond)
	plan := planContactCentre(recordings, seed)
	cc := ContactCentre{Channels: contactCentreChannelList()}
	cc.Numbers = SeedNumbers(cc.Channels)
	rng := rand.New(rand.NewPCG(seed, 0x7135))

	var finished []*plannedCall
	for i := range plan {
		if !isLive(plan[i].call.Status) {
			finished = append(finished, &plan[i])
		}
	}
	lastDay := max(len(finished)/25, 1)
	times := append(
		sampleTimes(openSpans(newest.Add(-23*time.Hour-50*time.Minute), newest.Add(-20*time.Minute)), lastDay, rng),
		sampleTimes(openSpans(newest.Add(-30*24*time.Hour+30*time.Minute), newest.Add(-24*time.Hour)), len(finished)-lastDay, rng)...)
	completed := 0
	for j, p := range finished {
		if p.recording == recLate && j < lastDay { // a late recording would come after newest
			p.recording, p.late = recOrdinary, 0
		}
		recStatus := "available"
		if p.call.Status == "completed" {
			if completed < 3 {
				recStatus = "completed"
			}
			completed++
		}
		cc.addFinished(p, times[j], recStatus)
	}

	live := 0
	for i := range plan {
		p := &plan[i]
		switch p.call.Status {
		case "scheduled":
			cc.addScheduled(p, newest, live)
		case "ongoing", "ringing", "starting", "accepted":
			cc.addLive(p, newest, live)
		default:
			continue
		}
		live++
	}

	slices.SortStableFunc(cc.Calls, func(a, b bird.Call) int { return strings.Compare(b.CreatedAt, a.CreatedAt) })
	slices.SortStableFunc(cc.Recordings, func(a, b bird.Recording) int { return strings.Compare(b.CreatedAt, a.CreatedAt) })
	cc.Transcriptions = SeedTranscriptions(cc.Recordings, seed)
	byID := map[string]int{}
	for i, r := range cc.Recordings {
		byID[r.ID] = i
	}
	for i := range cc.Transcriptions {
		t := &cc.Transcriptions[i]
		t.Locale = "nl-NL"
		if channelCountry(cc.Recordings[byID[t.RecordingID]].ChannelID) == "GB" {
			t.Locale = "en-GB"
		}
	}
	cc.Metrics = SeedMetrics(cc.Recordings)
	return cc
}

// isLive reports whether a call of this status has not finished.
func isLive(status string) bool {
	return status != "completed" && !slices.Contains([]string{"no-answer", "busy", "failed", "cancelled"}, status)
}

// planContactCentre plans the calls: the live and scheduled ones, then finished calls until
// their recordings and the live ones' make recordings (at least 100).
func planContactCentre(recordings int, seed uint64) []plannedCall {
	rng := rand.New(rand.NewPCG(seed, 0xcc))
	var plan []plannedCall
	recs := 0
	for ch := range ContactCentreChannels {
		for _, status := range append(slices.Clone(liveStatuses), "scheduled") {
			p := planCall(rng, ch, status)
			if status == "ongoing" {
				p.recIDs = []string{newUUID(rng)}
				recs++
			}
			plan = append(plan, p)
		}
	}
	completed := 0
	for j := 0; recs < max(recordings, 100); j++ {
		p := planCall(rng, channelTurns[j%len(channelTurns)], outcomeTurns[j%len(outcomeTurns)])
		if p.call.Status == "completed" {
			p.recording = recordingTurns[completed%len(recordingTurns)]
			completed++
			n := 1
			switch p.recording {
			case recNone:
				n = 0
			case recRetried:
				n = 2
				if recs+2 > recordings {
					p.recording = recOrdinary
					n = 1
				}
			case recLate:
				p.late = time.Duration(2+rng.IntN(5))*time.Hour + time.Duration(rng.IntN(3600))*time.Second
			}
			for range n {
				p.recIDs = append(p.recIDs, newUUID(rng))
			}
			p.partial = 5 + rng.Int64N(max(int64(p.talk/time.Second)/2, 1))
			recs += n
		}
		if j%37 == 36 && recs < recordings {
			p.conference = newUUID(rng)
			recs++
		}
		plan = append(plan, p)
	}
	return plan
}

// planCall plans a call of a status on a channel: its ID, direction, numbers, ringing and
// talk time, with rng.
func planCall(rng *rand.Rand, ch int, status string) plannedCall {
	c := ContactCentreChannels[ch]
	incoming := map[int]int{supportNL: 85, supportGB: 85, billingNL: 60, salesNL: 30, salesGB: 30}[ch]
	direction := "outgoing"
	if rng.IntN(100) < incoming {
		direction = "incoming"
	}
	if status == "scheduled" || status == "starting" || status == "accepted" {
		direction = "outgoing" // placed by the API
	}
	local := &bird.Participant{Number: &bird.Number{Type: "pstn", Number: strings.TrimPrefix(c.Number, "+"), Identity: c.Number, CountryISOCode: c.Country}}
	remote := remoteNumber(rng, c.Country)
	if rng.IntN(3) == 0 {
		remote.Contact = &bird.Contact{ID: newUUID(rng), IdentifierKey: "phonenumber", IdentifierValue: remote.Number.Identity}
	}
	if direction == "incoming" && rng.IntN(12) == 0 {
		remote = &bird.Participant{Number: &bird.Number{Type: "pstn", Anonymous: ptr(true)}}
	}
	from, to := remote, local
	if direction == "outgoing" {
		from, to = local, remote
	}
	team := strings.ToLower(strings.Fields(c.Name)[0])
	tags := []string{team, strings.ToLower(c.Country)}
	if rng.IntN(15) == 0 {
		tags = append(tags, "vip")
	}
	talk := time.Duration(30+rng.IntN(420)) * time.Second
	if rng.IntN(8) == 0 {
		talk += time.Duration(300+rng.IntN(1200)) * time.Second // a long call
	}
	return plannedCall{
		call: bird.Call{
			ID: newUUID(rng), ChannelID: c.ID, Type: "pstn", Direction: direction, Status: status,
			From: identity(from), To: identity(to), Originator: withNumberType(from), Receiver: withNumberType(to), Tags: tags,
		},
		channel: ch,
		ring:    time.Duration(3000+rng.IntN(22000)) * time.Millisecond,
		talk:    talk,
	}
}

// remoteNumber is a caller's number: mostly of the channel's country, now and then of a
// neighbour's.
func remoteNumber(rng *rand.Rand, country string) *bird.Participant {
	switch {
	case country == "NL" && rng.IntN(10) == 0:
		return number("BE", "324751", rng)
	case country == "NL":
		return number("NL", "316123", rng)
	case rng.IntN(10) == 0:
		return number("IE", "3538712", rng)
	default:
		return number("GB", "4477009", rng)
	}
}

// channelCountry is the country of a channel of ContactCentreChannels.
func channelCountry(id string) string {
	for _, c := range ContactCentreChannels {
		if c.ID == id {
			return c.Country
		}
	}
	return ""
}

// addFinished adds a finished call created at created, with its recordings (the first of
// recStatus when it has an ordinary one).
func (cc *ContactCentre) addFinished(p *plannedCall, created time.Time, recStatus string) {
	c := p.call
	ringing := created.Add(2 * time.Second)
	c.CreatedAt, c.RingingAt = stamp(created), stamp(ringing)
	if c.Status != "completed" {
		end := missedEndings[c.Status][len(cc.Calls)%len(missedEndings[c.Status])]
		ended := ringing.Add(p.ring)
		switch c.Status {
		case "no-answer":
			ended = ringing.Add(30 * time.Second)
		case "busy", "failed":
			ended = created.Add(time.Duration(400+len(cc.Calls)%900) * time.Millisecond)
			if c.Status == "failed" {
				c.RingingAt = "" // it never rang
			}
		}
		c.Duration, c.Reason, c.HangupCauseCode, c.HangupSIPCode, c.HangupSource = ptr(int64(0)), end.reason, ptr(end.cause), end.sipCode, end.source
		c.AnsweredAt, c.EndedAt, c.UpdatedAt = "0001-01-01T00:00:00Z", stamp(ended), stamp(ended.Add(300*time.Millisecond))
		cc.Calls = append(cc.Calls, c)
		cc.addConference(p, created)
		return
	}
	answered := ringing.Add(p.ring)
	ended := answered.Add(p.talk)
	seconds := int64(p.talk / time.Second)
	c.Duration, c.HangupCauseCode, c.HangupSIPCode = ptr(seconds), ptr(int64(16)), "200"
	c.HangupSource = []string{"caller", "callee"}[len(cc.Calls)%2]
	c.AnsweredAt, c.EndedAt, c.UpdatedAt = stamp(answered), stamp(ended), stamp(ended.Add(300*time.Millisecond))
	cc.Calls = append(cc.Calls, c)
	gaps := &cc.Gaps
	switch p.recording {
	case recNone:
		gaps.None = append(gaps.None, c.ID)
	case recOnlyFailed:
		gaps.OnlyFailed = append(gaps.OnlyFailed, c.ID)
		cc.addRecording(p, p.recIDs[0], "failed", answered, answered.Add(time.Duration(p.partial)*time.Second), answered)
	case recOnlyAbsent:
		gaps.OnlyAbsent = append(gaps.OnlyAbsent, c.ID)
		cc.addRecording(p, p.recIDs[0], "absent", answered, ended, answered)
	case recRetried:
		gaps.Retried = append(gaps.Retried, c.ID)
		failedEnd := answered.Add(time.Duration(p.partial) * time.Second)
		cc.addRecording(p, p.recIDs[0], "failed", answered, failedEnd, answered)
		cc.addRecording(p, p.recIDs[1], "available", failedEnd.Add(2*time.Second), ended, failedEnd.Add(2*time.Second))
	case recLate:
		gaps.Late = append(gaps.Late, c.ID)
		cc.addRecording(p, p.recIDs[0], "available", answered, ended, ended.Add(p.late))
	default:
		cc.addRecording(p, p.recIDs[0], recStatus, answered, ended, answered)
	}
	cc.addConference(p, created)
}

// addConference adds the conference recording planned beside a call, if any: started a
// minute after the call was created, for half an hour.
func (cc *ContactCentre) addConference(p *plannedCall, created time.Time) {
	if p.conference == "" {
		return
	}
	started := created.Add(time.Minute)
	cc.addRecording(p, p.conference, "available", started, started.Add(30*time.Minute), started)
	r := &cc.Recordings[len(cc.Recordings)-1]
	r.Source, r.SourceID, r.ConferenceID = "conference", p.conference, p.conference
	r.RoomInfoURL, r.Receiver = "https://voice.example.invalid/rooms/"+p.conference, nil
}

// addLive adds a call going on at newest, the n-th of the live and scheduled ones: created
// in the 15 minutes before, ringing, answered, with a recording created at newest for the
// first channel's ongoing call and a little earlier for the others.
func (cc *ContactCentre) addLive(p *plannedCall, newest time.Time, n int) {
	c := p.call
	answered := newest.Add(-time.Duration(p.channel) * 2 * time.Minute)
	created := answered.Add(-p.ring - 2*time.Second)
	if c.Status != "ongoing" {
		created = newest.Add(-time.Duration(n) * 20 * time.Second)
	}
	c.CreatedAt, c.UpdatedAt = stamp(created), stamp(created.Add(time.Second))
	c.AnsweredAt, c.EndedAt = "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"
	switch c.Status {
	case "ringing":
		c.RingingAt = stamp(created.Add(2 * time.Second))
	case "ongoing":
		c.RingingAt, c.AnsweredAt, c.UpdatedAt = stamp(created.Add(2*time.Second)), stamp(answered), stamp(answered)
		cc.addRecording(p, p.recIDs[0], liveRecordingStatuses[p.channel], answered, time.Time{}, answered)
	}
	cc.Calls = append(cc.Calls, c)
}

// addScheduled adds a call scheduled for 09:00 UTC on the next weekday after newest, the
// n-th of the live and scheduled ones, created a few hours before newest.
func (cc *ContactCentre) addScheduled(p *plannedCall, newest time.Time, n int) {
	c := p.call
	created := newest.Add(-time.Duration(n)*37*time.Minute - time.Hour)
	day := time.Date(newest.Year(), newest.Month(), newest.Day()+1, 9, 0, 0, 0, time.UTC)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	c.CreatedAt, c.UpdatedAt = stamp(created), stamp(created)
	c.ScheduledFor = stamp(day.Add(time.Duration(p.channel) * 15 * time.Minute))
	c.AnsweredAt, c.EndedAt = "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"
	c.Tags = append(c.Tags, "callback")
	cc.Calls = append(cc.Calls, c)
}

// addRecording adds a recording of p's call with an ID and status, started and ended
// (zero: not yet), created at created.
func (cc *ContactCentre) addRecording(p *plannedCall, id, status string, started, ended, created time.Time) {
	n := len(cc.Recordings)
	r := bird.Recording{
		ID: id, Source: "call", SourceID: p.call.ID, ChannelID: p.call.ChannelID, Status: status,
		Direction: p.call.Direction, Origin: bird.RecordingOrigins[n%2], Stereo: ptr(n%5 == 0), Format: "mp3",
		Transcription: ptr(status == "available" && n%4 == 0),
		Originator:    p.call.Originator, Receiver: p.call.Receiver,
		CreatedAt: stamp(created), StartedAt: stamp(started.Add(-113 * time.Millisecond)),
	}
	if p.call.Direction == "outgoing" {
		r.Origin = bird.RecordingOrigins[2+n%2]
	}
	if ended.IsZero() {
		r.EndedAt, r.UpdatedAt = "0001-01-01T00:00:00Z", stamp(created)
	} else {
		r.Duration = ptr(int64(ended.Sub(started) / time.Second))
		r.EndedAt, r.UpdatedAt = stamp(ended), stamp(maxTime(ended, created).Add(300*time.Millisecond))
	}
	if status == "available" { // the audio can be downloaded once it is available, not before
		r.URL = fmt.Sprintf("https://voice-recordings.example.invalid/%s.mp3?X-Amz-Expires=600", r.ID)
	}
	cc.Recordings = append(cc.Recordings, r)
}

// maxTime is the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// contactCentreChannelList is the workspace's channels: the five voice channels, an SMS and
// an email channel.
func contactCentreChannelList() []bird.Channel {
	var out []bird.Channel
	for i, c := range ContactCentreChannels {
		out = append(out, bird.Channel{
			ID: c.ID, PlatformID: "voice", Name: c.Name, Status: "active", Identifier: c.Number,
			ConnectorID: fmt.Sprintf("5e0c1a2b-0000-4000-8000-%012d", i+1),
			CreatedAt:   fmt.Sprintf("2025-03-%02dT09:00:00.000Z", i+1), UpdatedAt: fmt.Sprintf("2026-01-%02dT09:00:00.000Z", i+1),
		})
	}
	return append(out,
		bird.Channel{ID: "a7f3c2d1-5b6e-4c8d-9e0f-1a2b3c4d5e6f", PlatformID: "sms-messagebird", Name: "Support NL SMS", Status: "active", Identifier: "+3197004499439"},
		bird.Channel{ID: "b8e4d3c2-6c7f-4d9e-8f1a-2b3c4d5e6f70", PlatformID: "email", Name: "Newsletter", Status: "inactive", Identifier: "news@example.invalid"},
	)
}

// span is a stretch of opening hours and how busy it is.
type span struct {
	from, to time.Time
	weight   float64
}

// hourWeights is how busy each hour (UTC) of a weekday is, from 08:00 to 18:00.
var hourWeights = []float64{0.8, 1.4, 1.8, 1.6, 1.0, 1.2, 1.5, 1.3, 1.0, 0.6}

// weekendWeight is how busy an hour is at weekends, from 10:00 to 16:00.
const weekendWeight = 0.15

// openSpans returns the opening hours between from and to.
func openSpans(from, to time.Time) []span {
	var out []span
	for day := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC); day.Before(to); day = day.AddDate(0, 0, 1) {
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		for h := 8; h < 18; h++ {
			w := hourWeights[h-8]
			if weekend {
				if h < 10 || h >= 16 {
					continue
				}
				w = weekendWeight
			}
			s := span{from: maxTime(day.Add(time.Duration(h)*time.Hour), from), to: day.Add(time.Duration(h+1) * time.Hour), weight: w}
			if to.Before(s.to) {
				s.to = to
			}
			if s.from.Before(s.to) {
				out = append(out, s)
			}
		}
	}
	return out
}

// sampleTimes draws n times from spans, as busy as their weights, to the millisecond,
// newest first.
func sampleTimes(spans []span, n int, rng *rand.Rand) []time.Time {
	var total float64
	for _, s := range spans {
		total += s.to.Sub(s.from).Seconds() * s.weight
	}
	out := make([]time.Time, 0, n)
	for range n {
		u := rng.Float64() * total
		for _, s := range spans {
			w := s.to.Sub(s.from).Seconds() * s.weight
			if u < w || s == spans[len(spans)-1] {
				out = append(out, s.from.Add(time.Duration(u/s.weight*1000)*time.Millisecond))
				break
			}
			u -= w
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return b.Compare(a) })
	return out
}
