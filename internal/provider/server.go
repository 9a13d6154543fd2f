package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// NewServer returns a factory of the provider's protocol 6 server: the plugin framework's,
// except that ReadDataSource of the list data sources skips the framework's work after Read.
//
// That work walks every value of the new state and, for each null one, converts its path and
// looks its type up in the schema, to turn null list blocks into empty ones (these schemas
// have no blocks), then checks semantic equality (no attribute the list data sources compute
// has a custom type). For 10,000 recordings it cost about 7 seconds, 95% of a read; encoding
// the state directly costs a few percent of that. Everything else, Read included, is the
// framework's and the data source's own code.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		p := &birdProvider{version: version}
		framework, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		return &server{ProviderServer: framework, provider: p, direct: map[string]func() datasource.DataSource{
			"bird_voice_recordings":     newVoiceRecordingsDataSource,
			"bird_voice_transcriptions": newVoiceTranscriptionsDataSource,
		}}, nil
	}
}

// server is the framework's provider server with a direct ReadDataSource for the data
// sources in direct.
type server struct {
	tfprotov6.ProviderServer
	provider *birdProvider
	direct   map[string]func() datasource.DataSource
}

// ReadDataSource reads a list data source directly, and hands any other to the framework.
func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	newDataSource, ok := s.direct[req.TypeName]
	if !ok || s.provider.data == nil || req.Config == nil {
		return s.ProviderServer.ReadDataSource(ctx, req)
	}
	ds := newDataSource()
	var schemaResp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	typ := schemaResp.Schema.Type().TerraformType(ctx)
	config, err := req.Config.Unmarshal(typ)
	if err != nil {
		return s.ProviderServer.ReadDataSource(ctx, req)
	}

	var diags diag.Diagnostics
	if c, ok := ds.(datasource.DataSourceWithConfigure); ok {
		var configureResp datasource.ConfigureResponse
		c.Configure(ctx, datasource.ConfigureRequest{ProviderData: s.provider.data}, &configureResp)
		diags.Append(configureResp.Diagnostics...)
	}
	readResp := datasource.ReadResponse{State: tfsdk.State{Schema: schemaResp.Schema, Raw: config.Copy()}}
	if !diags.HasError() {
		ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: schemaResp.Schema, Raw: config}}, &readResp)
		diags.Append(readResp.Diagnostics...)
	}
	// Like the framework, answer the state even with errors: Terraform then ignores it, and a
	// failed Read has not changed it from the configuration.
	resp := &tfprotov6.ReadDataSourceResponse{Diagnostics: protoDiagnostics(diags)}
	// An encoding error is the provider's bug, reported to Terraform as the RPC's error.
	state, err := tfprotov6.NewDynamicValue(typ, readResp.State.Raw)
	if err != nil {
		return nil, fmt.Errorf("encoding the state of %s: %w", req.TypeName, err)
	}
	resp.State = &state
	return resp, nil
}

// protoDiagnostics converts diagnostics to the protocol's form.
func protoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: d.Summary(), Detail: d.Detail()}
		if d.Severity() == diag.SeverityError {
			pd.Severity = tfprotov6.DiagnosticSeverityError
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = protoPath(withPath.Path())
		}
		out = append(out, pd)
	}
	return out
}

// protoPath converts an attribute path to the protocol's form.
func protoPath(p path.Path) *tftypes.AttributePath {
	tp := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			tp = tp.WithAttributeName(string(s))
		case path.PathStepElementKeyInt:
			tp = tp.WithElementKeyInt(int(s))
		case path.PathStepElementKeyString:
			tp = tp.WithElementKeyString(string(s))
		}
	}
	return tp
}
