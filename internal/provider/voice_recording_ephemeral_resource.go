package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/ephemeral/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// voiceRecordingEphemeralResource is the bird_voice_recording ephemeral resource: one
// recording and its fresh audio link, which Terraform never writes to a plan or state.
type voiceRecordingEphemeralResource struct {
	dataSourceBase
}

// newVoiceRecordingEphemeralResource returns the ephemeral resource, for the provider's list.
func newVoiceRecordingEphemeralResource() ephemeral.EphemeralResource {
	return &voiceRecordingEphemeralResource{}
}

var _ ephemeral.EphemeralResourceWithConfigure = (*voiceRecordingEphemeralResource)(nil)

// voiceRecordingEphemeralModel reads the configuration. Config.Get needs every attribute, so the
// computed ones are here too (null); Open writes them with setEncoded.
type voiceRecordingEphemeralModel struct {
	ID          types.String   `tfsdk:"id"`
	WorkspaceID types.String   `tfsdk:"workspace_id"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
	URL         types.String   `tfsdk:"url"`
	Status      types.String   `tfsdk:"status"`
	Format      types.String   `tfsdk:"format"`
	Duration    types.Int64    `tfsdk:"duration"`
	CreatedAt   types.String   `tfsdk:"created_at"`
}

// Configure keeps the provider's data.
func (e *voiceRecordingEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.receive(req.ProviderData, &resp.Diagnostics)
}

// Metadata names the ephemeral resource bird_voice_recording.
func (e *voiceRecordingEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_voice_recording"
}

// Schema describes the recording and its link.
func (e *voiceRecordingEphemeralResource) Schema(ctx context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one recording (`GET /workspaces/{workspaceId}/recordings/{recordingId}`) and opens its fresh presigned audio link as an ephemeral value: it can be handed to another provider's configuration or to another ephemeral context, and is never written to the plan or the state. Every attribute of an ephemeral resource is ephemeral, `status` and `created_at` included: none can go to an output or a resource argument that is not write-only. For metadata to keep, use the `bird_voice_recording` data source. Needs Terraform 1.10 or OpenTofu 1.11 or later.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The UUID of the recording (path parameter `recordingId`).",
				Validators:          []validator.String{uuidCheck()},
			},
			"workspace_id": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "The UUID of the workspace (path parameter `workspaceId`). Defaults to the provider's `workspace_id`; one of the two is required.",
				Validators:          []validator.String{workspaceIDCheck()},
			},
			"timeouts": timeouts.Attributes(ctx),
			"url": schema.StringAttribute{
				Computed:            true,
				Sensitive:           true,
				MarkdownDescription: "The presigned link to the audio (`url`): whoever holds it can download the recording until it expires, 600 seconds after it is opened. Null when Bird gives none.",
			},
			"status":     schema.StringAttribute{Computed: true, MarkdownDescription: nullable("The recording's status (`status`); the link works once it is `available`.")},
			"format":     schema.StringAttribute{Computed: true, MarkdownDescription: nullable("The audio format (`format`), such as `mp3`.")},
			"duration":   schema.Int64Attribute{Computed: true, MarkdownDescription: "The recording's length in seconds (`duration`); null while the call goes on."},
			"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: nullable("When the recording was created (`createdAt`), RFC 3339.")},
		},
	}
}

// Open reads the recording and returns its link; a missing recording is an error on id.
func (e *voiceRecordingEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m voiceRecordingEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	workspaceID := e.workspace(m.WorkspaceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := m.Timeouts.Open(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	rec, err := e.client.GetRecording(ctx, workspaceID, m.ID.ValueString())
	if bird.IsNotFound(err) {
		resp.Diagnostics.Append(notFoundError("recording", m.ID.ValueString(), workspaceID, err))
		return
	}
	if err != nil {
		resp.Diagnostics.Append(readError(err, "recording", workspaceID, e.credential, timeout))
		return
	}
	setEncoded(&resp.Result.Raw, map[string][]byte{
		"workspace_id": encoded(func(w *msgpackWriter) { w.str(workspaceID) }),
		"url":          encoded(func(w *msgpackWriter) { w.optString(rec.URL) }),
		"status":       encoded(func(w *msgpackWriter) { w.optString(rec.Status) }),
		"format":       encoded(func(w *msgpackWriter) { w.optString(rec.Format) }),
		"duration":     encoded(func(w *msgpackWriter) { w.optInt(rec.Duration) }),
		"created_at":   encoded(func(w *msgpackWriter) { w.optTimestamp(rec.CreatedAt) }),
	}, &resp.Diagnostics)
}
