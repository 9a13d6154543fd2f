package provider

import "github.com/birdtf/terraform-provider-bird/internal/bird"

// newVoiceRecordingsSummaryDataSource returns bird_voice_recordings_summary.
var newVoiceRecordingsSummaryDataSource = newSummary(recordingsSummary)

// recordingsSummary describes bird_voice_recordings_summary.
var recordingsSummary = summarySpec[bird.RecordingFact, bird.RecordingFilter]{
	name: "_voice_recordings_summary", plural: "recordings",
	description: "Counts the voice call recordings of a Bird workspace that match the filters, grouped by the fields of `group_by`, and sums their durations: what `bird_voice_recordings` would list, counted, with a state of a few values a group rather than about 1 KB a recording. Every page is read as the list reads it (parallel windows, rate limit, retries); no presigned link is asked for or kept.",
	endpoint:    bird.RecordingFacts,
	filters:     recordingFilters,
	filter:      recordingFilter,
	fields: map[string]func(*bird.RecordingFact) string{
		"status":     func(r *bird.RecordingFact) string { return r.Status },
		"direction":  func(r *bird.RecordingFact) string { return r.Direction },
		"channel_id": func(r *bird.RecordingFact) string { return r.ChannelID },
		"source":     func(r *bird.RecordingFact) string { return r.Source },
		"format":     func(r *bird.RecordingFact) string { return r.Format },
		"origin":     func(r *bird.RecordingFact) string { return r.Origin },
	},
	duration:  func(r *bird.RecordingFact) *int64 { return r.Duration },
	createdAt: func(r *bird.RecordingFact) string { return r.CreatedAt },
}

// newVoiceCallsSummaryDataSource returns bird_voice_calls_summary.
var newVoiceCallsSummaryDataSource = newSummary(callsSummary)

// callsSummary describes bird_voice_calls_summary.
var callsSummary = summarySpec[bird.CallFact, bird.CallFilter]{
	name: "_voice_calls_summary", plural: "calls",
	description: "Counts the calls of a Bird workspace's calls log that match the filters, grouped by the fields of `group_by`, and sums their durations: what `bird_voice_calls` would list, counted, with a state of a few values a group rather than one object a call. Every page is read as the list reads it (parallel windows, rate limit, retries).",
	endpoint:    bird.CallFacts,
	filters:     callFilters,
	filter:      callFilter,
	fields: map[string]func(*bird.CallFact) string{
		"status":            func(c *bird.CallFact) string { return c.Status },
		"direction":         func(c *bird.CallFact) string { return c.Direction },
		"channel_id":        func(c *bird.CallFact) string { return c.ChannelID },
		"type":              func(c *bird.CallFact) string { return c.Type },
		"hangup_cause_code": func(c *bird.CallFact) string { return numberText(c.HangupCauseCode) },
		"hangup_source":     func(c *bird.CallFact) string { return c.HangupSource },
	},
	duration:  func(c *bird.CallFact) *int64 { return c.Duration },
	createdAt: func(c *bird.CallFact) string { return c.CreatedAt },
}
