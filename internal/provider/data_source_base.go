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

// dataSourceBase is what every data source shares: the provider's client and default
// workspace, received in Configure.
type dataSourceBase struct {
	*providerData
}

// Configure keeps the provider's data; it is nil when the provider is not configured yet.
func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", req.ProviderData))
		return
	}
	b.providerData = data
}

// workspace returns the data source's workspace_id, else the provider's, and reports an
// error on workspace_id when neither is set.
func (b *dataSourceBase) workspace(own types.String, diags *diag.Diagnostics) string {
	if b.providerData == nil {
		diags.AddError("Provider not configured", "The Bird provider was not configured before this data source was read. This is a bug in the provider or in Terraform.")
		return ""
	}
	if id := own.ValueString(); id != "" {
		return id
	}
	if b.workspaceID == "" {
		diags.AddAttributeError(path.Root("workspace_id"), "Missing workspace ID",
			"Set workspace_id on this data source, or on the provider, or the "+envWorkspaceID+" environment variable, to the UUID of a Bird workspace.")
	}
	return b.workspaceID
}

// withReadTimeout bounds ctx by timeouts.read, defaultReadTimeout when unset.
func (b *dataSourceBase) withReadTimeout(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, time.Duration) {
	timeout, d := t.Read(ctx, defaultReadTimeout)
	diags.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, timeout
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
