package provider

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// samples encodes an empty object and a full one, every field set, pointers and nested
// objects included.
func (m mapping[T]) samples() map[string][]byte {
	var empty, full T
	fill(reflect.ValueOf(&full).Elem())
	return map[string][]byte{
		"empty": encoded(func(w *msgpackWriter) { m.encode(w, &empty) }),
		"full":  encoded(func(w *msgpackWriter) { m.encode(w, &full) }),
	}
}

// fill sets every field of v: strings to a timestamp (which every string attribute takes),
// numbers to 7, booleans to true, and pointers, slices and maps to filled values.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("2026-11-01T12:00:00.000Z")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				fill(v.Field(i))
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			fill(v.Index(i))
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		key, value := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(key)
		fill(value)
		v.SetMapIndex(key, value)
	}
}

// TestMappingsEncodeTheirSchema encodes an empty and a full object of every data source's
// mapping and decodes them with the object type of its attributes, so that a missing,
// extra or miscounted attribute fails here rather than in Terraform.
func TestMappingsEncodeTheirSchema(t *testing.T) {
	type sampled interface {
		samples() map[string][]byte
		tfType() tftypes.Type
	}
	checked := 0
	for _, newDataSource := range newBirdProvider("test").DataSources(t.Context()) {
		ds := newDataSource()
		mapped, ok := ds.(interface{ objectMapping() any })
		if !ok {
			continue
		}
		var md datasource.MetadataResponse
		ds.Metadata(t.Context(), datasource.MetadataRequest{ProviderTypeName: "bird"}, &md)
		m, ok := mapped.objectMapping().(sampled)
		if !ok {
			t.Fatalf("%s: its mapping %T has no samples", md.TypeName, mapped.objectMapping())
		}
		for name, b := range m.samples() {
			v, err := decodeMsgPack(b, m.tfType())
			if err != nil {
				t.Errorf("%s: the %s object does not decode as its attributes: %v", md.TypeName, name, err)
			} else if v.IsNull() || !v.IsFullyKnown() {
				t.Errorf("%s: the %s object decodes as %v", md.TypeName, name, v)
			}
		}
		checked++
	}
	if checked < 4 {
		t.Fatalf("%d data sources checked; the list and single-object ones should all be", checked)
	}
}
