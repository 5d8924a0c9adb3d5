package provider

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// configuredServer is the production server, configured against an in-process emulator serving catalog.
func configuredServer(t *testing.T, catalog *emulator.Catalog) *server {
	t.Helper()
	isolateEnv(t)
	ctx := context.Background()
	srv := httptest.NewServer(emulator.New(emulator.Options{Catalog: catalog}))
	t.Cleanup(srv.Close)
	ps, err := NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	s := ps.(*server)
	var schemaResp provider.SchemaResponse
	s.provider.Schema(ctx, provider.SchemaRequest{}, &schemaResp)
	typ := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	config := nullObject(typ, map[string]tftypes.Value{
		"ucloud": nullObject(typ.AttributeTypes["ucloud"].(tftypes.Object), map[string]tftypes.Value{
			"public_key": str(emulator.DefaultUCloudPublicKey), "private_key": str(emulator.DefaultUCloudPrivateKey),
			"region": str("cn-bj2"), "zone": str("cn-bj2-05"), "base_url": str(srv.URL),
		}),
		"zenlayer": nullObject(typ.AttributeTypes["zenlayer"].(tftypes.Object), map[string]tftypes.Value{
			"access_key_id": str(emulator.DefaultZenlayerAccessKeyID), "access_key_password": str(emulator.DefaultZenlayerAccessKeyPassword),
			"base_url": str(srv.URL),
		}),
	})
	dv, err := tfprotov6.NewDynamicValue(typ, config)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	resp, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &dv, TerraformVersion: "1.11.0"})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
	return s
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
	ctx := context.Background()
	s := configuredServer(t, directReadCatalog())
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
	if len(s.direct) != len(configs) {
		t.Errorf("%d data sources are read directly, want all %d", len(s.direct), len(configs))
	}
	for typeName, cases := range configs {
		r, ok := s.direct[typeName]
		if !ok {
			t.Errorf("%s is not read directly", typeName)
			continue
		}
		for i, set := range cases {
			t.Run(fmt.Sprintf("%s/%d", typeName, i), func(t *testing.T) {
				dv, err := tfprotov6.NewDynamicValue(r.typ, nullObject(r.typ.(tftypes.Object), set))
				if err != nil {
					t.Fatal(err)
				}
				req := &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &dv}
				direct, err := s.ReadDataSource(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				framework, err := s.ProviderServer.ReadDataSource(ctx, req)
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
					got, _ := direct.State.Unmarshal(r.typ)
					want, _ := framework.State.Unmarshal(r.typ)
					if hasMapType(r.typ) && got.Equal(want) && sameMsgpack(direct.State.MsgPack, framework.State.MsgPack) {
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

// A schema feature the direct encoding does not support sends the data source through the framework.
func TestDirectRead_UnsupportedSchemasFallBack(t *testing.T) {
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
