package provider

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// defaultReadTimeout bounds a whole read when timeouts.read is not set.
const defaultReadTimeout = 20 * time.Minute

// listSpec describes a list data source: everything that differs from one to another.
// listDataSource does the rest, the same way for all of them.
type listSpec[T any, F bird.Filter] struct {
	// name is the type name's suffix, such as "_voice_recordings".
	name string
	// plural names the list attribute, and the objects in descriptions and diagnostics;
	// one names one of them.
	plural, one string
	// description says what the data source lists; the shared prose follows it.
	description string
	// endpoint is the list endpoint read; its Link says whether objects carry presigned
	// links (include_urls and urls only then), its Times whether reads may be windowed.
	endpoint *bird.Endpoint[T, F]
	// filters are the optional arguments that narrow the list.
	filters map[string]schema.Attribute
	// filter builds the client's filter from the configured arguments.
	filter func(c configValues) F
	// object is the listed object's attributes and mapping.
	object mapping[T]
}

// newList returns the constructor of the list data source that spec describes, for
// DataSources.
func newList[T any, F bird.Filter](spec listSpec[T, F]) func() datasource.DataSource {
	return func() datasource.DataSource { return &listDataSource[T, F]{spec: spec} }
}

// listDataSource is a list data source: every object of a workspace that matches the
// filters, across all pages, encoded straight to state (readEncoded, which also puts it on
// the direct read path).
type listDataSource[T any, F bird.Filter] struct {
	dataSourceBase
	spec listSpec[T, F]
}

var (
	_ datasource.DataSourceWithConfigure      = (*listDataSource[bird.Recording, bird.RecordingFilter])(nil)
	_ datasource.DataSourceWithValidateConfig = (*listDataSource[bird.Recording, bird.RecordingFilter])(nil)
	_ encodedReader                           = (*listDataSource[bird.Recording, bird.RecordingFilter])(nil)
)

// Metadata names the data source.
func (d *listDataSource[T, F]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.spec.name
}

// Schema is the filters, the arguments every list shares, and the computed list.
func (d *listDataSource[T, F]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s, plural := d.spec, d.spec.plural
	attrs := maps.Clone(s.filters)
	attrs["workspace_id"] = workspaceIDAttribute()
	cost := fmt.Sprintf(" The provider then asks for no more than it needs, so N %s cost ceil(N/%d) requests.", plural, s.endpoint.PageSize)
	if s.endpoint.Keep != nil {
		cost = "" // some filters are the provider's: any page may hold a match
	}
	attrs["max_results"] = maxResultsAttribute(plural, cost)
	attrs["timeouts"] = readTimeoutsAttribute()
	attrs[plural] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "The " + plural + " (`results`), in the order Bird returns them.",
		NestedObject:        schema.NestedAttributeObject{Attributes: s.object.attributes()},
	}
	attrs["truncated"] = truncatedAttribute(plural, s.endpoint.Times != nil)
	attrs["ids"] = schema.ListAttribute{
		Computed:            true,
		ElementType:         types.StringType,
		MarkdownDescription: "The " + plural + "' IDs, in the same order as `" + plural + "`.",
	}
	if s.endpoint.Link != nil {
		attrs["include_urls"] = includeURLsAttribute(s.one)
		attrs["urls"] = urlsAttribute(s.one, plural)
	}
	resp.Schema = schema.Schema{MarkdownDescription: s.description, Attributes: attrs}
}

// ValidateConfig refuses an end_at before start_at.
func (d *listDataSource[T, F]) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	checkWindow(ctx, d.spec.filters, req.Config, &resp.Diagnostics)
}

// checkWindow refuses an end_at before start_at, where the filters have them.
func checkWindow(ctx context.Context, filters map[string]schema.Attribute, config tfsdk.Config, diags *diag.Diagnostics) {
	if _, windowed := filters["start_at"]; !windowed {
		return
	}
	var startAt, endAt types.String
	diags.Append(config.GetAttribute(ctx, path.Root("start_at"), &startAt)...)
	diags.Append(config.GetAttribute(ctx, path.Root("end_at"), &endAt)...)
	if diags.HasError() || !isKnown(startAt) || !isKnown(endAt) {
		return
	}
	start, errStart := time.Parse(time.RFC3339, startAt.ValueString())
	end, errEnd := time.Parse(time.RFC3339, endAt.ValueString())
	if errStart == nil && errEnd == nil && end.Before(start) { // bad formats are the validators' to report
		diags.AddAttributeError(path.Root("end_at"), "end_at is before start_at",
			fmt.Sprintf("end_at (%s) must not be before start_at (%s).", endAt.ValueString(), startAt.ValueString()))
	}
}

// Read lists every matching object and writes them to state, or writes nothing and reports
// why.
func (d *listDataSource[T, F]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	setEncoded(&resp.State.Raw, d.readEncoded(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
}

// readEncoded reads the list and returns the computed attributes, encoded; the server's
// direct read splices them into the state it answers.
func (d *listDataSource[T, F]) readEncoded(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) map[string][]byte {
	s, c := d.spec, configValues{ctx: ctx, config: config, diags: diags}
	ctx, cancel, workspaceID, timeout := d.startReadOf(c)
	defer cancel()
	filter := s.filter(c)
	includeURLs := s.endpoint.Link != nil && c.bool("include_urls")
	opts := bird.ListOptions{MaxResults: maxResults(c.number("max_results"))}
	if diags.HasError() {
		return nil
	}
	listing, err := bird.List(ctx, d.client, s.endpoint, workspaceID, filter, opts)
	if err != nil {
		diags.Append(readError(err, s.plural, workspaceID, d.credential, timeout))
		return nil
	}
	warnReadNotes(diags, s.plural, listing.Notes)
	res := collect(listing, s.object, s.endpoint, includeURLs)
	if res.tooLarge(d.maxStateBytes, s.plural, diags) {
		return nil
	}
	return res.attributes(s.plural, workspaceID)
}

// warnReadNotes shows the notes of a read as warnings: how a read asked to read in parallel
// was read, and that Bird's pages shifted during any read, so that both are visible without
// a debug log.
func warnReadNotes(diags *diag.Diagnostics, plural string, notes []string) {
	for _, note := range notes {
		diags.AddWarning("How the "+plural+" were read", note)
	}
}

// configValues reads a data source's arguments, reporting what cannot be read.
type configValues struct {
	ctx    context.Context
	config tfsdk.Config
	diags  *diag.Diagnostics
}

// get reads the argument name into target.
func (c configValues) get(name string, target any) {
	c.diags.Append(c.config.GetAttribute(c.ctx, path.Root(name), target)...)
}

// value returns a string argument as it is configured.
func (c configValues) value(name string) types.String {
	var v types.String
	c.get(name, &v)
	return v
}

// string returns a string argument, "" when null.
func (c configValues) string(name string) string { return c.value(name).ValueString() }

// strings returns a list-of-strings argument, nil when null; null elements, which the
// arguments' validators refuse, are left out.
func (c configValues) strings(name string) []string {
	var v []types.String
	c.get(name, &v)
	out := make([]string, 0, len(v))
	for _, s := range v {
		if !s.IsNull() {
			out = append(out, s.ValueString())
		}
	}
	return out
}

// bool returns a bool argument, false when null.
func (c configValues) bool(name string) bool {
	var v types.Bool
	c.get(name, &v)
	return v.ValueBool()
}

// number returns a number argument.
func (c configValues) number(name string) types.Number {
	var v types.Number
	c.get(name, &v)
	return v
}

// objectMapping returns the listed object's mapping, for TestMappingsEncodeTheirSchema.
func (d *listDataSource[T, F]) objectMapping() any { return d.spec.object }
