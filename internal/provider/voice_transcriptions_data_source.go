package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// voiceTranscriptionsDataSource is bird_voice_transcriptions: every transcription of a
// workspace, or of one recording.
type voiceTranscriptionsDataSource struct {
	dataSourceBase
}

// newVoiceTranscriptionsDataSource returns the data source, for the provider's list.
func newVoiceTranscriptionsDataSource() datasource.DataSource {
	return &voiceTranscriptionsDataSource{}
}

// voiceTranscriptionsModel reads the configuration. Config.Get needs every attribute, so the
// computed ones are here too (null); Read writes them with setEncoded.
type voiceTranscriptionsModel struct {
	WorkspaceID    types.String   `tfsdk:"workspace_id"`
	RecordingID    types.String   `tfsdk:"recording_id"`
	MaxResults     types.Number   `tfsdk:"max_results"`
	IncludeURLs    types.Bool     `tfsdk:"include_urls"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
	Transcriptions types.List     `tfsdk:"transcriptions"`
	Truncated      types.Bool     `tfsdk:"truncated"`
	IDs            types.List     `tfsdk:"ids"`
	URLs           types.Map      `tfsdk:"urls"`
}

// Metadata names the data source bird_voice_transcriptions.
func (d *voiceTranscriptionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_transcriptions"
}

// Schema describes the filters and the computed transcriptions.
func (d *voiceTranscriptionsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the transcriptions of a Bird workspace (List Transcriptions, `GET /workspaces/{workspaceId}/transcriptions`), across every page.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDAttribute(),
			"recording_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the transcriptions of this recording (`recordingId`), a UUID. Bird has no such query parameter, so the provider reads every page and keeps the matches.",
				Validators:          []validator.String{uuidCheck()},
			},
			"max_results":  maxResultsAttribute("transcriptions", ""),
			"include_urls": includeURLsAttribute("transcription"),
			"timeouts":     readTimeoutsAttribute(),
			"transcriptions": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The transcriptions (`results`), in the order Bird returns them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: transcriptionAttributes()},
			},
			"truncated": truncatedAttribute("transcriptions"),
			"ids": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The transcriptions' IDs, in the same order as `transcriptions`.",
			},
			"urls": schema.MapAttribute{
				Computed:            true,
				Sensitive:           true,
				ElementType:         types.StringType,
				MarkdownDescription: "With `include_urls = true`, a map from transcription ID to its presigned link (`url`), which expires 600 seconds after the read; transcriptions without a link are left out. Sensitive as a whole; null unless `include_urls = true`.",
			},
		},
	}
}

// Read lists the transcriptions and writes them to state, or writes nothing and reports why.
func (d *voiceTranscriptionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	setEncoded(&resp.State.Raw, d.readEncoded(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
}

// readEncoded reads the transcriptions and returns the computed attributes, encoded; the server's
// direct read splices them into the state it answers.
func (d *voiceTranscriptionsDataSource) readEncoded(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) map[string][]byte {
	var m voiceTranscriptionsModel
	diags.Append(config.Get(ctx, &m)...)
	ctx, cancel, workspaceID, timeout := d.startRead(ctx, m.WorkspaceID, m.Timeouts, diags)
	defer cancel()
	if diags.HasError() {
		return nil
	}

	filter := bird.TranscriptionFilter{RecordingID: m.RecordingID.ValueString()}
	listing, err := d.client.ListTranscriptions(ctx, workspaceID, filter, bird.ListOptions{MaxResults: maxResults(m.MaxResults)})
	if err != nil {
		diags.Append(readError(err, "transcriptions", workspaceID, d.credential, timeout))
		return nil
	}
	res := collect(listing, transcriptionMapping, m.IncludeURLs.ValueBool())
	if res.tooLarge(d.maxStateBytes, "transcriptions", diags) {
		return nil
	}
	return res.attributes("transcriptions", workspaceID)
}
