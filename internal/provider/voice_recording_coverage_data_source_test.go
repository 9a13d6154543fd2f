package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// testCoverage is the address of the coverage data source the tests read.
const testCoverage = "data.bird_voice_recording_coverage.test"

// The channels and calls of coverageServer.
const (
	coverageChannelA = "aaaaaaaa-0000-4000-8000-000000000001"
	coverageChannelB = "aaaaaaaa-0000-4000-8000-000000000002"
	callRecorded     = "c0000000-0000-4000-8000-000000000001"
	callFailed       = "c0000000-0000-4000-8000-000000000002"
	callUnrecorded   = "c0000000-0000-4000-8000-000000000003"
	callRecordedLate = "c0000000-0000-4000-8000-000000000004"
	callBusy         = "c0000000-0000-4000-8000-000000000005"
	callAbsent       = "c0000000-0000-4000-8000-000000000006"
	callTwin         = "c0000000-0000-4000-8000-000000000007"
)

// coverageServer holds seven expected calls of which three are recorded: one recorded at
// once; one with only a failed recording; one with none (a SIP call); one recorded five
// hours after it ended, past the window read around the calls; a busy call; one with an
// absent recording and a conference's available recording under its ID; and one ID on two
// channels, recorded on the second only.
func coverageServer(t *testing.T) *birdtest.Server {
	t.Helper()
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	call := func(id, channel, direction, status string, duration int64, created, ended string) bird.Call {
		return bird.Call{ID: id, ChannelID: channel, Type: "pstn", Direction: direction, Status: status, Duration: &duration,
			CreatedAt: created, UpdatedAt: ended, AnsweredAt: created, EndedAt: ended}
	}
	calls := []bird.Call{
		call(callRecorded, coverageChannelA, "incoming", "completed", 120, "2026-11-01T09:00:00.000Z", "2026-11-01T09:02:05.000Z"),
		call(callFailed, coverageChannelA, "outgoing", "completed", 60, "2026-11-01T09:10:00.000Z", "2026-11-01T09:11:05.000Z"),
		call(callUnrecorded, coverageChannelB, "incoming", "completed", 10, "2026-11-01T09:20:00.000Z", "2026-11-01T09:20:15.000Z"),
		call(callRecordedLate, coverageChannelB, "incoming", "completed", 200, "2026-11-02T10:00:00.000Z", "2026-11-02T10:03:25.000Z"),
		call(callBusy, coverageChannelA, "incoming", "busy", 0, "2026-11-01T09:30:00.000Z", "2026-11-01T09:30:20.000Z"),
		call(callAbsent, coverageChannelA, "incoming", "completed", 90, "2026-11-01T09:40:00.000Z", "2026-11-01T09:41:35.000Z"),
		call(callTwin, coverageChannelA, "outgoing", "completed", 30, "2026-11-01T10:10:00.000Z", "2026-11-01T10:10:35.000Z"),
		call(callTwin, coverageChannelB, "outgoing", "completed", 30, "2026-11-01T10:10:00.000Z", "2026-11-01T10:10:35.000Z"),
	}
	calls[0].Tags = []string{"vip"}
	calls[2].Type = "sip"
	srv.AddCalls(testWorkspace, calls...)
	rec := func(id, source, sourceID, channel, status, created string) bird.Recording {
		return bird.Recording{ID: id, Source: source, SourceID: sourceID, ChannelID: channel, Status: status, CreatedAt: created, UpdatedAt: created, StartedAt: created}
	}
	srv.AddRecordings(testWorkspace,
		rec("e0000000-0000-4000-8000-000000000001", "call", callRecorded, coverageChannelA, "available", "2026-11-01T09:00:05.000Z"),
		rec("e0000000-0000-4000-8000-000000000002", "call", callFailed, coverageChannelA, "failed", "2026-11-01T09:10:05.000Z"),
		rec("e0000000-0000-4000-8000-000000000004", "call", callRecordedLate, coverageChannelB, "available", "2026-11-02T15:00:00.000Z"),
		rec("e0000000-0000-4000-8000-000000000006", "call", callAbsent, coverageChannelA, "absent", "2026-11-01T09:40:05.000Z"),
		rec("e0000000-0000-4000-8000-000000000016", "conference", callAbsent, coverageChannelA, "available", "2026-11-01T09:40:05.000Z"),
		rec("e0000000-0000-4000-8000-000000000007", "call", callTwin, coverageChannelB, "available", "2026-11-01T10:10:05.000Z"),
	)
	return srv
}

// coverageConfig is the provider block for srv and the coverage data source with arguments.
func coverageConfig(srv *birdtest.Server, arguments string) string {
	return providerBlock(srv) + fmt.Sprintf("data \"bird_voice_recording_coverage\" \"test\" {\n  start_at = \"2026-11-01T00:00:00Z\"\n%s\n}\n", arguments)
}

// expectCounts checks the counts and coverage of the coverage data source.
func expectCounts(expected, recorded int64) []statecheck.StateCheck {
	ratio := 1.0
	if expected > 0 {
		ratio = float64(recorded) / float64(expected)
	}
	return []statecheck.StateCheck{
		expect(testCoverage, knownvalue.Int64Exact(expected), "expected_calls"),
		expect(testCoverage, knownvalue.Int64Exact(recorded), "recorded_calls"),
		expect(testCoverage, knownvalue.Int64Exact(expected-recorded), "missing_calls"),
		expect(testCoverage, knownvalue.Float64Exact(ratio), "coverage"),
	}
}

// expectGroup checks one group of the coverage.
func expectGroup(key map[string]string, expected, recorded int64) knownvalue.Check {
	keys := map[string]knownvalue.Check{}
	for k, v := range key {
		keys[k] = knownvalue.StringExact(v)
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"key": knownvalue.MapExact(keys), "expected_calls": knownvalue.Int64Exact(expected),
		"recorded_calls": knownvalue.Int64Exact(recorded), "missing_calls": knownvalue.Int64Exact(expected - recorded),
	})
}

// missingCall checks one element of missing.
func missingCall(id, channel, direction string, duration int64, created, ended string, recordings ...string) knownvalue.Check {
	recs := []knownvalue.Check{}
	for i := 0; i < len(recordings); i += 2 {
		recs = append(recs, knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(recordings[i]), "status": knownvalue.StringExact(recordings[i+1])}))
	}
	str := knownvalue.StringExact
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"call_id": str(id), "channel_id": str(channel), "direction": str(direction), "status": str("completed"),
		"duration": knownvalue.Int64Exact(duration), "created_at": str(created), "ended_at": str(ended),
		"recordings": knownvalue.ListExact(recs),
	})
}

func TestAccVoiceRecordingCoverageDefaults(t *testing.T) {
	srv := coverageServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config: coverageConfig(srv, ""),
			ConfigStateChecks: append(expectCounts(7, 3),
				expect(testCoverage, knownvalue.Bool(false), "missing_truncated"),
				expect(testCoverage, knownvalue.ListExact([]knownvalue.Check{
					missingCall(callFailed, coverageChannelA, "outgoing", 60, "2026-11-01T09:10:00.000Z", "2026-11-01T09:11:05.000Z", "e0000000-0000-4000-8000-000000000002", "failed"),
					missingCall(callUnrecorded, coverageChannelB, "incoming", 10, "2026-11-01T09:20:00.000Z", "2026-11-01T09:20:15.000Z"),
					missingCall(callAbsent, coverageChannelA, "incoming", 90, "2026-11-01T09:40:00.000Z", "2026-11-01T09:41:35.000Z", "e0000000-0000-4000-8000-000000000006", "absent"),
					missingCall(callTwin, coverageChannelA, "outgoing", 30, "2026-11-01T10:10:00.000Z", "2026-11-01T10:10:35.000Z"),
				}), "missing"),
				expect(testCoverage, knownvalue.ListExact([]knownvalue.Check{expectGroup(nil, 7, 3)}), "groups"),
				expect(testCoverage, knownvalue.StringExact(testWorkspace), "workspace_id"),
			),
		}},
	})
}

func TestAccVoiceRecordingCoverageArguments(t *testing.T) {
	srv := coverageServer(t)
	step := func(arguments string, checks ...statecheck.StateCheck) resource.TestStep {
		return resource.TestStep{Config: coverageConfig(srv, arguments), ConfigStateChecks: checks}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{
			step(`call_statuses = ["completed", "busy"]`, expectCounts(8, 3)...),
			step(`recorded_statuses = ["available", "failed"]`, expectCounts(7, 4)...),
			step(`min_call_duration = 61`, expectCounts(3, 2)...),
			step(`max_missing = 1`, append(expectCounts(7, 3),
				expect(testCoverage, knownvalue.Bool(true), "missing_truncated"),
				expect(testCoverage, knownvalue.ListSizeExact(1), "missing"))...),
			step(`max_missing = 0`, append(expectCounts(7, 3),
				expect(testCoverage, knownvalue.Bool(true), "missing_truncated"),
				expect(testCoverage, knownvalue.ListSizeExact(0), "missing"))...),
			step(`max_missing = 4`, expect(testCoverage, knownvalue.Bool(false), "missing_truncated"), expect(testCoverage, knownvalue.ListSizeExact(4), "missing")),
			step(fmt.Sprintf(`channel_ids = [%q]`, coverageChannelB), expectCounts(3, 2)...),
			step(`direction = "outgoing"`, expectCounts(3, 1)...),
			step(`type = "sip"`, expectCounts(1, 0)...),
			step(`tags = ["vip"]`, expectCounts(1, 1)...),
			step(`end_at = "2026-11-01T09:15:00Z"`, expectCounts(2, 1)...),
			step(`call_statuses = ["scheduled"]`, append(expectCounts(0, 0),
				expect(testCoverage, knownvalue.ListExact([]knownvalue.Check{expectGroup(nil, 0, 0)}), "groups"))...),
		},
	})
}

func TestAccVoiceRecordingCoverageGroupsByEveryField(t *testing.T) {
	srv := coverageServer(t)
	groups := map[string][]knownvalue.Check{
		"channel_id": {expectGroup(map[string]string{"channel_id": coverageChannelA}, 4, 1), expectGroup(map[string]string{"channel_id": coverageChannelB}, 3, 2)},
		"direction":  {expectGroup(map[string]string{"direction": "incoming"}, 4, 2), expectGroup(map[string]string{"direction": "outgoing"}, 3, 1)},
		"day":        {expectGroup(map[string]string{"day": "2026-11-01"}, 6, 2), expectGroup(map[string]string{"day": "2026-11-02"}, 1, 1)},
		"hour": {
			expectGroup(map[string]string{"hour": "2026-11-01T09"}, 4, 1), expectGroup(map[string]string{"hour": "2026-11-01T10"}, 2, 1),
			expectGroup(map[string]string{"hour": "2026-11-02T10"}, 1, 1),
		},
	}
	var steps []resource.TestStep
	for _, field := range []string{"channel_id", "direction", "day", "hour"} {
		steps = append(steps, resource.TestStep{
			Config:            coverageConfig(srv, fmt.Sprintf("group_by = [%q]", field)),
			ConfigStateChecks: []statecheck.StateCheck{expect(testCoverage, knownvalue.ListExact(groups[field]), "groups")},
		})
	}
	steps = append(steps, resource.TestStep{
		Config: coverageConfig(srv, `group_by = ["direction", "channel_id"]`),
		ConfigStateChecks: []statecheck.StateCheck{expect(testCoverage, knownvalue.ListExact([]knownvalue.Check{
			expectGroup(map[string]string{"direction": "incoming", "channel_id": coverageChannelA}, 2, 1),
			expectGroup(map[string]string{"direction": "incoming", "channel_id": coverageChannelB}, 2, 1),
			expectGroup(map[string]string{"direction": "outgoing", "channel_id": coverageChannelA}, 2, 0),
			expectGroup(map[string]string{"direction": "outgoing", "channel_id": coverageChannelB}, 1, 1),
		}), "groups")},
	})
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testFactories, Steps: steps})
}

func TestAccVoiceRecordingCoverageRefusedAtPlan(t *testing.T) {
	srv := coverageServer(t)
	start := `start_at = "2026-11-01T00:00:00Z"` + "\n"
	refusals := map[string]string{
		``:                                 `The argument "start_at" is required`,
		start + `call_statuses = ["done"]`: `call_statuses.*value must be one of`,
		start + `call_statuses = []`:       `call_statuses.*at least 1`,
		start + `call_statuses = ["completed", "completed"]`:     `call_statuses.*duplicate`,
		start + `recorded_statuses = ["ok"]`:                     `recorded_statuses.*value must be one of`,
		start + `recorded_statuses = ["available", "available"]`: `recorded_statuses.*duplicate`,
		start + `recorded_statuses = [null]`:                     `recorded_statuses.*null`,
		start + `group_by = ["status"]`:                          `group_by.*value must be one of`,
		start + `group_by = ["day", "day"]`:                      `group_by.*duplicate`,
		start + `min_call_duration = -1`:                         `min_call_duration.*at least 0`,
		start + `max_missing = -1`:                               `max_missing.*at least 0`,
		start + `direction = "sideways"`:                         `direction.*value must be one of`,
		start + `end_at = "2026-10-01T00:00:00Z"`:                `end_at is before start_at`,
		`start_at = "yesterday"`:                                 `start_at.*RFC 3339`,
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: refusedAtPlan(t, srv, "bird_voice_recording_coverage", refusals, start,
			expect(testCoverage, knownvalue.Int64Exact(7), "expected_calls")),
	})
}

// isLookup reports whether a request is a call's own lookup, List Recordings by sourceId.
func isLookup(r *http.Request) bool { return r.URL.Query().Has("sourceId") }

func TestAccVoiceRecordingCoverageFaultMidReadWritesNoState(t *testing.T) {
	srv := coverageServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			// The calls and the window read succeed; a lookup keeps failing.
			PreConfig:   failThen(srv, birdtest.Fault{Status: 500, Only: isLookup}, 100),
			Config:      providerBlockWith(srv, fmt.Sprintf("access_key = %q\nmax_retries = 1", testKey)) + `data "bird_voice_recording_coverage" "test" { start_at = "2026-11-01T00:00:00Z" }`,
			ExpectError: errorPattern(`500 Internal Server Error.*Bird kept failing`),
		}, {
			PreConfig: srv.ClearFaults,
			Config:    coverageConfig(srv, ""),
			// No state was written by the failed read: this one's state is the whole answer.
			ConfigStateChecks: expectCounts(7, 3),
		}},
	})
}

func TestAccVoiceRecordingCoverageGapConfirmedBySourceID(t *testing.T) {
	srv := coverageServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config:    coverageConfig(srv, fmt.Sprintf(`channel_ids = [%q]`, coverageChannelB)),
			ConfigStateChecks: append(expectCounts(3, 2),
				expect(testCoverage, knownvalue.ListSizeExact(1), "missing"),
				expect(testCoverage, knownvalue.StringExact(callUnrecorded), "missing", 0, "call_id")),
			// The late recording lies past the window read around the calls, and its call's
			// own lookup found it: one lookup for each call the window read left without one.
			Check: func(*terraform.State) error {
				windows, lookups := 0, map[string]int{}
				for _, r := range srv.Requests() {
					switch {
					case r.Path == "/workspaces/"+testWorkspace+"/recordings" && r.Query.Has("startAt"):
						windows++
						if end := r.Query.Get("endAt"); end == "" || end >= "2026-11-02T15:00:00Z" || r.Query.Get("channelId") != coverageChannelB {
							return fmt.Errorf("the window read %s holds the late recording, or not only channel B", r.Query.Encode())
						}
					case r.Query.Has("sourceId"):
						lookups[r.Query.Get("sourceId")]++
					}
				}
				if windows == 0 || len(lookups) != 2 || lookups[callRecordedLate] != lookups[callUnrecorded] || lookups[callRecordedLate] != windows {
					return fmt.Errorf("%d window reads and lookups %v; want one lookup of each of %s and %s a read", windows, lookups, callRecordedLate, callUnrecorded)
				}
				return nil
			},
		}},
	})
}
