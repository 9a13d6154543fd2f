package provider

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// dataSourceBase is what every data source and the ephemeral resource receive from the
// provider's Configure: the one shared client, the credential it sends, the provider's
// default workspace, and the largest state a list read may answer.
type dataSourceBase struct {
	client                  *bird.Client
	credential              credential
	defaultWorkspaceID      string
	defaultWorkspaceUnknown bool // the provider's workspace_id was unknown at plan time
	maxStateBytes           int
}

// receive keeps the provider's data; it is nil while the provider is not configured yet.
func (b *dataSourceBase) receive(data any, diags *diag.Diagnostics) {
	if data == nil {
		return
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", data))
		return
	}
	b.client, b.credential, b.defaultWorkspaceID, b.defaultWorkspaceUnknown, b.maxStateBytes = pd.client, pd.credential, pd.defaultWorkspaceID, pd.defaultWorkspaceUnknown, pd.maxStateBytes
}

// Configure keeps the provider's data.
func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.receive(req.ProviderData, &resp.Diagnostics)
}

// workspace returns the configuration's workspace_id, else the provider's, and reports an
// error on workspace_id when neither is known.
func (b *dataSourceBase) workspace(own types.String, diags *diag.Diagnostics) string {
	if b.client == nil {
		diags.AddError("Provider not configured", "The Bird provider was not configured before this was read. This is a bug in the provider or in Terraform.")
		return ""
	}
	if id := own.ValueString(); id != "" {
		return id
	}
	switch {
	case b.defaultWorkspaceUnknown:
		diags.AddAttributeError(path.Root("workspace_id"), "Unknown provider workspace_id",
			"The provider's workspace_id is unknown at plan time, for example because it comes from a resource not yet created, and this configuration sets no workspace_id of its own. Set workspace_id here, or make the provider's known at plan time (or use -target to create that resource first).")
	case b.defaultWorkspaceID == "":
		diags.AddAttributeError(path.Root("workspace_id"), "Missing workspace ID",
			"Set workspace_id here, or on the provider, or the "+envWorkspaceID+" environment variable, to the UUID of a Bird workspace.")
	}
	return b.defaultWorkspaceID
}

// startRead resolves the workspace and bounds ctx by timeouts.read (defaultReadTimeout when
// unset). The caller defers cancel, then returns if diags hold an error.
func (b *dataSourceBase) startRead(ctx context.Context, own types.String, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, string, time.Duration) {
	workspaceID := b.workspace(own, diags)
	timeout, d := t.Read(ctx, defaultReadTimeout)
	diags.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, workspaceID, timeout
}

// startReadOf is startRead for the workspace_id and timeouts of the configuration c reads.
func (b *dataSourceBase) startReadOf(c configValues) (context.Context, context.CancelFunc, string, time.Duration) {
	var t timeouts.Value
	c.get("timeouts", &t)
	return b.startRead(c.ctx, c.value("workspace_id"), t, c.diags)
}

// workspaceIDAttribute is the optional workspace_id of every data source.
func workspaceIDAttribute() schema.Attribute {
	return schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "The UUID of the workspace to read (path parameter `workspaceId`). Defaults to the provider's `workspace_id`; one of the two is required.",
		Validators:          []validator.String{workspaceIDCheck()},
	}
}

// isKnown reports whether a value is set and known.
func isKnown(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// maxResultsAttribute is the optional max_results of a list data source, a whole number of at
// least 1. It is a Number rather than an Int64 so that a fraction is refused by its validator
// with "must be a whole number", not by the framework's conversion as a provider bug.
func maxResultsAttribute(what, cost string) schema.Attribute {
	return schema.NumberAttribute{
		Optional:            true,
		MarkdownDescription: "Stop after this many " + what + ", a whole number of at least 1; all when unset." + cost + " See `truncated`.",
		Validators:          []validator.Number{wholeNumberCheck(1, 0)},
	}
}

// includeURLsAttribute is the optional include_urls of a list data source.
func includeURLsAttribute(what string) schema.Attribute {
	return schema.BoolAttribute{
		Optional:            true,
		MarkdownDescription: "Fill `urls` with each " + what + "'s presigned link (`url`). Unset means `false`, and it then stays null in state, as `urls` does. Each link adds about 1.6 KB of state.",
	}
}

// maxResults returns the value of max_results, 0 when unset. A value past the platform's
// int (2^31 - 1 on 386 and arm builds) means every result there could be, not a wrapped
// negative number that would read everything without saying truncated.
func maxResults(v types.Number) int {
	if v.IsNull() || v.IsUnknown() {
		return 0
	}
	n, _ := v.ValueBigFloat().Int64() // a whole number of at least 1: checked at plan time
	return int(min(n, math.MaxInt))
}

// readTimeoutsAttribute is the timeouts attribute of a data source: the timeouts package's
// type, whose Read the data sources call, with a read value checked by checkReadTimeout so
// that a bad value is reported on timeouts.read itself.
func readTimeoutsAttribute() schema.Attribute {
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: "How long the whole read may take, every page and retry included.",
		CustomType:          timeouts.Type{ObjectType: types.ObjectType{AttrTypes: map[string]attr.Type{"read": types.StringType}}},
		Attributes: map[string]schema.Attribute{
			"read": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: readTimeoutDescription,
				Validators:          []validator.String{stringCheck("must be a positive duration", checkReadTimeout)},
			},
		},
	}
}

// readTimeoutDescription documents timeouts.read and how it relates to request_timeout.
const readTimeoutDescription = "A duration such as `\"90s\"`, `\"5m\"` or `\"1h\"` (units `s`, `m`, `h`), 20 minutes when unset. It bounds the whole read; the provider's `request_timeout` bounds each attempt of each request within it."

// checkReadTimeout refuses a read timeout that is not a positive duration.
func checkReadTimeout(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return fmt.Errorf("must be a positive duration such as \"90s\", \"5m\" or \"1h\" (units s, m, h), got %q", s)
	}
	return nil
}

// truncatedAttribute is the computed truncated of a list data source; windowed when it
// takes start_at and end_at.
func truncatedAttribute(what string, windowed bool) schema.Attribute {
	signs := "results past `max_results` or a next page token"
	if windowed {
		signs = "results past `max_results`, a next page token, or a part of the time window not read"
	}
	return schema.BoolAttribute{
		Computed: true,
		MarkdownDescription: "Whether `max_results` stopped the read while Bird signalled more " + what + ": " + signs + ". " +
			"`false` when every match was read. When the matches end exactly at `max_results`, Bird may still have given a next page token, and `truncated` is then `true`.",
	}
}

// urlsAttribute is the computed urls of a list data source whose objects carry links.
func urlsAttribute(one, plural string) schema.Attribute {
	return schema.MapAttribute{
		Computed:            true,
		Sensitive:           true,
		ElementType:         types.StringType,
		MarkdownDescription: "With `include_urls = true`, a map from " + one + " ID to its presigned link (`url`), which grants access to whoever holds it and expires 600 seconds after the read; " + plural + " without a link are left out. Sensitive as a whole; null unless `include_urls = true`.",
	}
}

// uuidArgument is an optional UUID filter.
func uuidArgument(desc string) schema.Attribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{uuidCheck()}}
}

// enumArgument is an optional filter that takes one of allowed; desc is completed with them.
func enumArgument(desc string, allowed []string) schema.Attribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: desc + ": " + oneOf(allowed) + ".",
		Validators:          []validator.String{stringvalidator.OneOf(allowed...)},
	}
}

// oneOf writes allowed values for a description: `a`, `b` or `c`.
func oneOf(allowed []string) string {
	quoted := make([]string, len(allowed))
	for i, v := range allowed {
		quoted[i] = "`" + v + "`"
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}

// startAtArgument is the optional start_at of a list with a time window.
func startAtArgument() schema.Attribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "Start of the time range (query parameter `startAt`), an RFC 3339 date-time with a zone such as `2026-11-01T00:00:00Z`; for the last day, `timeadd(plantimestamp(), \"-24h\")`.",
		Validators:          []validator.String{stringCheck("must be an RFC 3339 date-time", checkRFC3339)},
	}
}

// endAtArgument is the optional end_at of a list with a time window.
func endAtArgument() schema.Attribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "End of the time range (query parameter `endAt`), an RFC 3339 date-time with a zone, not before `start_at`.",
		Validators:          []validator.String{stringCheck("must be an RFC 3339 date-time", checkRFC3339)},
	}
}

// uuidsArgument is an optional filter that takes a list of one or more UUIDs.
func uuidsArgument(desc string) schema.Attribute {
	return schema.ListAttribute{
		Optional: true, ElementType: types.StringType, MarkdownDescription: desc,
		Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.NoNullValues(), listvalidator.ValueStringsAre(uuidCheck())},
	}
}

// patternsArgument is an optional filter that takes a list of one or more strings, each of
// which must match re (message says how, in the diagnostic) and pass more.
func patternsArgument(desc string, re *regexp.Regexp, message string, more ...validator.String) schema.Attribute {
	return schema.ListAttribute{
		Optional: true, ElementType: types.StringType, MarkdownDescription: desc,
		Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.NoNullValues(), listvalidator.ValueStringsAre(append(more, stringvalidator.RegexMatches(re, message))...)},
	}
}

// textArgument is an optional filter that takes any text but the empty string.
func textArgument(desc string) schema.Attribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
}

// shortTextArgument is an optional filter of 1 to most characters, as Bird documents it.
func shortTextArgument(desc string, most int) schema.Attribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{stringvalidator.LengthBetween(1, most)}}
}
