package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// singleDataSource reads one object by ID: bird_voice_recording and bird_voice_transcription.
// Its attributes are those of one list item, plus workspace_id, the sensitive url and
// timeouts; one object carries one sensitive mark, so the link costs nothing here.
type singleDataSource[T any] struct {
	dataSourceBase
	name, kind  string // the type name's suffix, and what the object is called in messages
	description string
	mapping     mapping[T]
	link        func(*T) string // the object's presigned link; nil when it has none
	get         func(c *bird.Client, ctx context.Context, workspaceID, id string) (*T, error)
}

// Metadata names the data source.
func (d *singleDataSource[T]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.name
}

// Schema is the item's attributes with a required id.
func (d *singleDataSource[T]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := maps.Clone(d.mapping.attributes())
	attrs["id"] = schema.StringAttribute{
		Required:            true,
		MarkdownDescription: fmt.Sprintf("The UUID of the %s to read (path parameter `%sId`).", d.kind, d.kind),
		Validators:          []validator.String{uuidCheck()},
	}
	attrs["workspace_id"] = workspaceIDAttribute()
	if d.link != nil {
		attrs["url"] = schema.StringAttribute{
			Computed:            true,
			Sensitive:           true,
			MarkdownDescription: fmt.Sprintf("A presigned link to the %s's file (`url`), fresh at each read: whoever holds it can download the file until it expires, 600 seconds later. Sensitive; null when Bird gives none.", d.kind),
		}
	}
	attrs["timeouts"] = readTimeoutsAttribute()
	resp.Schema = schema.Schema{MarkdownDescription: d.description, Attributes: attrs}
}

// Read fetches the object and writes its attributes; a missing one is an error on id.
func (d *singleDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id, own types.String
	var t timeouts.Value
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("workspace_id"), &own)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	ctx, cancel, workspaceID, timeout := d.startRead(ctx, own, t, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	item, err := d.get(d.client, ctx, workspaceID, id.ValueString())
	if bird.IsNotFound(err) {
		resp.Diagnostics.Append(notFoundError(d.kind, id.ValueString(), workspaceID, err))
		return
	}
	if err != nil {
		resp.Diagnostics.Append(readError(err, d.kind, workspaceID, d.credential, timeout))
		return
	}
	obj, err := decodeMsgPack(encoded(func(w *msgpackWriter) { d.mapping.encode(w, item) }), d.mapping.tfType())
	attrs := map[string]tftypes.Value{}
	if err == nil {
		err = obj.As(&attrs)
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not map the "+d.kind, err.Error()+". This is a bug in the provider.")
		return
	}
	delete(attrs, "id") // the configured id stays as written
	setComputed(&resp.State.Raw, attrs, &resp.Diagnostics)
	computed := map[string][]byte{"workspace_id": encoded(func(w *msgpackWriter) { w.str(workspaceID) })}
	if d.link != nil {
		computed["url"] = encoded(func(w *msgpackWriter) { w.optString(d.link(item)) })
	}
	setEncoded(&resp.State.Raw, computed, &resp.Diagnostics)
}

// objectMapping returns the object's mapping, for TestMappingsEncodeTheirSchema.
func (d *singleDataSource[T]) objectMapping() any { return d.mapping }
