package provider

import (
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The data sources write their computed attributes as MessagePack (msgpackWriter) rather
// than through the framework's attr.Value layer: converting thousands of nested objects
// through it (tfsdk.State.Set) cost about 300 microseconds and 1,400 allocations per
// recording, and building tftypes values still 20 microseconds and 90 allocations. The
// types still come from the schema, through the attr types derived from it.

// setEncoded decodes computed attributes, encoded by msgpackWriter, and writes them over raw,
// the state or ephemeral result that the framework fills with the configuration before Read
// or Open. It does nothing once diags hold an error.
func setEncoded(raw *tftypes.Value, encodedAttrs map[string][]byte, diags *diag.Diagnostics) {
	if diags.HasError() {
		return
	}
	obj, ok := raw.Type().(tftypes.Object)
	if !ok {
		diags.AddError("Could not write the result", fmt.Sprintf("the result is a %s, not an object. This is a bug in the provider.", raw.Type()))
		return
	}
	values := make(map[string]tftypes.Value, len(encodedAttrs))
	for name, b := range encodedAttrs {
		v, err := decodeMsgPack(b, obj.AttributeTypes[name])
		if err != nil {
			diags.AddError("Could not write the result", fmt.Sprintf("attribute %s: %v. This is a bug in the provider.", name, err))
			return
		}
		values[name] = v
	}
	setComputed(raw, values, diags)
}

// setComputed writes values over the top-level attributes of raw.
func setComputed(raw *tftypes.Value, values map[string]tftypes.Value, diags *diag.Diagnostics) {
	attrs := map[string]tftypes.Value{}
	err := raw.As(&attrs)
	if err == nil {
		maps.Copy(attrs, values)
		err = tftypes.ValidateValue(raw.Type(), attrs)
	}
	if err != nil {
		diags.AddError("Could not write the result", fmt.Sprintf("%v. This is a bug in the provider.", err))
		return
	}
	*raw = tftypes.NewValue(raw.Type(), attrs)
}
