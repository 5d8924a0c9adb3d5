package provider

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// configuredServer is the production server, configured against an in-process emulator serving catalog.
func configuredServer(t *testing.T, catalog *emulator.Catalog) *server {
	t.Helper()
	srv := httptest.NewServer(emulator.New(emulator.Options{Catalog: catalog}))
	t.Cleanup(srv.Close)
	s := newTestServer(t)
	if diags := configureServer(t, s, srv.URL, nil); len(diags) > 0 {
		t.Fatalf("ConfigureProvider: %v", diagnosticsText(diags))
	}
	return s
}

// newTestServer is the production server in an empty environment, not configured yet.
func newTestServer(t testing.TB) *server {
	t.Helper()
	ps, err := newServer("test", mapEnvironment(nil))()
	if err != nil {
		t.Fatal(err)
	}
	s := ps.(*server)
	if _, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	return s
}

// configureServer configures both clouds of s at baseURL with the emulator's credentials, and extra settings of
// the ucloud block; it returns ConfigureProvider's diagnostics.
func configureServer(t testing.TB, s *server, baseURL string, ucloud map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	ctx := context.Background()
	var schemaResp provider.SchemaResponse
	s.provider.Schema(ctx, provider.SchemaRequest{}, &schemaResp)
	typ := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	ucloudValues := map[string]tftypes.Value{
		"public_key": str(emulator.DefaultUCloudPublicKey), "private_key": str(emulator.DefaultUCloudPrivateKey),
		"region": str("cn-bj2"), "zone": str("cn-bj2-05"), "base_url": str(baseURL),
	}
	maps.Copy(ucloudValues, ucloud)
	config := nullObject(typ, map[string]tftypes.Value{
		"ucloud": nullObject(typ.AttributeTypes["ucloud"].(tftypes.Object), ucloudValues),
		"zenlayer": nullObject(typ.AttributeTypes["zenlayer"].(tftypes.Object), map[string]tftypes.Value{
			"access_key_id": str(emulator.DefaultZenlayerAccessKeyID), "access_key_password": str(emulator.DefaultZenlayerAccessKeyPassword),
			"base_url": str(baseURL),
		}),
	})
	dv, err := tfprotov6.NewDynamicValue(typ, config)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &dv, TerraformVersion: "1.11.0"})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// countDirectReads wraps the direct readers of s to count their calls.
func countDirectReads(s *server) *atomic.Int64 {
	var n atomic.Int64
	for name, r := range s.direct {
		read := r.read
		r.read = func(ctx context.Context, pd *providerData, config tftypes.Value) ([]byte, diag.Diagnostics) {
			n.Add(1)
			return read(ctx, pd, config)
		}
		s.direct[name] = r
	}
	return &n
}

// readRequest is a ReadDataSourceRequest of typeName with every attribute null but those in set.
func readRequest(t testing.TB, s *server, typeName string, set map[string]tftypes.Value) *tfprotov6.ReadDataSourceRequest {
	t.Helper()
	r, ok := s.direct[typeName]
	if !ok {
		t.Fatalf("%s is not read directly", typeName)
	}
	dv, err := tfprotov6.NewDynamicValue(r.typ, nullObject(r.typ.(tftypes.Object), set))
	if err != nil {
		t.Fatal(err)
	}
	return &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &dv}
}

// directReadCatalog adds to parityCatalog what number encoding must get right: prices that are whole, fractional,
// beyond int64 and tiny, and an image with no lists at all.
func directReadCatalog() *emulator.Catalog {
	catalog := parityCatalog()
	catalog.UHost = append(catalog.UHost, uhostTestImage("uimage-num", "Numbers ✓ 数字", uhostT0+700, func(i *emulator.UHostImage) {
		i.Features, i.ImageSize = nil, -1
		i.PriceSet = []emulator.PriceSet{{ChargeType: "Month", Price: 12, OriginalPrice: 0.1},
			{ChargeType: "Year", Price: 1e20, OriginalPrice: 5e-324}}
	}))
	// A ZEC image with a fractional size, no lists, and tags whose keys sort differently as bytes and as text.
	catalog.ZEC = append(catalog.ZEC, emulator.ZECImage{ImageID: "img-zec-num", ImageName: "Zahlen ✓ 数字", ImageType: "CUSTOM_IMAGE",
		ImageSource: "CUSTOM", ImageSize: "2.5", ImageStatus: "AVAILABLE", Category: "Debian", OsType: "linux",
		Tags: map[string]string{"b": "2", "a": "1", "B": "3", "数": "4", "ä": ""}, Zones: []string{"na-west-1a"}})
	return catalog
}

// TestDirectRead_MatchesFramework reads every data source through both paths of the production server, the
// direct one and terraform-plugin-framework's, and requires the same state byte for byte and the same diagnostics.
func TestDirectRead_MatchesFramework(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := configuredServer(t, directReadCatalog())
	directReads := countDirectReads(s)
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	flag := func(b bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, b) }
	configs := map[string][]map[string]tftypes.Value{
		"imagepick_uhost_images": {
			{},
			{"include_prices": flag(true), "status": stringList(uhostImageStatuses), "sort_by": str("NAME")},
			{"include_prices": flag(true), "image_ids": stringList([]string{"uimage-num", "uimage-mkt", "uimage-none"})},
			{"image_ids": stringList(nil), "features": stringList(nil), "name_regex": str("^nothing$")},
		},
		"imagepick_uhost_image_ids": {{}, {"all_zones": flag(true), "sort_order": str("ASC")}},
		"imagepick_uhost_image": {
			{"image_ids": stringList([]string{"uimage-num"}), "include_prices": flag(true)},
			{"name_regex": str("64位"), "most_recent": flag(true), "features": stringList([]string{"cloudinit"})},
			{"name_regex": str("64位")}, // several matches: the same error both ways
		},
		"imagepick_phost_images":    {{}, {"machine_type": str("G4"), "os_type": str("centos")}},
		"imagepick_phost_image_ids": {{}},
		"imagepick_phost_image":     {{"most_recent": flag(true)}, {"name_regex": str("^Fedora")}},
		"imagepick_bmc_images":      {{}, {"catalog": str("UBUNTU")}},
		"imagepick_bmc_image_ids":   {{}},
		"imagepick_bmc_image":       {{"name": str("Ubuntu22.04-x86_64")}, {"instance_type_id": str("NOPE")}},
		"imagepick_zec_images": {
			{"availability_zone": str("asia-east-1a"), "status": stringList(zecImageStatuses)},
			{"availability_zone": str("asia-east-1a"), "tags": zecTagsValue(map[string]string{"team": "web", "env": "prod"}), "sort_order": str("ASC")},
			{"availability_zone": str("na-west-1a"), "image_ids": stringList([]string{"img-zec-num", "img-none"})},
			{"availability_zone": str("mars-1a")},
		},
		"imagepick_zec_image_ids": {{"availability_zone": str("asia-east-1a"), "tag_keys": stringList([]string{"team"})}},
		"imagepick_zec_image": {
			{"availability_zone": str("asia-east-1a"), "tags": zecTagsValue(map[string]string{"copy": "yes"})},
			{"availability_zone": str("na-west-1a"), "image_ids": stringList([]string{"img-zec-num"})},
			{"availability_zone": str("asia-east-1a"), "name": str("golden")}, // several matches
		},
	}
	for typeName := range s.direct {
		if len(configs[typeName]) == 0 {
			t.Errorf("%s is read directly but has no parity case", typeName)
		}
	}
	for typeName, cases := range configs {
		for i, set := range cases {
			t.Run(fmt.Sprintf("%s/%d", typeName, i), func(t *testing.T) {
				req := readRequest(t, s, typeName, set)
				typ := s.direct[typeName].typ
				before := directReads.Load()
				direct, err := s.ReadDataSource(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				if directReads.Load() != before+1 {
					t.Fatal("the server did not answer directly")
				}
				framework, err := s.frameworkServer.ReadDataSource(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := diagnosticsText(direct.Diagnostics), diagnosticsText(framework.Diagnostics); got != want {
					t.Errorf("diagnostics differ:\ndirect:    %s\nframework: %s", got, want)
				}
				if (direct.State == nil) != (framework.State == nil) {
					t.Fatalf("state: direct %v, framework %v", direct.State, framework.State)
				}
				if direct.State != nil && !bytes.Equal(direct.State.MsgPack, framework.State.MsgPack) {
					got, _ := direct.State.Unmarshal(typ)
					want, _ := framework.State.Unmarshal(typ)
					if hasMapType(typ) && got.Equal(want) && sameMsgpack(direct.State.MsgPack, framework.State.MsgPack) {
						return // tftypes writes map keys in Go's map order; the direct encoding sorts them
					}
					t.Fatalf("msgpack differs (%d bytes, framework %d)\ndirect:    %s\nframework: %s",
						len(direct.State.MsgPack), len(framework.State.MsgPack), got, want)
				}
			})
		}
	}
}

// diagnosticsText renders diagnostics for comparison; request IDs differ from one request to the next.
func diagnosticsText(diags []*tfprotov6.Diagnostic) string {
	var b bytes.Buffer
	for _, d := range diags {
		fmt.Fprintf(&b, "[%s %q %q %v]", d.Severity, d.Summary, requestID.ReplaceAllString(d.Detail, "request id *"), d.Attribute)
	}
	return b.String()
}

var requestID = regexp.MustCompile(`request id [^)]+`)

// directEncodingUnsupported names the first attribute the direct encoding cannot write as the framework would.
func TestDirectEncodingUnsupported_namesTheAttribute(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		schema schema.Schema
		want   string
	}{
		{"supported", schema.Schema{Attributes: map[string]schema.Attribute{
			"a": schema.StringAttribute{}, "b": schema.ListAttribute{ElementType: types.StringType},
			"c": schema.SingleNestedAttribute{Attributes: map[string]schema.Attribute{"d": schema.Int64Attribute{}}},
		}}, ""},
		{"set", schema.Schema{Attributes: map[string]schema.Attribute{"s": schema.SetAttribute{ElementType: types.StringType}}}, "s"},
		{"map of strings", schema.Schema{Attributes: map[string]schema.Attribute{"m": schema.MapAttribute{ElementType: types.StringType}}}, ""},
		{"map of numbers", schema.Schema{Attributes: map[string]schema.Attribute{"m": schema.MapAttribute{ElementType: types.Int64Type}}}, "m"},
		{"list of numbers", schema.Schema{Attributes: map[string]schema.Attribute{"l": schema.ListAttribute{ElementType: types.Int64Type}}}, "l"},
		{"nested set", schema.Schema{Attributes: map[string]schema.Attribute{"n": schema.ListNestedAttribute{
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{"s": schema.SetAttribute{ElementType: types.StringType}}}}}}, "n.s"},
		{"block", schema.Schema{Blocks: map[string]schema.Block{"b": schema.ListNestedBlock{}}}, "blocks"},
	} {
		if got := directEncodingUnsupported(tt.schema); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestServer_DirectDataSources states which data sources the server reads directly: every one of the provider.
func TestServer_DirectDataSources(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	want := []string{
		"imagepick_bmc_image", "imagepick_bmc_image_ids", "imagepick_bmc_images",
		"imagepick_phost_image", "imagepick_phost_image_ids", "imagepick_phost_images",
		"imagepick_uhost_image", "imagepick_uhost_image_ids", "imagepick_uhost_images",
		"imagepick_zec_image", "imagepick_zec_image_ids", "imagepick_zec_images",
	}
	if got := slices.Sorted(maps.Keys(s.direct)); !slices.Equal(got, want) {
		t.Errorf("read directly: %q, want %q", got, want)
	}
	var all []string
	for _, ds := range allDataSources() {
		name, _ := dataSourceSchema(t, ds)
		all = append(all, name)
	}
	if slices.Sort(all); !slices.Equal(all, want) {
		t.Errorf("the provider's data sources are %q; say here which are read directly", all)
	}
}

// The server forwards every method of terraform-plugin-framework's server: a framework upgrade that implements a
// new optional interface of the protocol fails here until the server forwards it too.
func TestServer_ForwardsEveryFrameworkMethod(t *testing.T) {
	t.Parallel()
	framework, err := providerserver.NewProtocol6WithError(newProvider("test", mapEnvironment(nil)))()
	if err != nil {
		t.Fatal(err)
	}
	fw, ours := reflect.TypeOf(framework), reflect.TypeOf(&server{})
	for i := range fw.NumMethod() {
		want := fw.Method(i)
		got, ok := ours.MethodByName(want.Name)
		if !ok {
			t.Errorf("the framework's server has %s%s, which server does not forward: add its interface to frameworkServer",
				want.Name, strings.TrimPrefix(want.Type.String(), "func"))
			continue
		}
		// Both types include the receiver as the first argument; compare the rest.
		if got.Type.NumIn() != want.Type.NumIn() || got.Type.NumOut() != want.Type.NumOut() {
			t.Errorf("%s: %s, the framework's %s", want.Name, got.Type, want.Type)
			continue
		}
		for j := 1; j < want.Type.NumIn(); j++ {
			if got.Type.In(j) != want.Type.In(j) {
				t.Errorf("%s: argument %d is %s, the framework's %s", want.Name, j, got.Type.In(j), want.Type.In(j))
			}
		}
	}
	if required := reflect.TypeFor[tfprotov6.ProviderServer]().NumMethod(); fw.NumMethod() <= required {
		t.Errorf("the framework's server has %d methods, no more than the %d of ProviderServer: the comparison proves little",
			fw.NumMethod(), required)
	}
	// What Terraform's plugin server checks before it calls the optional methods.
	var ps tfprotov6.ProviderServer = newTestServer(t)
	for name, ok := range map[string]bool{
		"ProviderServerWithListResource": implements[tfprotov6.ProviderServerWithListResource](ps), //nolint:staticcheck // the optional interfaces are deprecated, not gone
		"ProviderServerWithActions":      implements[tfprotov6.ProviderServerWithActions](ps),      //nolint:staticcheck // the optional interfaces are deprecated, not gone
		"ProviderServerWithStateStores":  implements[tfprotov6.ProviderServerWithStateStores](ps),  //nolint:staticcheck // the optional interfaces are deprecated, not gone
	} {
		if !ok {
			t.Errorf("the server is not a tfprotov6.%s", name)
		}
	}
}

func implements[T any](v any) bool {
	_, ok := v.(T)
	return ok
}

// The direct path looks at every field of ReadDataSourceRequest: one added by a protocol upgrade fails here until
// answersLikeFramework considers it.
func TestServer_ReadRequestFieldsConsidered(t *testing.T) {
	t.Parallel()
	for typ, want := range map[reflect.Type][]string{
		reflect.TypeFor[tfprotov6.ReadDataSourceRequest]():            {"ClientCapabilities", "Config", "ProviderMeta", "TypeName"},
		reflect.TypeFor[tfprotov6.ReadDataSourceClientCapabilities](): {"DeferralAllowed"},
	} {
		var got []string
		for f := range typ.Fields() {
			got = append(got, f.Name)
		}
		if slices.Sort(got); !slices.Equal(got, want) {
			t.Errorf("%s has fields %q; the direct path knows %q", typ, got, want)
		}
	}
}

// A read the direct path cannot answer exactly as the framework would goes to the framework.
func TestServer_FrameworkAnswersWhatDirectCannot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := httptest.NewServer(emulator.New(emulator.Options{Catalog: parityCatalog()}))
	t.Cleanup(srv.Close)
	const typeName = "imagepick_uhost_image_ids"

	notConfigured := newTestServer(t)
	configured := newTestServer(t)
	if diags := configureServer(t, configured, srv.URL, nil); len(diags) > 0 {
		t.Fatal(diagnosticsText(diags))
	}
	// Configured, then configured again with an error: the framework forgets the first data, and so must the server.
	reconfigured := newTestServer(t)
	if diags := configureServer(t, reconfigured, srv.URL, nil); len(diags) > 0 {
		t.Fatal(diagnosticsText(diags))
	}
	missing := tftypes.NewValue(tftypes.String, filepath.Join(t.TempDir(), "missing.json"))
	if diags := configureServer(t, reconfigured, srv.URL, map[string]tftypes.Value{"shared_credentials_file": missing}); len(diags) == 0 {
		t.Fatal("configuring with a missing credential file succeeded")
	}

	meta, err := tfprotov6.NewDynamicValue(tftypes.Object{}, tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		s      *server
		change func(*tfprotov6.ReadDataSourceRequest)
		direct bool
	}{
		{"configured", configured, func(*tfprotov6.ReadDataSourceRequest) {}, true},
		{"deferral not allowed", configured, func(r *tfprotov6.ReadDataSourceRequest) {
			r.ClientCapabilities = &tfprotov6.ReadDataSourceClientCapabilities{}
		}, true},
		{"not configured", notConfigured, func(*tfprotov6.ReadDataSourceRequest) {}, false},
		{"configuration failed", reconfigured, func(*tfprotov6.ReadDataSourceRequest) {}, false},
		{"provider_meta", configured, func(r *tfprotov6.ReadDataSourceRequest) { r.ProviderMeta = &meta }, false},
		{"deferral allowed", configured, func(r *tfprotov6.ReadDataSourceRequest) {
			r.ClientCapabilities = &tfprotov6.ReadDataSourceClientCapabilities{DeferralAllowed: true}
		}, false},
		{"no configuration", configured, func(r *tfprotov6.ReadDataSourceRequest) { r.Config = nil }, false},
		{"configuration of another type", configured, func(r *tfprotov6.ReadDataSourceRequest) {
			dv, err := tfprotov6.NewDynamicValue(tftypes.String, tftypes.NewValue(tftypes.String, "x"))
			if err != nil {
				t.Fatal(err)
			}
			r.Config = &dv
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			directReads := countDirectReads(tc.s)
			req := readRequest(t, tc.s, typeName, nil)
			tc.change(req)
			got, err := tc.s.ReadDataSource(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if n := directReads.Load(); (n == 1) != tc.direct || n > 1 {
				t.Errorf("%d direct reads, want direct = %v", n, tc.direct)
			}
			want, err := tc.s.frameworkServer.ReadDataSource(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if diagnosticsText(got.Diagnostics) != diagnosticsText(want.Diagnostics) {
				t.Errorf("diagnostics: %s\nthe framework's: %s", diagnosticsText(got.Diagnostics), diagnosticsText(want.Diagnostics))
			}
			if !reflect.DeepEqual(got.State, want.State) || !reflect.DeepEqual(got.Deferred, want.Deferred) {
				t.Errorf("state %v deferred %v; the framework's: %v %v", got.State, got.Deferred, want.State, want.Deferred)
			}
			if !tc.direct && len(want.Diagnostics) == 0 && want.State == nil {
				t.Error("the framework answered nothing: the case proves little")
			}
		})
	}
}

// StopProvider cancels a direct read in flight, as the framework cancels its own.
func TestServer_StopProviderCancelsDirectReads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	arrived := make(chan struct{}, 8)
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		arrived <- struct{}{}
		<-r.Context().Done()
	}))
	t.Cleanup(hanging.Close)
	s := newTestServer(t)
	if diags := configureServer(t, s, hanging.URL, nil); len(diags) > 0 {
		t.Fatal(diagnosticsText(diags))
	}
	directReads := countDirectReads(s)
	req := readRequest(t, s, "imagepick_uhost_image_ids", nil)

	answers := map[string]string{}
	for path, read := range map[string]func(context.Context, *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error){
		"direct":    s.ReadDataSource,
		"framework": s.frameworkServer.ReadDataSource,
	} {
		done := make(chan *tfprotov6.ReadDataSourceResponse, 1)
		go func() {
			resp, err := read(ctx, req)
			if err != nil {
				t.Error(err)
			}
			done <- resp
		}()
		select {
		case <-arrived:
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: no request reached the server", path)
		}
		if _, err := s.StopProvider(ctx, &tfprotov6.StopProviderRequest{}); err != nil {
			t.Fatal(err)
		}
		select {
		case resp := <-done:
			if resp == nil || len(resp.Diagnostics) == 0 || !strings.Contains(resp.Diagnostics[0].Detail, "context canceled") {
				t.Fatalf("%s: want an error saying the read was cancelled, got %v", path, resp)
			}
			answers[path] = diagnosticsText(resp.Diagnostics)
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the read goes on after StopProvider", path)
		}
	}
	if directReads.Load() != 1 {
		t.Errorf("%d direct reads, want 1", directReads.Load())
	}
	if answers["direct"] != answers["framework"] {
		t.Errorf("stopped reads differ:\ndirect:    %s\nframework: %s", answers["direct"], answers["framework"])
	}
}

// A data source read directly whose schema the direct encoding cannot write stops the server from starting: it
// must be supported in image_state.go or read through the framework, not fall back silently.
func TestDirectReaders_refuseUnsupportedSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	readers, err := directReaders(ctx, []func() datasource.DataSource{
		func() datasource.DataSource { return testDataSource{name: "plain"} },
		func() datasource.DataSource { return directTestDataSource{testDataSource{name: "direct"}} },
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(readers)); !slices.Equal(got, []string{"imagepick_direct"}) {
		t.Errorf("read directly: %q, want only imagepick_direct (plain has no readMsgpack)", got)
	}
	_, err = directReaders(ctx, []func() datasource.DataSource{
		func() datasource.DataSource { return directTestDataSource{testDataSource{name: "tags", set: true}} },
	})
	if err == nil || !strings.Contains(err.Error(), "imagepick_tags") || !strings.Contains(err.Error(), "attribute tags") {
		t.Errorf("want an error naming imagepick_tags and its attribute tags, got %v", err)
	}
}

// testDataSource has one computed attribute: a string, or a set of strings when set.
type testDataSource struct {
	name string
	set  bool
}

func (d testDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.name
}

func (d testDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	var a schema.Attribute = schema.StringAttribute{Computed: true}
	if d.set {
		a = schema.SetAttribute{Computed: true, ElementType: types.StringType}
	}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{"tags": a}}
}

func (testDataSource) Read(context.Context, datasource.ReadRequest, *datasource.ReadResponse) {}

// directTestDataSource is a testDataSource that offers to be read directly.
type directTestDataSource struct{ testDataSource }

func (directTestDataSource) readMsgpack(context.Context, *providerData, tftypes.Value) ([]byte, diag.Diagnostics) {
	return nil, nil
}
