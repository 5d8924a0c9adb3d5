package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// NewServer returns the provider as Terraform talks to it, in production and in every test:
// terraform-plugin-framework's server, with ReadDataSource of the image data sources answered directly.
//
// After a Read, the framework walks the whole state several times (semantic equality, null collection blocks)
// and converts it value by value before encoding it; for a list of thousands of images that cost several times
// the lookup itself. The image data sources use none of what those passes are for (no custom types, no blocks),
// so they encode their state to msgpack straight from the client's images. The framework keeps the schemas,
// validation, the provider's configuration and every other call.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		p := &imagepickProvider{version: version}
		framework, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		return &server{ProviderServer: framework, provider: p, direct: directReaders(p)}, nil
	}
}

type server struct {
	tfprotov6.ProviderServer
	provider *imagepickProvider
	direct   map[string]directReader // by full type name
}

// directReader is a data source that can answer ReadDataSource itself.
type directReader struct {
	read func(ctx context.Context, pd *providerData, config tftypes.Value) ([]byte, diag.Diagnostics)
	typ  tftypes.Type
}

// msgpackReader is what a data source implements to be read directly.
type msgpackReader interface {
	readMsgpack(ctx context.Context, pd *providerData, config tftypes.Value) ([]byte, diag.Diagnostics)
}

// directReaders decides, in one place, which data sources are read directly: those that implement msgpackReader
// and whose schema has only what the direct encoding supports. Any other goes through the framework.
func directReaders(p *imagepickProvider) map[string]directReader {
	ctx := context.Background()
	readers := map[string]directReader{}
	for _, newDataSource := range p.DataSources(ctx) {
		ds := newDataSource()
		r, ok := ds.(msgpackReader)
		if !ok {
			continue
		}
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "imagepick"}, &meta)
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() || directEncodingUnsupported(resp.Schema) != "" {
			continue
		}
		readers[meta.TypeName] = directReader{read: r.readMsgpack, typ: resp.Schema.Type().TerraformType(ctx)}
	}
	return readers
}

// directEncodingUnsupported names the first attribute the direct encoding cannot write; "" when there is none.
// Custom types, sets, maps of anything but strings, objects and blocks would need what the framework does after
// Read.
func directEncodingUnsupported(s schema.Schema) string {
	if len(s.Blocks) > 0 {
		return "blocks"
	}
	// A custom type is its own attr.Type, so it equals none of these.
	plain := []attr.Type{types.StringType, types.BoolType, types.Int64Type, types.Float64Type,
		types.ListType{ElemType: types.StringType}, types.MapType{ElemType: types.StringType}}
	var walk func(attrs map[string]schema.Attribute) string
	walk = func(attrs map[string]schema.Attribute) string {
		for name, a := range attrs {
			var nested map[string]schema.Attribute
			switch a := a.(type) {
			case schema.ListNestedAttribute:
				if a.CustomType != nil || a.NestedObject.CustomType != nil {
					return name
				}
				nested = a.NestedObject.Attributes
			case schema.SingleNestedAttribute:
				if a.CustomType != nil {
					return name
				}
				nested = a.Attributes
			default:
				if !slices.ContainsFunc(plain, a.GetType().Equal) {
					return name
				}
			}
			if bad := walk(nested); bad != "" {
				return name + "." + bad
			}
		}
		return ""
	}
	return walk(s.Attributes)
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	r, ok := s.direct[req.TypeName]
	if !ok || req.Config == nil {
		return s.ProviderServer.ReadDataSource(ctx, req)
	}
	config, err := req.Config.Unmarshal(r.typ)
	if err != nil {
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: []*tfprotov6.Diagnostic{{
			Severity: tfprotov6.DiagnosticSeverityError,
			Summary:  "Cannot Read Configuration",
			Detail:   fmt.Sprintf("Please report this issue to the provider developers.\n\nError: %s", err),
		}}}, nil
	}
	state, diags := r.read(ctx, s.provider.data.Load(), config)
	resp := &tfprotov6.ReadDataSourceResponse{Diagnostics: protocolDiagnostics(diags)}
	if diags.HasError() {
		// As the framework does: the state starts as the configuration, and Terraform ignores it after an error.
		resp.State = req.Config
		return resp, nil
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: state}
	return resp, nil
}

// protocolDiagnostics converts diagnostics as the framework does, attribute paths included.
func protocolDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: d.Summary(), Detail: d.Detail()}
		if d.Severity() == diag.SeverityError {
			pd.Severity = tfprotov6.DiagnosticSeverityError
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(withPath.Path())
		}
		out = append(out, pd)
	}
	return out
}

func attributePath(p path.Path) *tftypes.AttributePath {
	if len(p.Steps()) == 0 {
		return nil
	}
	ap := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch step := step.(type) {
		case path.PathStepAttributeName:
			ap = ap.WithAttributeName(string(step))
		case path.PathStepElementKeyInt:
			ap = ap.WithElementKeyInt(int(step))
		case path.PathStepElementKeyString:
			ap = ap.WithElementKeyString(string(step))
		default:
			return ap
		}
	}
	return ap
}
