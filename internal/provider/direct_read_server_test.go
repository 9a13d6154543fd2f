package provider

import (
	"context"
	"maps"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestDirectReadMatchesTheFramework reads the same list data sources through the server's
// direct path and through the plain framework server, and requires the same state and the
// same diagnostics. Read with its defaults, every type must find objects in
// newFullTestServer, so that the comparison is of real objects.
func TestDirectReadMatchesTheFramework(t *testing.T) {
	srv, ts := newFullTestServer(t)
	direct, err := newDirectReadServer(newDiagnosticsProvider())
	if err != nil {
		t.Fatal(err)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	cases := []readCase{
		{"urls and filters", "bird_voice_recordings", map[string]tftypes.Value{
			"include_urls": tftypes.NewValue(tftypes.Bool, true), "direction": str("incoming"),
			"start_at": str("2026-10-01T00:00:00Z"), "max_results": tftypes.NewValue(tftypes.Number, 7),
		}},
		{"no match", "bird_voice_recordings", map[string]tftypes.Value{"status": str("paused"), "to": str("nobody")}},
		{"unknown workspace", "bird_voice_recordings", map[string]tftypes.Value{"workspace_id": str("00000000-0000-4000-8000-00000000abcd")}},
		{"transcriptions", "bird_voice_transcriptions", map[string]tftypes.Value{
			"include_urls": tftypes.NewValue(tftypes.Bool, true), "recording_id": str(ts[2].RecordingID),
		}},
	}
	// Every type the server reads directly, with its defaults: a new list data source is
	// compared without a case of its own, and so are the test data sources that answer
	// warnings, a diagnostic of invalid severity and every path step, and an error from
	// Configure.
	for _, typeName := range slices.Sorted(maps.Keys(direct.direct)) {
		cases = append(cases, readCase{defaultsOf + typeName, typeName, requiredArguments(t, typeName)})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			direct, err := newDirectReadServer(newDiagnosticsProvider())
			if err != nil {
				t.Fatal(err)
			}
			framework, err := providerserver.NewProtocol6WithError(newDiagnosticsProvider())()
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
			if !hasError(want.diags) && (got.state.IsNull() || !got.state.IsFullyKnown()) {
				t.Fatalf("no state read: %s", got.state)
			}
			if strings.HasPrefix(tc.name, defaultsOf) && !hasError(want.diags) && nothingRead(got.state) {
				t.Fatalf("newFullTestServer holds nothing that %s reads: seed its objects there, so that this compares them", tc.typeName)
			}
		})
	}
}

// nothingRead reports whether a list's state holds no ID, a summary's a total_count of 0,
// or a coverage's an expected_calls of 0.
func nothingRead(state tftypes.Value) bool {
	attrs := map[string]tftypes.Value{}
	if state.As(&attrs) != nil {
		return true
	}
	var ids []tftypes.Value
	if v, ok := attrs["ids"]; ok && v.As(&ids) == nil {
		return len(ids) == 0
	}
	var total big.Float
	for _, name := range []string{"total_count", "expected_calls"} {
		if v, ok := attrs[name]; ok && v.As(&total) == nil {
			return total.Sign() == 0
		}
	}
	return false
}

// readResult is the decoded answer of a ReadDataSource.
type readResult struct {
	state tftypes.Value
	diags []*tfprotov6.Diagnostic
}

// readState configures ps for srv, reads the data source and decodes the state.
func readState(t *testing.T, ps tfprotov6.ProviderServer, srv *birdtest.Server, typeName string, set map[string]tftypes.Value) readResult {
	t.Helper()
	return readRequest(t, ps, configureServer(t, ps, srv, typeName, set))
}

// readRequest sends req to the configured ps and returns its state and diagnostics.
func readRequest(t *testing.T, ps tfprotov6.ProviderServer, req *tfprotov6.ReadDataSourceRequest) readResult {
	t.Helper()
	ctx := context.Background()
	resp, err := ps.ReadDataSource(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	res := readResult{diags: resp.Diagnostics}
	if resp.State != nil {
		schemas, _ := ps.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		res.state, err = resp.State.Unmarshal(schemas.DataSourceSchemas[req.TypeName].ValueType())
		if err != nil {
			t.Fatal(err)
		}
	}
	return res
}

// diagnosticsProvider is the Bird provider with two more directly-read data sources, which
// answer the diagnostics the real ones seldom give.
type diagnosticsProvider struct {
	*birdProvider
}

// newDiagnosticsProvider returns the provider with the test data sources.
func newDiagnosticsProvider() diagnosticsProvider {
	return diagnosticsProvider{birdProvider: newBirdProvider("test")}
}

// DataSources adds the test data sources to the provider's.
func (p diagnosticsProvider) DataSources(ctx context.Context) []func() datasource.DataSource {
	return append(p.birdProvider.DataSources(ctx),
		func() datasource.DataSource { return &diagnosticsDataSource{name: "_test_diagnostics"} },
		func() datasource.DataSource {
			return &diagnosticsDataSource{name: "_test_configure_error", failConfigure: true}
		},
	)
}

// diagnosticsDataSource answers a warning, a diagnostic of invalid severity and one for each
// kind of path step, or fails in Configure.
type diagnosticsDataSource struct {
	dataSourceBase
	name          string
	failConfigure bool
}

// Metadata names the data source.
func (d *diagnosticsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.name
}

// Schema has a set, a map and a list of objects, for paths of every kind of step.
func (d *diagnosticsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"tags":  schema.SetAttribute{Optional: true, ElementType: types.StringType},
		"names": schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"items": schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{"x": schema.StringAttribute{Optional: true}},
		}},
	}}
}

// Configure fails when asked to.
func (d *diagnosticsDataSource) Configure(ctx context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.dataSourceBase.Configure(ctx, req, resp)
	if d.failConfigure {
		resp.Diagnostics.AddAttributeError(path.Root("tags").AtSetValue(types.StringValue("a")), "Configure failed", "as the test asks")
	}
}

// Read writes what readEncoded returns.
func (d *diagnosticsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	setEncoded(&resp.State.Raw, d.readEncoded(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
}

// readEncoded answers the diagnostics and no computed value.
func (d *diagnosticsDataSource) readEncoded(_ context.Context, _ tfsdk.Config, diags *diag.Diagnostics) map[string][]byte {
	diags.AddAttributeWarning(path.Root("names").AtMapKey("k"), "map key", "a warning on a map element")
	diags.AddAttributeWarning(path.Root("items").AtListIndex(1).AtName("x"), "list index", "a warning in a list element")
	diags.AddAttributeWarning(path.Root("tags").AtSetValue(types.StringValue("b")), "set value", "a warning on a set element")
	diags.Append(invalidSeverity{diag.NewWarningDiagnostic("invalid", "a diagnostic of no known severity")})
	return map[string][]byte{}
}

// invalidSeverity is a diagnostic whose severity is neither error nor warning.
type invalidSeverity struct{ diag.Diagnostic }

// Severity is invalid.
func (invalidSeverity) Severity() diag.Severity { return diag.SeverityInvalid }

// hasError reports whether diags hold an error.
func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func TestDirectReadServerExposesTheFrameworksCapabilities(t *testing.T) {
	direct, err := NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	framework, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	for name, has := range map[string]func(tfprotov6.ProviderServer) bool{
		"list resources": func(s tfprotov6.ProviderServer) bool {
			_, ok := s.(tfprotov6.ListResourceServer)
			return ok
		},
		"actions":      func(s tfprotov6.ProviderServer) bool { _, ok := s.(tfprotov6.ActionServer); return ok },
		"state stores": func(s tfprotov6.ProviderServer) bool { _, ok := s.(tfprotov6.StateStoreServer); return ok },
	} {
		if has(direct) != has(framework) {
			t.Errorf("%s: direct server %v, framework's %v", name, has(direct), has(framework))
		}
	}
}

// fallbackProvider is the Bird provider with two encoded readers the direct path must not
// serve: one whose schema has a block, one with a computed attribute of a custom type.
type fallbackProvider struct {
	*birdProvider
}

// DataSources adds the two test data sources to the provider's.
func (p fallbackProvider) DataSources(ctx context.Context) []func() datasource.DataSource {
	return append(p.birdProvider.DataSources(ctx),
		func() datasource.DataSource {
			return &schemaDataSource{diagnosticsDataSource: diagnosticsDataSource{name: "_test_block"}, schema: schema.Schema{Blocks: map[string]schema.Block{
				"filter": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{"x": schema.StringAttribute{Optional: true}}}},
			}}}
		},
		func() datasource.DataSource {
			return &schemaDataSource{diagnosticsDataSource: diagnosticsDataSource{name: "_test_custom_type"}, schema: schema.Schema{Attributes: map[string]schema.Attribute{
				"items": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"at": schema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{}},
				}}},
			}}}
		},
	)
}

// schemaDataSource is an encoded reader with a given schema.
type schemaDataSource struct {
	diagnosticsDataSource
	schema schema.Schema
}

// Schema is the given schema.
func (d *schemaDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

func TestDirectReadFallsBackForSchemasItCannotServe(t *testing.T) {
	s, err := newDirectReadServer(fallbackProvider{birdProvider: newBirdProvider("test")})
	if err != nil {
		t.Fatal(err)
	}
	// The provider's own list data sources are read directly; the fallback provider's test
	// data sources, whose schemas the direct path cannot serve, are not.
	var want []string
	for _, newDataSource := range newBirdProvider("test").DataSources(t.Context()) {
		if ds, ok := newDataSource().(encodedReader); ok {
			var md datasource.MetadataResponse
			ds.Metadata(t.Context(), datasource.MetadataRequest{ProviderTypeName: "bird"}, &md)
			want = append(want, md.TypeName)
		}
	}
	slices.Sort(want)
	if got := slices.Sorted(maps.Keys(s.direct)); len(want) < 2 || !slices.Equal(got, want) {
		t.Fatalf("read directly: %v, want %v", got, want)
	}
}

// TestStopProviderEndsAReadInFlight: Terraform's first interrupt sends StopProvider, and a
// list read must then end at once, on the direct path as on the framework's.
func TestStopProviderEndsAReadInFlight(t *testing.T) {
	servers := map[string]func() (tfprotov6.ProviderServer, error){
		"direct": func() (tfprotov6.ProviderServer, error) { return newDirectReadServer(newBirdProvider("test")) },
		"framework": func() (tfprotov6.ProviderServer, error) {
			return providerserver.NewProtocol6WithError(newBirdProvider("test"))()
		},
	}
	for name, newServer := range servers {
		t.Run(name, func(t *testing.T) {
			srv := birdtest.NewServer(testKey)
			defer srv.Close()
			srv.AddRecordings(testWorkspace, birdtest.SeedRecordings(500, 1)...)
			arrived := make(chan struct{})
			var once sync.Once
			// Every request hangs until the client gives up (request_timeout: 30 s).
			srv.FailEvery(1, birdtest.Fault{Hang: true, Only: func(*http.Request) bool {
				once.Do(func() { close(arrived) })
				return true
			}})
			ps, err := newServer()
			if err != nil {
				t.Fatal(err)
			}
			req := configureServer(t, ps, srv, "bird_voice_recordings", nil)
			answered := make(chan *tfprotov6.ReadDataSourceResponse, 1)
			go func() {
				resp, err := ps.ReadDataSource(t.Context(), req)
				if err != nil {
					t.Error(err)
				}
				answered <- resp
			}()
			select {
			case <-arrived:
			case resp := <-answered:
				t.Fatalf("the read ended before its first request: %+v", resp.Diagnostics)
			}
			if _, err := ps.StopProvider(t.Context(), &tfprotov6.StopProviderRequest{}); err != nil {
				t.Fatal(err)
			}
			select {
			case resp := <-answered:
				if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail, "cancelled") {
					t.Fatalf("diagnostics %+v, want the read cancelled", resp.Diagnostics)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the read went on for 10 s after StopProvider")
			}
		})
	}
}
