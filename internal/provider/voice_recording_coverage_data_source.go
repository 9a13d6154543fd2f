package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// Defaults of bird_voice_recording_coverage: Bird documents only that a recording's link
// works once it is available; that a completed call should have one is the provider's
// assumption.
var (
	defaultCallStatuses     = []string{"completed"}
	defaultRecordedStatuses = []string{"available"}
)

// defaultMaxMissing is how many missing calls the state lists unless max_missing says.
const defaultMaxMissing = 1000

// coverageGroupBy are the fields of a call that coverage may group by; day and hour are of
// its createdAt, in UTC (groupByTime).
var coverageGroupBy = map[string]func(*bird.CoveredCall) string{
	"channel_id": func(c *bird.CoveredCall) string { return c.ChannelID },
	"direction":  func(c *bird.CoveredCall) string { return c.Direction },
}

// coverageFilterNames are the calls log's filters coverage takes, as bird_voice_calls
// defines them.
var coverageFilterNames = []string{"start_at", "end_at", "channel_ids", "direction", "type", "tags"}

// coverageFilters are those filters, start_at required.
var coverageFilters = func() map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for _, name := range coverageFilterNames {
		out[name] = callFilters[name]
	}
	if start, ok := out["start_at"].(schema.StringAttribute); ok {
		start.Optional, start.Required = false, true
		out["start_at"] = start
	}
	return out
}()

// newVoiceRecordingCoverageDataSource returns bird_voice_recording_coverage.
func newVoiceRecordingCoverageDataSource() datasource.DataSource {
	return &coverageDataSource{}
}

// coverageDataSource answers which calls that should have a recording have none that
// counts (bird.ReadCoverage): counts, groups and the missing calls, up to max_missing.
type coverageDataSource struct{ dataSourceBase }

var _ encodedReader = (*coverageDataSource)(nil)

// Metadata names the data source.
func (d *coverageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_recording_coverage"
}

// statusesArgument is a list of one or more distinct statuses of allowed.
func statusesArgument(desc string, allowed []string) schema.Attribute {
	return schema.ListAttribute{
		Optional: true, ElementType: types.StringType, MarkdownDescription: desc + ", one or more of " + oneOf(allowed) + ".",
		Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.NoNullValues(), listvalidator.UniqueValues(), listvalidator.ValueStringsAre(stringvalidator.OneOf(allowed...))},
	}
}

// Schema is the calls log's filters, what is expected and what counts, and the answer.
func (d *coverageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	count := func(desc string) schema.Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	}
	groupable := slices.Sorted(func(yield func(string) bool) {
		for k := range maps.Keys(coverageGroupBy) {
			yield(k)
		}
		for k := range maps.Keys(groupByTime) {
			yield(k)
		}
	})
	attrs := maps.Clone(coverageFilters)
	attrs["workspace_id"] = workspaceIDAttribute()
	attrs["timeouts"] = readTimeoutsAttribute()
	attrs["call_statuses"] = statusesArgument("The statuses of the calls that should have a recording; `[\"completed\"]` when unset", bird.CallStatuses)
	attrs["recorded_statuses"] = statusesArgument("The statuses of a recording that count as recorded; `[\"available\"]` when unset (Bird documents only that a recording's link works once it is `available`)", bird.RecordingStatuses)
	attrs["min_call_duration"] = schema.Int64Attribute{
		Optional:            true,
		MarkdownDescription: "Calls shorter than this, in seconds (`duration`), are not expected to have a recording; 0 when unset. Above 0, a call without a duration is not expected either.",
		Validators:          []validator.Int64{int64validator.AtLeast(0)},
	}
	attrs["max_missing"] = schema.Int64Attribute{
		Optional:            true,
		MarkdownDescription: fmt.Sprintf("How many missing calls `missing` lists, at least 0; %d when unset. The counts stay exact past it, and `missing_truncated` says whether the list was cut.", defaultMaxMissing),
		Validators:          []validator.Int64{int64validator.AtLeast(0)},
	}
	attrs["group_by"] = schema.ListAttribute{
		Optional: true, ElementType: types.StringType,
		MarkdownDescription: "The fields of the calls to group `groups` by, one or more of " + oneOf(groupable) + ", in the order the groups sort by. `day` and `hour` are those of the call's `created_at` in UTC, written `2026-11-01` and `2026-11-01T13`. Unset or empty: one group of every expected call.",
		Validators:          []validator.List{listvalidator.NoNullValues(), listvalidator.UniqueValues(), listvalidator.ValueStringsAre(stringvalidator.OneOf(groupable...))},
	}
	attrs["expected_calls"] = count("How many calls of the window should have a recording: a status of `call_statuses` and at least `min_call_duration` seconds.")
	attrs["recorded_calls"] = count("How many of them have a recording that counts: `source` `call`, the call's ID as `sourceId`, the call's channel where both have one, and a status of `recorded_statuses`. A conference's recording never counts.")
	attrs["missing_calls"] = count("How many have none: `expected_calls - recorded_calls`, exact whatever `max_missing`.")
	attrs["coverage"] = schema.Float64Attribute{Computed: true, MarkdownDescription: "`recorded_calls / expected_calls`, and 1 when nothing is expected: check `expected_calls > 0` too."}
	attrs["missing_truncated"] = schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether `missing` was cut at `max_missing`."}
	attrs["missing"] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "The expected calls without a recording that counts, ordered by the call's `created_at`, at most `max_missing` of them. Each was asked about by itself (List Recordings by `sourceId`) before it is listed.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"call_id":    computedString("The call's UUID (`id`)."),
			"channel_id": computedString("The UUID of the channel the call is on (`channelId`)."),
			"direction":  computedString("The call's direction (`direction`)."),
			"status":     computedString("The call's status (`status`)."),
			"duration":   computedInt("How long the call lasted, in seconds (`duration`); null when absent."),
			"created_at": computedString("When the call was created (`createdAt`), RFC 3339."),
			"ended_at":   computedString("When the call ended (`endedAt`), RFC 3339; null when absent."),
			"recordings": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The call's recordings that did not count (of `source` `call`), as the lookup by `sourceId` found them; empty when there are none.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":     computedString("The recording's UUID (`id`)."),
					"status": computedString("Its status (`status`), not one of `recorded_statuses`."),
				}},
			},
		}},
	}
	attrs["groups"] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "One element per group of expected calls, sorted by key, field by field as text.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"key":            schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The group's value of each `group_by` field; `\"\"` where Bird leaves the field out. Empty with no `group_by`."},
			"expected_calls": count("How many expected calls the group holds."),
			"recorded_calls": count("How many of them are recorded."),
			"missing_calls":  count("How many are not."),
		}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Which calls of the calls log that should have been recorded have no recording that counts, exactly: the calls of the window are read as `bird_voice_calls` reads them, keeping only the expected ones; the recordings around them are read, from the earliest call's `created_at` to the latest's `ended_at` widened by 15 minutes; and every call still without a recording is asked about once more, by `sourceId` alone (up to 8 at once, within the rate limit), so that a call is reported missing only on Bird's own answer for it. Memory follows the expected calls, state the missing ones.",
		Attributes:          attrs,
	}
}

// ValidateConfig refuses an end_at before start_at.
func (d *coverageDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	checkWindow(ctx, coverageFilters, req.Config, &resp.Diagnostics)
}

// Read answers the coverage and writes it to state, or nothing.
func (d *coverageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	setEncoded(&resp.State.Raw, d.readEncoded(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
}

// readEncoded reads the coverage and returns the computed attributes, encoded.
func (d *coverageDataSource) readEncoded(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) map[string][]byte {
	c := configValues{ctx: ctx, config: config, diags: diags}
	ctx, cancel, workspaceID, timeout := d.startReadOf(c)
	defer cancel()
	q := bird.CoverageQuery{
		Calls: bird.CallFilter{
			StartAt: c.string("start_at"), EndAt: c.string("end_at"), ChannelIDs: c.strings("channel_ids"),
			Direction: c.string("direction"), Type: c.string("type"), Tags: c.strings("tags"),
		},
		CallStatuses:     orDefault(c.strings("call_statuses"), defaultCallStatuses),
		RecordedStatuses: orDefault(c.strings("recorded_statuses"), defaultRecordedStatuses),
	}
	var minDuration, maxMissing types.Int64
	c.get("min_call_duration", &minDuration)
	c.get("max_missing", &maxMissing)
	q.MinCallDuration = minDuration.ValueInt64()
	limit := int64(defaultMaxMissing)
	if isKnown(maxMissing) {
		limit = maxMissing.ValueInt64()
	}
	groupBy := c.strings("group_by")
	if diags.HasError() {
		return nil
	}
	cov, err := bird.ReadCoverage(ctx, d.client, workspaceID, q)
	if err != nil {
		diags.Append(readError(err, "calls and recordings", workspaceID, d.credential, timeout))
		return nil
	}
	warnReadNotes(diags, "calls and recordings", cov.Notes)
	var missing []*bird.CoveredCall
	recorded := int64(0)
	for i := range cov.Calls {
		if cov.Calls[i].Recorded {
			recorded++
		} else {
			missing = append(missing, &cov.Calls[i])
		}
	}
	expected := int64(len(cov.Calls))
	ratio := 1.0
	if expected > 0 {
		ratio = float64(recorded) / float64(expected)
	}
	listed := missing[:min(int64(len(missing)), limit)]
	return map[string][]byte{
		"expected_calls":    encoded(func(w *msgpackWriter) { w.int(expected) }),
		"recorded_calls":    encoded(func(w *msgpackWriter) { w.int(recorded) }),
		"missing_calls":     encoded(func(w *msgpackWriter) { w.int(int64(len(missing))) }),
		"coverage":          encoded(func(w *msgpackWriter) { w.float(ratio) }),
		"missing_truncated": encoded(func(w *msgpackWriter) { w.bool(len(listed) < len(missing)) }),
		"missing":           encoded(func(w *msgpackWriter) { encodeMissing(w, listed) }),
		"groups":            encoded(func(w *msgpackWriter) { encodeCoverageGroups(w, cov.Calls, groupBy) }),
		"workspace_id":      encoded(func(w *msgpackWriter) { w.str(workspaceID) }),
	}
}

// orDefault returns list, or def when it is empty.
func orDefault(list, def []string) []string {
	if len(list) == 0 {
		return def
	}
	return list
}

// encodeMissing writes the missing calls, their attributes in the order tftypes writes them.
func encodeMissing(w *msgpackWriter, calls []*bird.CoveredCall) {
	w.arrayHeader(len(calls))
	for _, c := range calls {
		w.mapHeader(8)
		w.key("call_id").optString(c.ID)
		w.key("channel_id").optString(c.ChannelID)
		w.key("created_at").optTimestamp(c.CreatedAt)
		w.key("direction").optString(c.Direction)
		w.key("duration").optInt(c.Duration)
		w.key("ended_at").optTimestamp(c.EndedAt)
		w.key("recordings").arrayHeader(len(c.Recordings))
		for _, r := range c.Recordings {
			w.mapHeader(2)
			w.key("id").optString(r.ID)
			w.key("status").optString(r.Status)
		}
		w.key("status").optString(c.Status)
	}
}

// coverageGroup is one group of expected calls.
type coverageGroup struct {
	key                []string
	expected, recorded int64
}

// encodeCoverageGroups groups the expected calls by groupBy and writes the groups, sorted by
// key: one group of every call, even of none, without groupBy.
func encodeCoverageGroups(w *msgpackWriter, calls []bird.CoveredCall, groupBy []string) {
	byKey := map[string]*coverageGroup{}
	var groups []*coverageGroup
	if len(groupBy) == 0 {
		groups = append(groups, &coverageGroup{})
		byKey[""] = groups[0]
	}
	key := make([]string, len(groupBy))
	for i := range calls {
		call := &calls[i]
		for j, f := range groupBy {
			if layout, ok := groupByTime[f]; ok {
				key[j] = ""
				if at, err := time.Parse(time.RFC3339Nano, call.CreatedAt); err == nil && at.Year() > 1 {
					key[j] = at.UTC().Format(layout)
				}
				continue
			}
			key[j] = coverageGroupBy[f](call)
		}
		g, ok := byKey[groupKey(key)]
		if !ok {
			g = &coverageGroup{key: slices.Clone(key)}
			byKey[groupKey(key)] = g
			groups = append(groups, g)
		}
		g.expected++
		if call.Recorded {
			g.recorded++
		}
	}
	slices.SortFunc(groups, func(a, b *coverageGroup) int { return slices.Compare(a.key, b.key) })
	w.arrayHeader(len(groups))
	for _, g := range groups {
		w.mapHeader(4)
		w.key("expected_calls").int(g.expected)
		w.key("key").mapHeader(len(groupBy))
		for i, f := range groupBy {
			w.key(f).str(g.key[i])
		}
		w.key("missing_calls").int(g.expected - g.recorded)
		w.key("recorded_calls").int(g.recorded)
	}
}
