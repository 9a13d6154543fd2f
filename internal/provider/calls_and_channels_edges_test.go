package provider

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestCallTagsEmptyListIsNull: the docs of tags say "null when it has none". Bird's
// ChannelCall may well send "tags": [] for a call without tags (the fake never does, since
// bird.Call's omitempty drops an empty slice), and the mapping must not tell that apart
// from an absent tags.
func TestCallTagsEmptyListIsNull(t *testing.T) {
	for name, body := range map[string]string{
		"absent": `{"id":"3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"}`,
		"empty":  `{"id":"3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b","tags":[]}`,
		"null":   `{"id":"3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b","tags":null}`,
	} {
		t.Run(name, func(t *testing.T) {
			var c bird.Call
			if err := json.Unmarshal([]byte(body), &c); err != nil {
				t.Fatal(err)
			}
			v, err := decodeMsgPack(encoded(func(w *msgpackWriter) { callMapping.encode(w, &c) }), callMapping.tfType())
			if err != nil {
				t.Fatal(err)
			}
			attrs := map[string]tftypes.Value{}
			if err := v.As(&attrs); err != nil {
				t.Fatal(err)
			}
			if !attrs["tags"].IsNull() {
				t.Fatalf("tags of %s: %s, want null (\"null when it has none\")", body, attrs["tags"])
			}
		})
	}
}

// validateConfig returns the diagnostics of the provider's plan-time validation of data
// source typeName configured with set.
func validateConfig(t *testing.T, typeName string, set map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	ps, err := providerserver.NewProtocol6WithError(newBirdProvider("test"))()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := ps.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ps.ValidateDataResourceConfig(t.Context(), &tfprotov6.ValidateDataResourceConfigRequest{
		TypeName: typeName,
		Config:   dynamicObject(t, schemas.DataSourceSchemas[typeName].ValueType(), set),
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// TestCallsFromAndToRefuseMoreThan100Characters: the calls log documents from and to as
// strings of 1 to 100 characters (as the elements of tags), so a longer one is refused at
// plan time rather than by Bird at read time.
func TestCallsFromAndToRefuseMoreThan100Characters(t *testing.T) {
	for _, attr := range []string{"from", "to"} {
		t.Run(attr, func(t *testing.T) {
			diags := validateConfig(t, "bird_voice_calls", map[string]tftypes.Value{
				attr: tftypes.NewValue(tftypes.String, "+"+strings.Repeat("1", 100)),
			})
			if !hasError(diags) {
				t.Fatalf("%s of 101 characters passed validation", attr)
			}
		})
	}
}
