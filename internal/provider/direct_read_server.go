package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// NewServer returns a factory of the provider's protocol 6 server: the plugin framework's,
// except that ReadDataSource of the list data sources answers the state directly.
//
// After Read, the framework walks every value of the new state and, for each null one,
// converts its path and looks its type up in the schema, to turn null list blocks into empty
// ones, then checks semantic equality of custom types, then encodes the state value by
// value: for thousands of recordings, most of a read. The direct read takes the computed
// attributes as the data source encodes them (readEncoded) and splices them between the
// configuration's attributes. That is only faithful for a schema without blocks and without
// a computed attribute of a custom type, so NewServer reads those through the framework.
// Configuration, validation and every other RPC stay the framework's; a test proves that
// both paths answer the same state and diagnostics. This file can go when the framework's
// own ReadDataSource is as fast.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		s, err := newDirectReadServer(newBirdProvider(version))
		if err != nil {
			return nil, err
		}
		return s, nil
	}
}

// frameworkServer is every capability of the framework's server; the direct server exposes
// exactly these, so that Terraform sees the same provider through either.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

var (
	_ tfprotov6.ListResourceServer = (*directReadServer)(nil)
	_ tfprotov6.ActionServer       = (*directReadServer)(nil)
	_ tfprotov6.StateStoreServer   = (*directReadServer)(nil)
)

// configuredProvider is a provider that keeps what its Configure handed to data sources.
type configuredProvider interface {
	provider.Provider
	providerData() any
}

// directReadServer is the framework's provider server with a direct ReadDataSource for the
// data sources in direct.
type directReadServer struct {
	frameworkServer
	provider configuredProvider
	direct   map[string]func() encodedReader
	reads    stoppableReads
}

// stoppableReads are the contexts of the direct reads in flight, which StopProvider
// cancels, as the framework cancels those of the RPCs it serves: Terraform's first
// interrupt (Ctrl-C) sends StopProvider, and a read must then end at once, not at its
// timeout.
type stoppableReads struct {
	mu      sync.Mutex
	cancels map[*context.CancelFunc]struct{}
}

// start returns a context that StopProvider cancels, and the function that ends it.
func (s *stoppableReads) start(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancels == nil {
		s.cancels = map[*context.CancelFunc]struct{}{}
	}
	s.cancels[&cancel] = struct{}{}
	return ctx, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.cancels, &cancel)
		cancel()
	}
}

// stop cancels every read in flight.
func (s *stoppableReads) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for cancel := range s.cancels {
		(*cancel)()
	}
	clear(s.cancels)
}

// StopProvider cancels the direct reads in flight, then lets the framework cancel its own.
func (s *directReadServer) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	s.reads.stop()
	return s.frameworkServer.StopProvider(ctx, req)
}

// encodedReader is a data source that can hand its computed attributes over encoded.
type encodedReader interface {
	datasource.DataSourceWithConfigure
	readEncoded(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) map[string][]byte
}

// newDirectReadServer wraps the framework's server for p, reading directly every data source
// of p that is an encodedReader with a schema the direct path is faithful to.
func newDirectReadServer(p configuredProvider) (*directReadServer, error) {
	ps, err := providerserver.NewProtocol6WithError(p)()
	if err != nil {
		return nil, err
	}
	framework, ok := ps.(frameworkServer)
	if !ok {
		return nil, fmt.Errorf("the framework's server %T lacks a capability the direct server expects", ps)
	}
	ctx := context.Background()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	direct := map[string]func() encodedReader{}
	for _, newDataSource := range p.DataSources(ctx) {
		newReader := func() encodedReader {
			ds, _ := newDataSource().(encodedReader)
			return ds
		}
		ds := newReader()
		if ds == nil {
			continue
		}
		var md datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		var sr datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
		if len(sr.Schema.Blocks) == 0 && !computedCustomType(sr.Schema.Attributes) {
			direct[md.TypeName] = newReader
		}
	}
	return &directReadServer{frameworkServer: framework, provider: p, direct: direct}, nil
}

// computedCustomType reports whether a computed attribute has a custom type anywhere in its
// type: the framework would check its semantic equality, which the direct path does not.
func computedCustomType(attrs map[string]schema.Attribute) bool {
	for _, a := range attrs {
		if a.IsComputed() && !baseType(a.GetType()) {
			return true
		}
	}
	return false
}

// baseType reports whether t is built of the framework's own types only.
func baseType(t attr.Type) bool {
	switch t := t.(type) {
	case basetypes.StringType, basetypes.BoolType, basetypes.Int64Type, basetypes.Int32Type,
		basetypes.Float64Type, basetypes.Float32Type, basetypes.NumberType, basetypes.DynamicType:
		return true
	case basetypes.ListType:
		return baseType(t.ElemType)
	case basetypes.SetType:
		return baseType(t.ElemType)
	case basetypes.MapType:
		return baseType(t.ElemType)
	case basetypes.ObjectType:
		for _, at := range t.AttrTypes {
			if !baseType(at) {
				return false
			}
		}
		return true
	}
	return false
}

// ReadDataSource reads a list data source directly, and hands any other to the framework.
func (s *directReadServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	newReader, ok := s.direct[req.TypeName]
	providerData := s.provider.providerData()
	if !ok || providerData == nil || req.Config == nil {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	ctx, done := s.reads.start(ctx)
	defer done()
	ds := newReader()
	var diags diag.Diagnostics
	var schemaResp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	diags.Append(schemaResp.Diagnostics...)
	if diags.HasError() {
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: protoDiagnostics(ctx, diags)}, nil
	}
	typ := schemaResp.Schema.Type().TerraformType(ctx)
	config, err := req.Config.Unmarshal(typ)
	if err != nil {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}

	var configureResp datasource.ConfigureResponse
	ds.Configure(ctx, datasource.ConfigureRequest{ProviderData: providerData}, &configureResp)
	diags.Append(configureResp.Diagnostics...)
	if diags.HasError() {
		// Like the framework: no state when Configure failed.
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: protoDiagnostics(ctx, diags)}, nil
	}
	computed := ds.readEncoded(ctx, tfsdk.Config{Schema: schemaResp.Schema, Raw: config}, &diags)
	// Like the framework, answer a state even when Read failed (Terraform then ignores it):
	// the configuration, unchanged.
	if diags.HasError() {
		computed = nil
	}
	state, err := encodeState(typ, config, computed)
	if err != nil {
		diags.AddError("Could not write the result", fmt.Sprintf("Encoding the state of %s: %v. This is a bug in the provider.", req.TypeName, err))
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: protoDiagnostics(ctx, diags)}, nil
	}
	return &tfprotov6.ReadDataSourceResponse{Diagnostics: protoDiagnostics(ctx, diags), State: &tfprotov6.DynamicValue{MsgPack: state}}, nil
}

// encodeState encodes a state object of type typ: the computed attributes as they are
// encoded, every other attribute from config.
func encodeState(typ tftypes.Type, config tftypes.Value, computed map[string][]byte) ([]byte, error) {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("the schema's type is %s, not an object", typ)
	}
	attrs := map[string]tftypes.Value{}
	if err := config.As(&attrs); err != nil {
		return nil, err
	}
	names := slices.Sorted(maps.Keys(obj.AttributeTypes))
	var w msgpackWriter
	w.mapHeader(len(names))
	for _, name := range names {
		w.str(name)
		if b, ok := computed[name]; ok {
			w.buf = append(w.buf, b...)
			continue
		}
		dv, err := tfprotov6.NewDynamicValue(obj.AttributeTypes[name], attrs[name])
		if err != nil {
			return nil, fmt.Errorf("attribute %s: %w", name, err)
		}
		w.buf = append(w.buf, dv.MsgPack...)
	}
	return w.buf, nil
}

// protoDiagnostics converts diagnostics to the protocol's form as the framework does: the
// same severities (an unknown one stays invalid) and every path step, set element keys
// included. A path that cannot be converted adds an error of its own before the diagnostic.
func protoDiagnostics(ctx context.Context, diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Severity: protoSeverity(d.Severity()), Summary: d.Summary(), Detail: d.Detail()}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			p, err := protoPath(ctx, withPath.Path())
			if err != nil {
				out = append(out, &tfprotov6.Diagnostic{
					Severity: tfprotov6.DiagnosticSeverityError,
					Summary:  "Unable to Convert Attribute Path",
					Detail: "An unexpected error occurred while trying to convert an attribute path. " +
						"This is either an error in terraform-plugin-framework or a custom attribute type used by the provider. " +
						"Please report the following to the provider developers.\n\n" +
						fmt.Sprintf("Attribute Path: %s\n", withPath.Path()) + fmt.Sprintf("Original Error: %s", err),
				})
			}
			pd.Attribute = p
		}
		out = append(out, pd)
	}
	return out
}

// protoSeverity converts a severity.
func protoSeverity(s diag.Severity) tfprotov6.DiagnosticSeverity {
	switch s {
	case diag.SeverityError:
		return tfprotov6.DiagnosticSeverityError
	case diag.SeverityWarning:
		return tfprotov6.DiagnosticSeverityWarning
	default:
		return tfprotov6.DiagnosticSeverityInvalid
	}
}

// protoPath converts an attribute path to the protocol's form.
func protoPath(ctx context.Context, p path.Path) (*tftypes.AttributePath, error) {
	var steps []tftypes.AttributePathStep
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			steps = append(steps, tftypes.AttributeName(string(s)))
		case path.PathStepElementKeyInt:
			steps = append(steps, tftypes.ElementKeyInt(int64(s)))
		case path.PathStepElementKeyString:
			steps = append(steps, tftypes.ElementKeyString(string(s)))
		case path.PathStepElementKeyValue:
			v, err := s.ToTerraformValue(ctx)
			if err != nil {
				return nil, fmt.Errorf("unable to convert attr.Value (%s) to tftypes.Value: %w", s.Value.String(), err)
			}
			steps = append(steps, tftypes.ElementKeyValue(v))
		default:
			return nil, fmt.Errorf("unknown path.PathStep: %#v", step)
		}
	}
	return tftypes.NewAttributePathWithSteps(steps), nil
}
