package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// singleDataSource reads one object: bird_voice_recording, bird_voice_transcription,
// bird_voice_call and bird_channel. Its attributes are those of one list item, the ones
// that name the object made arguments (keys), plus workspace_id, the sensitive url when the
// object carries a link, and timeouts; one object carries one sensitive mark, so the link
// costs nothing here.
type singleDataSource[T any] struct {
	dataSourceBase
	singleSpec[T]
}

// newSingle returns the constructor of the single-object data source that spec describes,
// for DataSources.
func newSingle[T any](spec singleSpec[T]) func() datasource.DataSource {
	return func() datasource.DataSource { return &singleDataSource[T]{singleSpec: spec} }
}

// singleSpec describes a single-object data source: everything that differs from one to
// another.
type singleSpec[T any] struct {
	name, kind  string // the type name's suffix, and what the object is called in messages
	description string
	mapping     mapping[T]
	link        func(*T) string // the object's presigned link; nil when it has none
	// keys are the object's attributes that name it, as arguments: a required id, or
	// optional and computed ones that the object's own value then fills.
	keys map[string]schema.Attribute
	// validators check the keys together, such as exactly one of id and name.
	validators []datasource.ConfigValidator
	// get reads the object the keys name. A lookupError is reported as it is; a 404 as
	// notFoundError on id.
	get func(ctx context.Context, c *bird.Client, workspaceID string, keys configValues) (*T, error)
}

// lookupError is a lookup that failed in a way its diagnostic already says.
type lookupError struct{ diag.Diagnostic }

// Error returns the diagnostic's detail.
func (e lookupError) Error() string { return e.Detail() }

// lookupKey is what a lookup through a list matches on: the argument key and its value, the
// noun of the object (kind), and what to do when several match (several, a sentence).
type lookupKey struct {
	key, value, kind, several string
}

// theOne reads the list of endpoint e that filter selects and keeps the objects that is
// accepts (so that a filter Bird applies more loosely than documented cannot pick the wrong
// one), which must be exactly one. None and more than one are errors on the argument k.key,
// built from k: the second lists the objects' IDs. An error of the read is a listReadError:
// a 404 there is the workspace's, not the object's.
func theOne[T any, F bird.Filter](ctx context.Context, c *bird.Client, e *bird.Endpoint[T, F], workspaceID string, filter F, is func(*T) bool, k lookupKey) (*T, error) {
	listing, err := bird.List(ctx, c, e, workspaceID, filter, bird.ListOptions{})
	if err != nil {
		return nil, listReadError{err}
	}
	matches := slices.DeleteFunc(slices.Clone(listing.Items), func(item T) bool { return !is(&item) })
	switch {
	case len(matches) == 0:
		return nil, lookupError{diag.NewAttributeErrorDiagnostic(path.Root(k.key), "Bird "+k.kind+" not found",
			fmt.Sprintf("No %s has %s %q in workspace %s (or the access key may not see it); %s is matched exactly, case included.", k.kind, k.key, k.value, workspaceID, k.key))}
	case len(matches) > 1:
		ids := make([]string, len(matches))
		for i := range matches {
			ids[i] = e.ID(&matches[i])
		}
		return nil, lookupError{diag.NewAttributeErrorDiagnostic(path.Root(k.key), "More than one Bird "+k.kind+" with this "+k.key,
			fmt.Sprintf("%d %ss have %s %q in workspace %s: %s. %s", len(ids), k.kind, k.key, k.value, workspaceID, strings.Join(ids, ", "), k.several))}
	}
	return &matches[0], nil
}

// listReadError is an error of the list read behind a lookup, reported as any read's.
type listReadError struct{ error }

// Unwrap returns the read's error.
func (e listReadError) Unwrap() error { return e.error }

// idKey is the required id argument of an object read by ID.
func idKey(kind string) map[string]schema.Attribute {
	return map[string]schema.Attribute{"id": schema.StringAttribute{
		Required:            true,
		MarkdownDescription: fmt.Sprintf("The UUID of the %s to read (path parameter `%sId`).", kind, kind),
		Validators:          []validator.String{uuidCheck()},
	}}
}

// getByID reads an object by its id argument with get.
func getByID[T any](get func(c *bird.Client, ctx context.Context, workspaceID, id string) (*T, error)) func(context.Context, *bird.Client, string, configValues) (*T, error) {
	return func(ctx context.Context, c *bird.Client, workspaceID string, keys configValues) (*T, error) {
		return get(c, ctx, workspaceID, keys.string("id"))
	}
}

// Metadata names the data source.
func (d *singleDataSource[T]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.name
}

// ConfigValidators checks the keys together.
func (d *singleDataSource[T]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return d.validators
}

// Schema is the item's attributes with its keys as arguments.
func (d *singleDataSource[T]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := maps.Clone(d.mapping.attributes())
	maps.Copy(attrs, d.keys)
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

// Read fetches the object and writes its attributes; a missing one is an error on the key
// that named it.
func (d *singleDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	keys := configValues{ctx: ctx, config: req.Config, diags: &resp.Diagnostics}
	ctx, cancel, workspaceID, timeout := d.startReadOf(keys)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	item, err := d.get(ctx, d.client, workspaceID, keys)
	var lookup lookupError
	var listErr listReadError
	switch {
	case errors.As(err, &lookup):
		resp.Diagnostics.Append(lookup.Diagnostic)
		return
	case errors.As(err, &listErr):
		resp.Diagnostics.Append(readError(listErr.error, d.kind, workspaceID, d.credential, timeout))
		return
	case bird.IsNotFound(err):
		resp.Diagnostics.Append(notFoundError(d.kind, keys.string("id"), workspaceID, err))
		return
	case err != nil:
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
	for name, key := range d.keys {
		if key.IsRequired() {
			delete(attrs, name) // a required key stays as written
		}
	}
	setComputed(&resp.State.Raw, attrs, &resp.Diagnostics)
	computed := map[string][]byte{"workspace_id": encoded(func(w *msgpackWriter) { w.str(workspaceID) })}
	if d.link != nil {
		computed["url"] = encoded(func(w *msgpackWriter) { w.optString(d.link(item)) })
	}
	setEncoded(&resp.State.Raw, computed, &resp.Diagnostics)
}

// objectMapping returns the object's mapping, for TestMappingsEncodeTheirSchema.
func (d *singleDataSource[T]) objectMapping() any { return d.mapping }

// lookupKeys returns the arguments that name the object, for the tests of every data
// source, which read each one by them.
func (d *singleDataSource[T]) lookupKeys() map[string]schema.Attribute { return d.keys }
