package birdtest

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// parse reads a seeded timestamp.
func parse(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestContactCentreLooksLikeAMonthOfCalls checks what the built-in API's seed promises: 30
// days of business hours, quieter at weekends, every call status on every voice channel,
// failed and absent recordings on each, and the newest recording at newest.
func TestContactCentreLooksLikeAMonthOfCalls(t *testing.T) {
	newest := time.Date(2026, 11, 4, 10, 30, 0, 0, time.UTC) // a Wednesday
	cc := SeedContactCentre(newest, 400, 1)
	if len(cc.Recordings) != 400 {
		t.Fatalf("%d recordings, want 400", len(cc.Recordings))
	}
	if got := parse(t, cc.Recordings[0].CreatedAt); !got.Equal(newest) {
		t.Fatalf("the newest recording was created at %s, want %s", got, newest)
	}
	statuses := map[string]map[string]int{}
	var weekday, weekend int
	for _, c := range cc.Calls {
		created := parse(t, c.CreatedAt)
		if created.After(newest) || created.Before(newest.Add(-30*24*time.Hour)) {
			t.Errorf("call %s created at %s, outside the 30 days before %s", c.ID, created, newest)
		}
		if statuses[c.ChannelID] == nil {
			statuses[c.ChannelID] = map[string]int{}
		}
		statuses[c.ChannelID][c.Status]++
		if created.Before(newest.Add(-24 * time.Hour)) { // the finished calls of the month
			h := created.Hour()
			switch created.Weekday() {
			case time.Saturday, time.Sunday:
				weekend++
				if h < 10 || h >= 16 {
					t.Errorf("call %s at %s: outside weekend hours", c.ID, created)
				}
			default:
				weekday++
				if h < 8 || h >= 18 {
					t.Errorf("call %s at %s: outside business hours", c.ID, created)
				}
			}
		}
	}
	// 8 weekend days against 21 or 22 weekdays, each a tenth as busy.
	if weekend == 0 || weekend*5 > weekday {
		t.Errorf("%d calls at weekends, %d on weekdays: want weekends quieter", weekend, weekday)
	}
	recStatuses := map[string]map[string]int{}
	for _, r := range cc.Recordings {
		if recStatuses[r.ChannelID] == nil {
			recStatuses[r.ChannelID] = map[string]int{}
		}
		recStatuses[r.ChannelID][r.Status]++
	}
	for _, ch := range ContactCentreChannels {
		for _, s := range bird.CallStatuses {
			if statuses[ch.ID][s] == 0 {
				t.Errorf("%s has no %s call", ch.Name, s)
			}
		}
		if recStatuses[ch.ID]["failed"] < 2 || recStatuses[ch.ID]["absent"] < 2 {
			t.Errorf("%s has %d failed and %d absent recordings, want a few of each", ch.Name, recStatuses[ch.ID]["failed"], recStatuses[ch.ID]["absent"])
		}
	}
	var voice []string
	for _, ch := range cc.Channels {
		if ch.PlatformID == "voice" {
			voice = append(voice, ch.Name)
		}
	}
	if len(voice) != 5 {
		t.Errorf("voice channels %v, want five", voice)
	}
}

// TestContactCentreGapsAreWhatTheySay reads each gap's call back from the calls and
// recordings: completed, and its recordings of the kind its list names; every other completed
// call has one recording, available or completed, created when it was answered.
func TestContactCentreGapsAreWhatTheySay(t *testing.T) {
	cc := SeedContactCentre(SeedEpoch, 400, 1)
	recsOf := map[string][]bird.Recording{}
	for _, r := range cc.Recordings {
		if r.Source == "call" {
			recsOf[r.SourceID] = append(recsOf[r.SourceID], r)
		}
	}
	calls := map[string]bird.Call{}
	for _, c := range cc.Calls {
		calls[c.ID] = c
		for _, r := range recsOf[c.ID] {
			if r.ChannelID != c.ChannelID {
				t.Errorf("recording %s of call %s is on channel %s, the call on %s", r.ID, c.ID, r.ChannelID, c.ChannelID)
			}
		}
	}
	kind := map[string]string{}
	for name, ids := range map[string][]string{"none": cc.Gaps.None, "failed": cc.Gaps.OnlyFailed, "absent": cc.Gaps.OnlyAbsent, "late": cc.Gaps.Late, "retried": cc.Gaps.Retried} {
		if len(ids) < len(ContactCentreChannels) {
			t.Errorf("%d calls with gap %q, want one a channel at least", len(ids), name)
		}
		for _, id := range ids {
			kind[id] = name
		}
	}
	for id, c := range calls {
		recs := recsOf[id]
		var got []string
		for _, r := range recs {
			got = append(got, r.Status)
		}
		if c.Status != "completed" {
			if kind[id] != "" {
				t.Errorf("call %s is %s, listed as gap %q", id, c.Status, kind[id])
			}
			continue
		}
		want := map[string][]string{"none": nil, "failed": {"failed"}, "absent": {"absent"}, "late": {"available"}, "retried": {"available", "failed"}}[kind[id]]
		if kind[id] == "" {
			if len(recs) != 1 || (got[0] != "available" && got[0] != "completed") || recs[0].CreatedAt != c.AnsweredAt {
				t.Errorf("completed call %s, no gap, has recordings %v", id, got)
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("call %s, gap %q, has recordings %v, want %v", id, kind[id], got, want)
		}
		if kind[id] == "late" {
			if after := parse(t, recs[0].CreatedAt).Sub(parse(t, c.EndedAt)); after < 2*time.Hour {
				t.Errorf("late recording %s created %s after its call ended, want hours", recs[0].ID, after)
			}
		}
	}
}

// TestContactCentreFiguresDoNotDependOnWhenItStarts seeds a Monday night and a Saturday
// noon: the same IDs, statuses and durations, and the same counts in the last 24 hours, so
// that the demo's figures hold whenever it runs.
func TestContactCentreFiguresDoNotDependOnWhenItStarts(t *testing.T) {
	figures := func(newest time.Time) (map[string]int, map[string]int) {
		cc := SeedContactCentre(newest, 400, 1)
		all, lastDay := map[string]int{}, map[string]int{}
		for _, r := range cc.Recordings {
			all[r.ID+" "+r.Status]++
			if r.Duration != nil {
				all["seconds"] += int(*r.Duration)
			}
			if parse(t, r.CreatedAt).After(newest.Add(-24 * time.Hour)) {
				lastDay["recording "+r.Status]++
			}
		}
		for _, c := range cc.Calls {
			all[c.ID+" "+c.Status+" "+c.ChannelID]++
			if parse(t, c.CreatedAt).After(newest.Add(-24 * time.Hour)) {
				lastDay["call "+c.Status+" "+c.ChannelID]++
			}
		}
		return all, lastDay
	}
	a, aDay := figures(time.Date(2026, 11, 2, 23, 59, 0, 0, time.UTC))
	b, bDay := figures(time.Date(2026, 11, 7, 12, 0, 0, 0, time.UTC))
	if !maps.Equal(a, b) {
		t.Error("the seed's objects differ with the time it starts")
	}
	if !maps.Equal(aDay, bDay) {
		t.Errorf("the last 24 hours differ with the time it starts: %v and %v", aDay, bDay)
	}
}
