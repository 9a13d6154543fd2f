package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestDirectReadMatchesTheFramework reads the same list data sources through the server's
// direct path and through the plain framework server, and requires the same state and the
// same diagnostics.
func TestDirectReadMatchesTheFramework(t *testing.T) {
	srv, ts := newFullTestServer(t)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	for _, tc := range []struct {
		name, typeName string
		set            map[string]tftypes.Value
	}{
		{"every recording", "bird_voice_recordings", nil},
		{"urls and filters", "bird_voice_recordings", map[string]tftypes.Value{
			"include_urls": tftypes.NewValue(tftypes.Bool, true), "direction": str("incoming"),
			"start_at": str("2026-10-01T00:00:00Z"), "max_results": tftypes.NewValue(tftypes.Number, 7),
		}},
		{"no match", "bird_voice_recordings", map[string]tftypes.Value{"status": str("paused"), "to": str("nobody")}},
		{"unknown workspace", "bird_voice_recordings", map[string]tftypes.Value{"workspace_id": str("00000000-0000-4000-8000-00000000abcd")}},
		{"transcriptions", "bird_voice_transcriptions", map[string]tftypes.Value{
			"include_urls": tftypes.NewValue(tftypes.Bool, true), "recording_id": str(ts[2].RecordingID),
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			direct, err := NewServer("test")()
			if err != nil {
				t.Fatal(err)
			}
			framework, err := providerserver.NewProtocol6WithError(New("test")())()
			if err != nil {
				t.Fatal(err)
			}
			got := readState(t, direct, srv, tc.typeName, tc.set)
			want := readState(t, framework, srv, tc.typeName, tc.set)
			if len(got.diags) != len(want.diags) {
				t.Fatalf("diagnostics: direct %v, framework %v", got.diags, want.diags)
			}
			for i := range want.diags {
				g, w := got.diags[i], want.diags[i]
				if g.Severity != w.Severity || g.Summary != w.Summary || g.Detail != w.Detail || !g.Attribute.Equal(w.Attribute) {
					t.Fatalf("diagnostic %d: direct %+v, framework %+v", i, g, w)
				}
			}
			if !got.state.Equal(want.state) {
				t.Fatalf("states differ:\ndirect    %s\nframework %s", got.state, want.state)
			}
			if len(want.diags) == 0 && (got.state.IsNull() || !got.state.IsFullyKnown()) {
				t.Fatalf("no state read: %s", got.state)
			}
		})
	}
}

// readResult is the decoded answer of a ReadDataSource.
type readResult struct {
	state tftypes.Value
	diags []*tfprotov6.Diagnostic
}

// readState configures ps for srv, reads the data source and decodes the state.
func readState(t *testing.T, ps tfprotov6.ProviderServer, srv *birdtest.Server, typeName string, set map[string]tftypes.Value) readResult {
	t.Helper()
	ctx := context.Background()
	req := configureServer(t, ps, srv, typeName, set)
	resp, err := ps.ReadDataSource(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	res := readResult{diags: resp.Diagnostics}
	if resp.State != nil {
		schemas, _ := ps.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		res.state, err = resp.State.Unmarshal(schemas.DataSourceSchemas[typeName].ValueType())
		if err != nil {
			t.Fatal(err)
		}
	}
	return res
}
