package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// computedString is a computed string attribute.
func computedString(desc string) schema.Attribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: nullable(desc)}
}

// computedBool is a computed bool attribute.
func computedBool(desc string) schema.Attribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: nullable(desc)}
}

// computedInt is a computed whole-number attribute.
func computedInt(desc string) schema.Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: nullable(desc)}
}

// nullable ends a description that does not say when the value is null with the rule that
// holds for every computed value: a field Bird leaves out is null.
func nullable(desc string) string {
	if strings.Contains(desc, "null") {
		return desc
	}
	return desc + " Null when Bird leaves it out."
}

// objectTypeOf returns the object type of a set of schema attributes.
func objectTypeOf(attrs map[string]schema.Attribute) types.ObjectType {
	types := make(map[string]attr.Type, len(attrs))
	for name, a := range attrs {
		types[name] = a.GetType()
	}
	return basetypes.ObjectType{AttrTypes: types}
}
