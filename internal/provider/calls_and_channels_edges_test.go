package provider

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
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

// TestListArgumentsRefuseNullElements: a list argument may hold a null element
// (channel_ids = [null], tags = [var.maybe]); the element validators skip nulls, and the
// filter then sends channelId= (or tag=, channelIds=) to Bird instead of refusing the
// argument at plan time.
func TestListArgumentsRefuseNullElements(t *testing.T) {
	nullList := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, nil)})
	for _, tc := range []struct{ typeName, attr string }{
		{"bird_voice_calls", "channel_ids"},
		{"bird_voice_calls", "tags"},
		{"bird_channels", "channel_ids"},
	} {
		t.Run(tc.typeName+"."+tc.attr, func(t *testing.T) {
			diags := validateConfig(t, tc.typeName, map[string]tftypes.Value{tc.attr: nullList})
			if !hasError(diags) {
				t.Fatalf("%s = [null] passed validation: the read would send an empty query parameter", tc.attr)
			}
		})
	}
}

// TestLookupByListNamesTheRightAttribute: a lookup that reads a list (bird_channel by name,
// bird_voice_call by id alone) gets a 404 only when the workspace is not there; an empty
// list is "not found". The 404 must be reported as any list read's, on workspace_id and
// naming the workspace, not as a missing object on id, which bird_channel by name never set.
func TestLookupByListNamesTheRightAttribute(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	srv.AddChannels(testWorkspace, birdtest.SeedChannelList()...)
	srv.AddCalls(testWorkspace, exampleCalls()...)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	other := str("00000000-0000-4000-8000-00000000abcd")
	for _, tc := range []struct {
		typeName string
		set      map[string]tftypes.Value
	}{
		{"bird_channel", map[string]tftypes.Value{"name": str("Support NL"), "workspace_id": other}},
		{"bird_voice_call", map[string]tftypes.Value{"id": str(exampleCalls()[0].ID), "workspace_id": other}},
	} {
		t.Run(tc.typeName, func(t *testing.T) {
			ps, err := providerserver.NewProtocol6WithError(newBirdProvider("test"))()
			if err != nil {
				t.Fatal(err)
			}
			got := readState(t, ps, srv, tc.typeName, tc.set)
			if len(got.diags) != 1 {
				t.Fatalf("diagnostics %+v, want one", got.diags)
			}
			d := got.diags[0]
			want := tftypes.NewAttributePath().WithAttributeName("workspace_id")
			if !d.Attribute.Equal(want) || strings.Contains(d.Detail, "  in workspace") {
				t.Fatalf("diagnostic on %v: %q: %q; want it on workspace_id, naming the workspace", d.Attribute, d.Summary, d.Detail)
			}
		})
	}
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
