package provider

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

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

// summarySpec describes a summary data source: a list's filters over an endpoint that reads
// only the facts a summary needs, and the fields it may group by. summaryDataSource does the
// rest, the same way for every object.
type summarySpec[T any, F bird.Filter] struct {
	name, plural, description string
	endpoint                  *bird.Endpoint[T, F]
	filters                   map[string]schema.Attribute
	filter                    func(c configValues) F
	// fields are the fields a summary may group by; "day" and "hour" of createdAt are
	// added to them.
	fields    map[string]func(*T) string
	duration  func(*T) *int64
	createdAt func(*T) string
}

// newSummary returns the constructor of the summary data source that spec describes, for
// DataSources.
func newSummary[T any, F bird.Filter](spec summarySpec[T, F]) func() datasource.DataSource {
	return func() datasource.DataSource { return &summaryDataSource[T, F]{spec: spec} }
}

// summaryDataSource counts the objects a list would read, grouped, and sums their
// durations: state of a few values a group, whatever the number of objects.
type summaryDataSource[T any, F bird.Filter] struct {
	dataSourceBase
	spec summarySpec[T, F]
}

var _ encodedReader = (*summaryDataSource[bird.RecordingFact, bird.RecordingFilter])(nil)

// groupByTime are the fields of createdAt every summary may group by, in UTC.
var groupByTime = map[string]string{"day": "2006-01-02", "hour": "2006-01-02T15"}

// groupable returns the fields the summary may group by, sorted.
func (s summarySpec[T, F]) groupable() []string {
	return slices.Sorted(func(yield func(string) bool) {
		for f := range maps.Keys(s.fields) {
			if !yield(f) {
				return
			}
		}
		for f := range maps.Keys(groupByTime) {
			if !yield(f) {
				return
			}
		}
	})
}

// Metadata names the data source.
func (d *summaryDataSource[T, F]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.spec.name
}

// Schema is the list's filters, group_by, and the computed groups and totals.
func (d *summaryDataSource[T, F]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s, plural := d.spec, d.spec.plural
	attrs := maps.Clone(s.filters)
	attrs["workspace_id"] = workspaceIDAttribute()
	attrs["timeouts"] = readTimeoutsAttribute()
	attrs["group_by"] = schema.ListAttribute{
		Optional:    true,
		ElementType: types.StringType,
		MarkdownDescription: "The fields to group the " + plural + " by, one or more of " + oneOf(s.groupable()) + ", in the order the groups sort by" +
			". `day` and `hour` are those of `created_at` in UTC, written `2026-11-01` and `2026-11-01T13`; they combine with each other and with the other fields (`[\"channel_id\", \"day\", \"hour\"]`). Unset or empty: one group of every match, even of none (then with a count of 0).",
		Validators: []validator.List{listvalidator.NoNullValues(), listvalidator.UniqueValues(), listvalidator.ValueStringsAre(stringvalidator.OneOf(s.groupable()...))},
	}
	attrs["groups"] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "One element per group, sorted by key, field by field as text.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"key": schema.MapAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The group's value of each `group_by` field; `\"\"` where Bird leaves the field out. Empty with no `group_by`.",
			},
			"count":            schema.Int64Attribute{Computed: true, MarkdownDescription: "How many " + plural + " the group holds."},
			"duration_seconds": schema.Int64Attribute{Computed: true, MarkdownDescription: "The sum of their `duration`, in seconds; one without a duration counts 0."},
			"first_created_at": computedString("The earliest `created_at` in the group, as Bird writes it; null when none can be read."),
			"last_created_at":  computedString("The latest `created_at` in the group, as Bird writes it; null when none can be read."),
		}},
	}
	// count is a meta-argument at the top level of a data source, so the totals say total.
	attrs["total_count"] = schema.Int64Attribute{Computed: true, MarkdownDescription: "How many " + plural + " match, in every group. Not `count`, Terraform's own meta-argument: `.count` is refused, and Terraform's hint to use `length(...)` of the data source instead is wrong here, since that counts the data source's attributes, not the " + plural + "."}
	attrs["total_duration_seconds"] = schema.Int64Attribute{Computed: true, MarkdownDescription: "The sum of their `duration`, in seconds."}
	resp.Schema = schema.Schema{MarkdownDescription: s.description, Attributes: attrs}
}

// ValidateConfig refuses an end_at before start_at.
func (d *summaryDataSource[T, F]) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	checkWindow(ctx, d.spec.filters, req.Config, &resp.Diagnostics)
}

// Read summarises every matching object and writes the summary to state, or nothing.
func (d *summaryDataSource[T, F]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	setEncoded(&resp.State.Raw, d.readEncoded(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
}

// readEncoded reads every match, folds it into the groups and returns the computed
// attributes, encoded.
func (d *summaryDataSource[T, F]) readEncoded(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) map[string][]byte {
	s, c := d.spec, configValues{ctx: ctx, config: config, diags: diags}
	ctx, cancel, workspaceID, timeout := d.startReadOf(c)
	defer cancel()
	filter, groupBy := s.filter(c), c.strings("group_by")
	if diags.HasError() {
		return nil
	}
	folded, err := s.read(ctx, d.client, workspaceID, filter, groupBy)
	if err != nil {
		diags.Append(readError(err, s.plural, workspaceID, d.credential, timeout))
		return nil
	}
	warnReadNotes(diags, s.plural, folded.Notes)
	sum := folded.Value
	return map[string][]byte{
		"groups":                 encoded(func(w *msgpackWriter) { sum.encodeGroups(w, groupBy) }),
		"total_count":            encoded(func(w *msgpackWriter) { w.int(sum.total.count) }),
		"total_duration_seconds": encoded(func(w *msgpackWriter) { w.int(sum.total.duration) }),
		"workspace_id":           encoded(func(w *msgpackWriter) { w.str(workspaceID) }),
	}
}

// read folds every match of filter into its groups by groupBy as the pages arrive, sharing
// the summary (never the objects) with an identical summary of the same client: the same
// filter and group_by. A summary that differs only in group_by reads on its own.
func (s summarySpec[T, F]) read(ctx context.Context, client *bird.Client, workspaceID string, filter F, groupBy []string) (*bird.Folded[summary], error) {
	return bird.Fold(ctx, client, s.endpoint, workspaceID, filter, groupKey(groupBy), func() (func([]T), func() summary) {
		f := s.newFold(groupBy)
		return f.add, f.finish
	})
}

// summary is the groups of a read and its totals; a shared one is never changed.
type summary struct {
	groups []*group
	total  group
}

// group is one group of a summary.
type group struct {
	key             []string
	count, duration int64
	first, last     string // the earliest and latest createdAt, as written
	firstT, lastT   time.Time
}

// add counts one object into the group: its duration, and its creation, as written and as
// read (zero when it cannot be read, or is Bird's zero time).
func (g *group) add(duration *int64, createdAt string, at time.Time) {
	g.count++
	if duration != nil {
		g.duration += *duration
	}
	if at.IsZero() {
		return
	}
	// An instant written two ways (Z and +02:00) falls to the smaller text for first and
	// the larger for last, so that the answer does not depend on the order of the pages.
	if c := at.Compare(g.firstT); g.first == "" || c < 0 || c == 0 && createdAt < g.first {
		g.first, g.firstT = createdAt, at
	}
	if c := at.Compare(g.lastT); g.last == "" || c > 0 || c == 0 && createdAt > g.last {
		g.last, g.lastT = createdAt, at
	}
}

// summarize folds items into their groups by groupBy, sorted by key.
func (s summarySpec[T, F]) summarize(items []T, groupBy []string) summary {
	f := s.newFold(groupBy)
	f.add(items)
	return f.finish()
}

// summaryFold is a summary being folded, page by page: it keeps the groups, never the objects.
type summaryFold[T any, F bird.Filter] struct {
	spec    summarySpec[T, F]
	groupBy []string
	byKey   map[string]*group
	key     []string
	out     summary
}

// newFold starts an empty summary by groupBy.
func (s summarySpec[T, F]) newFold(groupBy []string) *summaryFold[T, F] {
	return &summaryFold[T, F]{spec: s, groupBy: groupBy, byKey: map[string]*group{}, key: make([]string, len(groupBy))}
}

// add folds a page of objects into their groups, keeping none of them. Each creation time
// is read once, for the day and hour and for the first and last.
func (f *summaryFold[T, F]) add(items []T) {
	s := f.spec
	for i := range items {
		item := &items[i]
		createdAt, duration := s.createdAt(item), s.duration(item)
		at, err := time.Parse(time.RFC3339Nano, createdAt)
		if err != nil || at.Year() <= 1 {
			at = time.Time{}
		}
		for j, field := range f.groupBy {
			f.key[j] = s.value(item, field, at)
		}
		k := groupKey(f.key)
		g, ok := f.byKey[k]
		if !ok {
			g = &group{key: slices.Clone(f.key)}
			f.byKey[k] = g
			f.out.groups = append(f.out.groups, g)
		}
		g.add(duration, createdAt, at)
		f.out.total.add(duration, createdAt, at)
	}
}

// finish returns the groups, sorted by key, and the totals.
func (f *summaryFold[T, F]) finish() summary {
	out := f.out
	if len(f.groupBy) == 0 && len(out.groups) == 0 {
		out.groups = []*group{{key: []string{}}} // no group_by is one group, even of nothing
	}
	slices.SortFunc(out.groups, func(a, b *group) int { return slices.Compare(a.key, b.key) })
	return out
}

// groupKey is the map key of a group's key fields: each prefixed with its length, so that
// no byte a value may hold (JSON strings may hold \u0000) makes two keys one.
func groupKey(fields []string) string {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
	}
	return b.String()
}

// value returns item's value of the group_by field f, "" when Bird left it out; at is its
// creation time, zero when unknown.
func (s summarySpec[T, F]) value(item *T, f string, at time.Time) string {
	if layout, ok := groupByTime[f]; ok {
		if at.IsZero() {
			return ""
		}
		return at.UTC().Format(layout)
	}
	return s.fields[f](item)
}

// encodeGroups writes the groups as a list of objects, their attributes in the order
// tftypes writes them.
func (sum summary) encodeGroups(w *msgpackWriter, groupBy []string) {
	w.arrayHeader(len(sum.groups))
	for _, g := range sum.groups {
		w.mapHeader(5)
		w.key("count").int(g.count)
		w.key("duration_seconds").int(g.duration)
		w.key("first_created_at").optString(g.first)
		w.key("key").mapHeader(len(groupBy))
		for i, f := range groupBy {
			w.key(f).str(g.key[i])
		}
		w.key("last_created_at").optString(g.last)
	}
}

// numberText writes an optional number as a group key: "" when absent.
func numberText(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}
