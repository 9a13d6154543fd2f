package bird

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"time"
)

// Call statuses, types, directions, SIP types and hang-up sources as the ChannelCall schema
// lists them. The API may add values; readers pass unknown ones through.
var (
	CallStatuses      = []string{"accepted", "starting", "ringing", "ongoing", "completed", "no-answer", "busy", "failed", "cancelled", "scheduled"}
	CallTypes         = []string{"pstn", "sip", "webrtc"}
	CallDirections    = []string{"incoming", "outgoing"}
	CallSIPTypes      = []string{"elastic", "byoc", "forward"}
	CallHangupSources = []string{"callee", "caller", "api", "timeout", "media-timeout", "none"}
)

// Call is one call of the calls log (ChannelCall), spelled as the API spells it. callFlow,
// notification, qualityInsights, sipInsights and amdResult are not modelled yet.
type Call struct {
	ID              string       `json:"id"`
	ChannelID       string       `json:"channelId"`
	ParentID        string       `json:"parentId,omitempty"`
	Type            string       `json:"type"`
	Direction       string       `json:"direction"`
	Status          string       `json:"status"`
	From            string       `json:"from"`
	To              string       `json:"to"`
	Duration        *int64       `json:"duration,omitempty"`
	Reason          string       `json:"reason,omitempty"`
	HangupCauseCode *int64       `json:"hangupCauseCode,omitempty"`
	HangupSIPCode   string       `json:"hangupSipCode,omitempty"`
	HangupSource    string       `json:"hangupSource,omitempty"`
	SIPType         string       `json:"sipType,omitempty"`
	Tags            []string     `json:"tags,omitempty"`
	Originator      *Participant `json:"originator,omitempty"`
	Receiver        *Participant `json:"receiver,omitempty"`
	CreatedAt       string       `json:"createdAt"`
	UpdatedAt       string       `json:"updatedAt"`
	RingingAt       string       `json:"ringingAt,omitempty"`
	AnsweredAt      string       `json:"answeredAt,omitempty"`
	EndedAt         string       `json:"endedAt,omitempty"`
	ScheduledFor    string       `json:"scheduledFor,omitempty"`
}

// CallFilter holds the query parameters of the calls log; an empty field is not sent, and
// each of ChannelIDs and Tags is sent as a repeated parameter.
type CallFilter struct {
	ChannelIDs []string // channelId, repeated: UUIDs
	CallID     string   // id, a UUID
	Direction  string   // direction, one of CallDirections
	Status     string   // status, one of CallStatuses
	Type       string   // type, one of CallTypes
	From       string   // from
	To         string   // to
	Tags       []string // tag, repeated
	StartAt    string   // startAt, RFC 3339
	EndAt      string   // endAt, RFC 3339
}

// Query encodes the filter's set fields as query parameters.
func (f CallFilter) Query() url.Values {
	q := url.Values{}
	for _, id := range f.ChannelIDs {
		q.Add("channelId", id)
	}
	for _, tag := range f.Tags {
		q.Add("tag", tag)
	}
	for _, p := range [...]struct{ key, value string }{
		{"id", f.CallID}, {"direction", f.Direction}, {"status", f.Status}, {"type", f.Type},
		{"from", f.From}, {"to", f.To}, {"startAt", f.StartAt}, {"endAt", f.EndAt},
	} {
		if p.value != "" {
			q.Set(p.key, p.value)
		}
	}
	return q
}

// Calls is the calls log, GET /workspaces/{workspaceId}/channels/calls: pages of up to
// 1,000, windowed by whichever of createdAt, ringingAt, answeredAt and endedAt Bird bounds.
var Calls = &Endpoint[Call, CallFilter]{
	Segments: []string{"channels", "calls"},
	PageSize: 1000,
	ID:       func(c *Call) string { return c.ID },
	Key:      func(c *Call) string { return callKey(c.ID, c.ChannelID) },
	Times: func(c *Call) []time.Time {
		return timestamps(c.CreatedAt, c.RingingAt, c.AnsweredAt, c.EndedAt, c.UpdatedAt)
	},
	TimeNames:  callTimeNames,
	BoundTimes: callBoundTimes,
	Narrow:     func(c *Call) (CallFilter, bool) { return callAlone(c.ID, c.ChannelID) },
}

// callTimeNames are Bird's names of the timestamps a window of calls may bound, then of
// updatedAt, which Bird may order by (Bird's docs say neither).
var callTimeNames = []string{"createdAt", "ringingAt", "answeredAt", "endedAt", "updatedAt"}

// callBoundTimes is how many of callTimeNames a bound may compare.
const callBoundTimes = 4

// callAlone is the filter that asks the calls log for one call, the probes' narrowest.
func callAlone(id, channelID string) (CallFilter, bool) {
	f := CallFilter{CallID: id}
	if channelID != "" {
		f.ChannelIDs = []string{channelID}
	}
	return f, id != ""
}

// CallFact is what a summary needs of a call, decoded from the calls log without the rest.
type CallFact struct {
	ID, ChannelID, Type, Direction, Status, HangupSource string
	Duration, HangupCauseCode                            *int64
	CreatedAt, RingingAt, AnsweredAt, EndedAt, UpdatedAt string
}

// UnmarshalJSON decodes a call as Call is decoded, so that a page of facts is refused
// exactly where a page of calls is, and keeps only the fields a summary needs: the rest is
// garbage once the call is decoded.
func (f *CallFact) UnmarshalJSON(b []byte) error {
	var c Call
	if err := json.Unmarshal(b, &c); err != nil {
		return err
	}
	*f = CallFact{
		ID: c.ID, ChannelID: c.ChannelID, Type: c.Type, Direction: c.Direction, Status: c.Status, HangupSource: c.HangupSource,
		Duration: c.Duration, HangupCauseCode: c.HangupCauseCode,
		CreatedAt: c.CreatedAt, RingingAt: c.RingingAt, AnsweredAt: c.AnsweredAt, EndedAt: c.EndedAt, UpdatedAt: c.UpdatedAt,
	}
	return nil
}

// CallFacts is the calls log read as CallFacts, paged and windowed as Calls is.
var CallFacts = &Endpoint[CallFact, CallFilter]{
	Segments: Calls.Segments,
	PageSize: Calls.PageSize,
	ID:       func(c *CallFact) string { return c.ID },
	Key:      func(c *CallFact) string { return callKey(c.ID, c.ChannelID) },
	Times: func(c *CallFact) []time.Time {
		return timestamps(c.CreatedAt, c.RingingAt, c.AnsweredAt, c.EndedAt, c.UpdatedAt)
	},
	TimeNames:  callTimeNames,
	BoundTimes: callBoundTimes,
	Narrow:     func(c *CallFact) (CallFilter, bool) { return callAlone(c.ID, c.ChannelID) },
}

// callKey tells calls apart by ID and channel: the ID's length first, so that no two
// different pairs make one key, whatever the IDs hold.
func callKey(id, channelID string) string { return strconv.Itoa(len(id)) + ":" + id + channelID }

// GetCall reads one call of a channel.
func (c *Client) GetCall(ctx context.Context, workspaceID, channelID, callID string) (*Call, error) {
	return getOne[Call](ctx, c, workspaceID, "channels", channelID, "calls", callID)
}
