package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// defaultReadTimeout bounds a whole read when timeouts.read is not set.
const defaultReadTimeout = 20 * time.Minute

// voiceRecordingsDataSource is bird_voice_recordings: every recording of a workspace that
// matches the filters, across all pages.
type voiceRecordingsDataSource struct {
	dataSourceBase
}

// newVoiceRecordingsDataSource returns the data source, for the provider's list.
func newVoiceRecordingsDataSource() datasource.DataSource { return &voiceRecordingsDataSource{} }

var (
	_ datasource.DataSourceWithConfigure      = (*voiceRecordingsDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*voiceRecordingsDataSource)(nil)
)

// voiceRecordingsModel reads the configuration. Config.Get needs every attribute, so the
// computed ones are here too (null); Read writes them with setEncoded.
type voiceRecordingsModel struct {
	WorkspaceID types.String   `tfsdk:"workspace_id"`
	SourceID    types.String   `tfsdk:"source_id"`
	ChannelID   types.String   `tfsdk:"channel_id"`
	CallID      types.String   `tfsdk:"call_id"`
	Direction   types.String   `tfsdk:"direction"`
	Status      types.String   `tfsdk:"status"`
	StartAt     types.String   `tfsdk:"start_at"`
	EndAt       types.String   `tfsdk:"end_at"`
	From        types.String   `tfsdk:"from"`
	To          types.String   `tfsdk:"to"`
	MaxResults  types.Number   `tfsdk:"max_results"`
	IncludeURLs types.Bool     `tfsdk:"include_urls"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
	Recordings  types.List     `tfsdk:"recordings"`
	Truncated   types.Bool     `tfsdk:"truncated"`
	IDs         types.List     `tfsdk:"ids"`
	URLs        types.Map      `tfsdk:"urls"`
}

// Metadata names the data source bird_voice_recordings.
func (d *voiceRecordingsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_recordings"
}

// Schema describes the filters and the computed recordings.
func (d *voiceRecordingsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	uuidFilter := func(desc string) schema.Attribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{uuidCheck()}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the voice call recordings of a Bird workspace (List Recordings, `GET /workspaces/{workspaceId}/recordings`), newest first, across every page.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDAttribute(),
			"source_id":    uuidFilter("Only recordings of this source (query parameter `sourceId`), a UUID."),
			"channel_id":   uuidFilter("Only recordings on this voice channel (query parameter `channelId`), a UUID."),
			"call_id":      uuidFilter("Only recordings of this call (query parameter `id`, \"the ID for the call\"), a UUID."),
			"direction": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only recordings of calls in this direction (query parameter `direction`): `incoming` or `outgoing`.",
				Validators:          []validator.String{stringvalidator.OneOf(bird.RecordingDirections...)},
			},
			"status": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only recordings with this status (query parameter `status`): `accepted`, `completed`, `ongoing`, `paused`, `available`, `absent` or `failed`.",
				Validators:          []validator.String{stringvalidator.OneOf(bird.RecordingStatuses...)},
			},
			"start_at": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Start of the time range (query parameter `startAt`), an RFC 3339 date-time with a zone such as `2026-11-01T00:00:00Z`; for the last day, `timeadd(plantimestamp(), \"-24h\")`.",
				Validators:          []validator.String{stringCheck("must be an RFC 3339 date-time", checkRFC3339)},
			},
			"end_at": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "End of the time range (query parameter `endAt`), an RFC 3339 date-time with a zone, not before `start_at`.",
				Validators:          []validator.String{stringCheck("must be an RFC 3339 date-time", checkRFC3339)},
			},
			"from": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only calls from this number (query parameter `from`), such as `+3197004499436`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"to": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only calls to this number (query parameter `to`).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"max_results":  maxResultsAttribute("recordings", " The provider then asks for no more than it needs, so N recordings cost ceil(N/99) requests."),
			"include_urls": includeURLsAttribute("recording"),
			"timeouts":     readTimeoutsAttribute(),
			"recordings": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The recordings (`results`), in the order Bird returns them: newest first.",
				NestedObject:        schema.NestedAttributeObject{Attributes: recordingAttributes()},
			},
			"truncated": truncatedAttribute("recordings"),
			"ids": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The recordings' IDs, in the same order as `recordings`.",
			},
			"urls": schema.MapAttribute{
				Computed:            true,
				Sensitive:           true,
				ElementType:         types.StringType,
				MarkdownDescription: "With `include_urls = true`, a map from recording ID to its presigned audio link (`url`), which grants access to the audio to whoever holds it and expires 600 seconds after the read; recordings without a link are left out. Sensitive as a whole; null unless `include_urls = true`.",
			},
		},
	}
}

// ValidateConfig refuses an end_at before start_at.
func (d *voiceRecordingsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m voiceRecordingsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !isKnown(m.StartAt) || !isKnown(m.EndAt) {
		return
	}
	start, errStart := time.Parse(time.RFC3339, m.StartAt.ValueString())
	end, errEnd := time.Parse(time.RFC3339, m.EndAt.ValueString())
	if errStart == nil && errEnd == nil && end.Before(start) { // bad formats are the validators' to report
		resp.Diagnostics.AddAttributeError(path.Root("end_at"), "end_at is before start_at",
			fmt.Sprintf("end_at (%s) must not be before start_at (%s).", m.EndAt.ValueString(), m.StartAt.ValueString()))
	}
}

// Read lists every matching recording and writes them to state, or writes nothing and
// reports why.
func (d *voiceRecordingsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	setEncoded(&resp.State.Raw, d.readEncoded(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
}

// readEncoded reads the recordings and returns the computed attributes, encoded; the server's
// direct read splices them into the state it answers.
func (d *voiceRecordingsDataSource) readEncoded(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) map[string][]byte {
	var m voiceRecordingsModel
	diags.Append(config.Get(ctx, &m)...)
	ctx, cancel, workspaceID, timeout := d.startRead(ctx, m.WorkspaceID, m.Timeouts, diags)
	defer cancel()
	if diags.HasError() {
		return nil
	}

	filter := bird.RecordingFilter{
		SourceID: m.SourceID.ValueString(), ChannelID: m.ChannelID.ValueString(), CallID: m.CallID.ValueString(),
		Direction: m.Direction.ValueString(), Status: m.Status.ValueString(),
		StartAt: m.StartAt.ValueString(), EndAt: m.EndAt.ValueString(),
		From: m.From.ValueString(), To: m.To.ValueString(),
	}
	listing, err := d.client.ListRecordings(ctx, workspaceID, filter, bird.ListOptions{MaxResults: maxResults(m.MaxResults)})
	if err != nil {
		diags.Append(readError(err, "recordings", workspaceID, d.credential, timeout))
		return nil
	}
	res := collect(listing, recordingMapping, m.IncludeURLs.ValueBool())
	if res.tooLarge(d.maxStateBytes, "recordings", diags) {
		return nil
	}
	return res.attributes("recordings", workspaceID)
}
