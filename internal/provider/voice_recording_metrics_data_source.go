package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// voiceRecordingMetricsDataSource is bird_voice_recording_metrics: the storage that a
// workspace's recordings use.
type voiceRecordingMetricsDataSource struct {
	dataSourceBase
}

// newVoiceRecordingMetricsDataSource returns the data source, for the provider's list.
func newVoiceRecordingMetricsDataSource() datasource.DataSource {
	return &voiceRecordingMetricsDataSource{}
}

// voiceRecordingMetricsModel reads the configuration. Config.Get needs every attribute, so the
// computed ones are here too (null); Read writes them with setEncoded.
type voiceRecordingMetricsModel struct {
	WorkspaceID       types.String   `tfsdk:"workspace_id"`
	SourceID          types.String   `tfsdk:"source_id"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	Counter           types.Int64    `tfsdk:"counter"`
	DailyStorageUsage types.Map      `tfsdk:"daily_storage_usage"`
	UpdatedAt         types.String   `tfsdk:"updated_at"`
}

// Metadata names the data source bird_voice_recording_metrics.
func (d *voiceRecordingMetricsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_recording_metrics"
}

// Schema describes the metrics.
func (d *voiceRecordingMetricsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the recording storage metrics of a Bird workspace (List recording storage metrics, `GET /workspaces/{workspaceId}/recording-metrics`), following every page of `dailyStorageUsage`.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDAttribute(),
			"source_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the recordings of this source (query parameter `sourceId`), a UUID.",
				Validators:          []validator.String{uuidCheck()},
			},
			"timeouts": readTimeoutsAttribute(),
			"counter": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "How many recordings are stored (`counter`); null when Bird leaves it out.",
			},
			"daily_storage_usage": schema.MapAttribute{
				Computed:            true,
				ElementType:         types.Int64Type,
				MarkdownDescription: "Storage used per day (`dailyStorageUsage`): a map from date (`YYYY-MM-DD`) to the figure Bird reports for it, in bytes, across every page of the answer. Null when Bird leaves it out; an empty map when Bird sends `{}`.",
			},
			"updated_at": computedString("When Bird last computed the metrics (`updatedAt`), RFC 3339; null when Bird leaves it out."),
		},
	}
}

// Read fetches the metrics.
func (d *voiceRecordingMetricsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m voiceRecordingMetricsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel, workspaceID, timeout := d.startRead(ctx, m.WorkspaceID, m.Timeouts, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	metrics, err := d.client.GetRecordingMetrics(ctx, workspaceID, m.SourceID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(readError(err, "recording metrics", workspaceID, d.credential, timeout))
		return
	}
	setEncoded(&resp.State.Raw, map[string][]byte{
		"workspace_id": encoded(func(w *msgpackWriter) { w.str(workspaceID) }),
		"counter":      encoded(func(w *msgpackWriter) { w.optInt(metrics.Counter) }),
		"daily_storage_usage": encoded(func(w *msgpackWriter) {
			if metrics.DailyStorageUsage == nil {
				w.null() // Bird left it out: null, like every field it leaves out
				return
			}
			w.mapHeader(len(metrics.DailyStorageUsage))
			for day, n := range metrics.DailyStorageUsage {
				w.key(day).int(n)
			}
		}),
		"updated_at": encoded(func(w *msgpackWriter) { w.optTimestamp(metrics.UpdatedAt) }),
	}, &resp.Diagnostics)
}
