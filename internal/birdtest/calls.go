package birdtest

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// callsList is the calls log: pages of up to 1,000, filtered by channelId and tag (each
// repeated, any of them matching: an assumption, Bird's docs do not say), id, direction,
// status, type, from and to, and windowed by createdAt or, as "started", answeredAt.
var callsList = listEndpoint[bird.Call]{
	pageSize: 1000,
	id:       func(c *bird.Call) string { return c.ID },
	name:     "calls",
	filter: func(c *queryChecker) func(*bird.Call) bool {
		channels, tags := c.uuids("channelId"), c.q["tag"]
		callID := c.uuid("id")
		direction := c.enum("direction", bird.CallDirections)
		status := c.enum("status", bird.CallStatuses)
		typ := c.enum("type", bird.CallTypes)
		from, to := c.q.Get("from"), c.q.Get("to")
		return func(call *bird.Call) bool {
			return (len(channels) == 0 || slices.Contains(channels, call.ChannelID)) &&
				(len(tags) == 0 || slices.ContainsFunc(tags, func(t string) bool { return slices.Contains(call.Tags, t) })) &&
				(callID == "" || call.ID == callID) &&
				(direction == "" || call.Direction == direction) &&
				(status == "" || call.Status == status) &&
				(typ == "" || call.Type == typ) &&
				(from == "" || call.From == from) &&
				(to == "" || call.To == to)
		}
	},
	stamps: func(c *bird.Call) (string, string, string) { return c.CreatedAt, c.AnsweredAt, c.EndedAt },
}

// AddCalls stores calls in a workspace, creating it when needed.
func (s *Server) AddCalls(workspaceID string, calls ...bird.Call) {
	addItems(s, workspaceID, callsList, calls...)
}

// getCall serves GET /workspaces/{workspace}/channels/{channel}/calls/{id}: a call of that
// channel, or 404.
func (s *Server) getCall(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.lookup(w, r)
	if !ok {
		return
	}
	channel := r.PathValue("channel")
	s.mu.Lock()
	defer s.mu.Unlock()
	onChannel := slices.DeleteFunc(slices.Clone(*callsList.items(ws)), func(c bird.Call) bool { return c.ChannelID != channel })
	getByID(w, r, onChannel, callsList.id, callsList.present(s), "call")
}

// callEndings are the ways a seeded call that left no recording ended: its status, Q.850
// cause, SIP code, who hung up and why.
var callEndings = []struct {
	status  string
	cause   int64
	sipCode string
	source  string
	reason  string
}{
	{"failed", 41, "503", "none", "temporary failure"},
	{"busy", 17, "486", "callee", "user busy"},
	{"no-answer", 19, "480", "timeout", "no answer"},
	{"cancelled", 16, "487", "caller", "cancelled by the caller"},
}

// SeedCalls returns the calls log behind recs, newest first, the same for the same
// arguments: a call for every recording of a call (its sourceId, on its channel, answered
// when the recording started), and, after every third one, a call that left no recording:
// failed, busy, unanswered or cancelled, with its hang-up cause.
func SeedCalls(recs []bird.Recording, seed uint64) []bird.Call {
	rng := rand.New(rand.NewPCG(seed, 0xca11))
	var calls []bird.Call
	for i := range recs {
		r := &recs[i]
		if r.Source != "call" {
			continue
		}
		created, _ := time.Parse(time.RFC3339Nano, r.CreatedAt)
		c := bird.Call{
			ID: r.SourceID, ChannelID: r.ChannelID, Type: "pstn", Direction: r.Direction, Status: "completed",
			From: identity(r.Originator), To: identity(r.Receiver), Duration: r.Duration,
			HangupCauseCode: ptr(int64(16)), HangupSIPCode: "200", HangupSource: []string{"caller", "callee"}[i%2],
			Originator: withNumberType(r.Originator), Receiver: withNumberType(r.Receiver),
			CreatedAt: stamp(created.Add(-9 * time.Second)), UpdatedAt: r.UpdatedAt,
			RingingAt: stamp(created.Add(-7 * time.Second)), AnsweredAt: stamp(created), EndedAt: r.EndedAt,
		}
		if i%4 == 0 {
			c.Tags = []string{"support", "nl"}
		}
		if r.EndedAt == "0001-01-01T00:00:00Z" {
			c.Status, c.HangupCauseCode, c.HangupSIPCode, c.HangupSource = "ongoing", nil, "", ""
		}
		calls = append(calls, c)
		if i%3 != 0 {
			continue
		}
		end := callEndings[(i/3)%len(callEndings)]
		at := created.Add(-time.Duration(30+rng.IntN(120)) * time.Second)
		missed := bird.Call{
			ID: newUUID(rng), ChannelID: r.ChannelID, Type: "pstn", Direction: r.Direction, Status: end.status,
			From: identity(r.Originator), To: identity(r.Receiver), Duration: ptr(int64(0)),
			Reason: end.reason, HangupCauseCode: ptr(end.cause), HangupSIPCode: end.sipCode, HangupSource: end.source,
			Originator: withNumberType(r.Originator), Receiver: withNumberType(r.Receiver),
			CreatedAt: stamp(at), UpdatedAt: stamp(at.Add(25 * time.Second)), RingingAt: stamp(at.Add(2 * time.Second)),
			AnsweredAt: "0001-01-01T00:00:00Z", EndedAt: stamp(at.Add(25 * time.Second)),
		}
		if end.status == "failed" {
			missed.RingingAt = "" // it never rang
		}
		calls = append(calls, missed)
	}
	slices.SortStableFunc(calls, func(a, b bird.Call) int { return strings.Compare(b.CreatedAt, a.CreatedAt) })
	return calls
}

// identity is a participant's number in E.164 form, or "anonymous".
func identity(p *bird.Participant) string {
	if p == nil || p.Number == nil || p.Number.Identity == "" {
		return "anonymous"
	}
	return p.Number.Identity
}

// withNumberType returns a copy of p whose number has the pstnNumberType a call's carries.
func withNumberType(p *bird.Participant) *bird.Participant {
	if p == nil {
		return nil
	}
	out := *p
	if p.Number != nil {
		n := *p.Number
		n.PSTNNumberType = "geographic"
		if strings.HasPrefix(n.Identity, "+351") {
			n.PSTNNumberType = "mobile"
		}
		out.Number = &n
	}
	return &out
}
