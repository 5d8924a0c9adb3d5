package provider

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"

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
	return newServer(version, os.Getenv)
}

// newServer is NewServer with the environment the provider reads its settings from.
func newServer(version string, env environment) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		ctx := context.Background()
		p := newProvider(version, env)
		framework, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		full, ok := framework.(frameworkServer)
		if !ok {
			return nil, fmt.Errorf("terraform-plugin-framework's server %T lacks an optional interface of the protocol", framework)
		}
		direct, err := directReaders(ctx, p.DataSources(ctx))
		if err != nil {
			return nil, err
		}
		return &server{frameworkServer: full, provider: p, direct: direct}, nil
	}
}

// frameworkServer is everything terraform-plugin-framework's server implements: the protocol and its optional
// interfaces. Embedding it forwards them all; TestServer_ForwardsEveryFrameworkMethod fails when the framework
// implements a method this lacks. terraform-plugin-go marks the optional interfaces deprecated because their methods
// will move into ProviderServer; until they do, they are how Terraform reaches those features.
type frameworkServer interface {
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // see above
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // see above
	tfprotov6.ProviderServerWithStateStores  //nolint:staticcheck // see above
}

type server struct {
	frameworkServer
	provider *imagepickProvider
	direct   map[string]directReader // by full type name
	reads    inFlight                // the direct reads StopProvider cancels
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

// directReaders decides, in one place, which data sources are read directly: those that implement msgpackReader.
// Their schemas must have only what the direct encoding writes as the framework would; any other data source goes
// through the framework.
func directReaders(ctx context.Context, dataSources []func() datasource.DataSource) (map[string]directReader, error) {
	readers := map[string]directReader{}
	for _, newDataSource := range dataSources {
		ds := newDataSource()
		r, ok := ds.(msgpackReader)
		if !ok {
			continue
		}
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "imagepick"}, &meta)
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			return nil, fmt.Errorf("%s: schema: %v", meta.TypeName, resp.Diagnostics)
		}
		if bad := directEncodingUnsupported(resp.Schema); bad != "" {
			return nil, fmt.Errorf("%s is read directly, but the direct encoding cannot write its attribute %s as the "+
				"framework would: support it in image_state.go or read the data source through the framework", meta.TypeName, bad)
		}
		readers[meta.TypeName] = directReader{read: r.readMsgpack, typ: resp.Schema.Type().TerraformType(ctx)}
	}
	return readers, nil
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
	pd := s.provider.data.Load()
	if !ok || !answersLikeFramework(req, pd) {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	config, err := req.Config.Unmarshal(r.typ)
	if err != nil {
		return s.frameworkServer.ReadDataSource(ctx, req) // which reports it in its own words
	}
	ctx, done := s.reads.start(ctx)
	defer done()
	state, diags := r.read(ctx, pd, config)
	resp := &tfprotov6.ReadDataSourceResponse{Diagnostics: protocolDiagnostics(diags)}
	if diags.HasError() {
		// As the framework does: the state starts as the configuration, and Terraform ignores it after an error.
		resp.State = req.Config
		return resp, nil
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: state}
	return resp, nil
}

// answersLikeFramework says whether the direct path answers req exactly as the framework would. It does for a
// configured provider and a request with a configuration, no provider_meta (the provider declares none, so
// Terraform sends none) and deferral not allowed: the framework passes provider_meta and the capabilities to Read,
// and answers every read "deferred" after a Configure that deferred, which it can only do when deferral is allowed.
func answersLikeFramework(req *tfprotov6.ReadDataSourceRequest, pd *providerData) bool {
	return pd != nil && req.Config != nil && req.ProviderMeta == nil &&
		(req.ClientCapabilities == nil || !req.ClientCapabilities.DeferralAllowed)
}

// StopProvider cancels the direct reads in flight, as the framework cancels the requests it serves.
func (s *server) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	s.reads.cancelAll()
	return s.frameworkServer.StopProvider(ctx, req)
}

// inFlight holds the cancel functions of the direct reads in progress.
type inFlight struct {
	mu      sync.Mutex
	next    uint64
	cancels map[uint64]context.CancelFunc
}

// start derives the context of a read; done releases it.
func (f *inFlight) start(ctx context.Context) (_ context.Context, done func()) {
	ctx, cancel := context.WithCancel(ctx)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cancels == nil {
		f.cancels = map[uint64]context.CancelFunc{}
	}
	id := f.next
	f.next++
	f.cancels[id] = cancel
	return ctx, func() {
		f.mu.Lock()
		delete(f.cancels, id)
		f.mu.Unlock()
		cancel()
	}
}

func (f *inFlight) cancelAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, cancel := range f.cancels {
		cancel()
	}
	clear(f.cancels)
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
