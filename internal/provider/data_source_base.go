package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// configured is what every data source and ephemeral resource shares: the provider's client
// and default workspace, received in Configure.
type configured struct {
	*providerData
}

// receive keeps the provider's data; it is nil while the provider is not configured yet.
func (c *configured) receive(data any, diags *diag.Diagnostics) {
	if data == nil {
		return
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", data))
		return
	}
	c.providerData = pd
}

// workspace returns the configuration's workspace_id, else the provider's, and reports an
// error on workspace_id when neither is set.
func (c *configured) workspace(own types.String, diags *diag.Diagnostics) string {
	if c.providerData == nil {
		diags.AddError("Provider not configured", "The Bird provider was not configured before this was read. This is a bug in the provider or in Terraform.")
		return ""
	}
	if id := own.ValueString(); id != "" {
		return id
	}
	if c.workspaceID == "" {
		diags.AddAttributeError(path.Root("workspace_id"), "Missing workspace ID",
			"Set workspace_id here, or on the provider, or the "+envWorkspaceID+" environment variable, to the UUID of a Bird workspace.")
	}
	return c.workspaceID
}

// dataSourceBase gives a data source the provider's data.
type dataSourceBase struct {
	configured
}

// Configure keeps the provider's data.
func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.receive(req.ProviderData, &resp.Diagnostics)
}

// startRead resolves the workspace and bounds ctx by timeouts.read (defaultReadTimeout when
// unset). The caller defers cancel, then returns if diags hold an error.
func (c *configured) startRead(ctx context.Context, own types.String, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, string, time.Duration) {
	workspaceID := c.workspace(own, diags)
	timeout, d := t.Read(ctx, defaultReadTimeout)
	diags.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, workspaceID, timeout
}

// workspaceIDAttribute is the optional workspace_id of every data source.
func workspaceIDAttribute() schema.Attribute {
	return schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "The UUID of the workspace to read (path parameter `workspaceId`). Defaults to the provider's `workspace_id`; one of the two is required.",
		Validators:          []validator.String{uuidValidator()},
	}
}

// isKnown reports whether a value is set and known.
func isKnown(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }
