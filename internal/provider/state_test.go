package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// allDataSources are every data source of the provider, as Terraform gets them.
func allDataSources() []datasource.DataSource {
	var out []datasource.DataSource
	for _, newDataSource := range newProvider("test", mapEnvironment(nil)).DataSources(context.Background()) {
		out = append(out, newDataSource())
	}
	return out
}

func dataSourceSchema(t testing.TB, ds datasource.DataSource) (string, schema.Schema) {
	t.Helper()
	var meta datasource.MetadataResponse
	ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "imagepick"}, &meta)
	var resp datasource.SchemaResponse
	ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("%s: %v", meta.TypeName, resp.Diagnostics)
	}
	return meta.TypeName, resp.Schema
}

// parityCatalog has what state must get exactly right: unicode, prices, empty and absent lists, large numbers,
// images without creation time.
func parityCatalog() *emulator.Catalog {
	catalog := uhostTestCatalog()
	catalog.UHost[0].ImageName = "Ubuntu 22.04 64位 \"quoted\" ✓"
	catalog.UHost[0].ImageSize = 1 << 40
	catalog.UHost = append(catalog.UHost, emulator.GenerateCatalog(300, "cn-bj2", "cn-bj2-05", 7).UHost...)
	catalog.PHost = phostTestCatalog().PHost
	catalog.BMC = bmcOrderCatalog().BMC
	catalog.ZEC, catalog.ZECZones = emulator.DefaultCatalog().ZEC, emulator.DefaultCatalog().ZECZones
	return catalog
}

// TestStateEncoder_MatchesFramework reads every data source against the emulator and checks that the state it
// writes is, value for value and byte for byte on the wire, what terraform-plugin-framework writes for the same
// values: the framework decodes our state into its own types (which fails on anything that does not fit the
// schema) and encodes them again with State.Set.
func TestStateEncoder_MatchesFramework(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	emu := emulator.New(emulator.Options{Catalog: parityCatalog()})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	pd := &providerData{
		ucloud: ucloudAccess{region: "cn-bj2", zone: "cn-bj2-05", client: client.NewUCloud(srv.URL,
			client.UCloudCredentials{PublicKey: emulator.DefaultUCloudPublicKey, PrivateKey: emulator.DefaultUCloudPrivateKey},
			client.Options{})},
		zenlayer: zenlayerAccess{client: client.NewZenlayer(srv.URL,
			client.ZenlayerCredentials{AccessKeyID: emulator.DefaultZenlayerAccessKeyID, AccessKeyPassword: emulator.DefaultZenlayerAccessKeyPassword},
			client.Options{})},
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	flag := func(b bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, b) }
	configs := map[string][]map[string]tftypes.Value{
		"imagepick_uhost_images": {
			{},
			{"include_prices": flag(true), "status": stringList(uhostImageStatuses), "sort_by": str("NAME")},
			{"image_ids": stringList(nil), "features": stringList(nil), "name_regex": str("^nothing$")},
		},
		"imagepick_uhost_image_ids": {{}, {"all_zones": flag(true), "sort_order": str("ASC")}},
		"imagepick_uhost_image": {
			{"image_ids": stringList([]string{"uimage-mkt"}), "include_prices": flag(true)},
			{"name_regex": str("64位"), "most_recent": flag(true), "features": stringList([]string{"cloudinit"})},
		},
		"imagepick_phost_images":    {{}, {"machine_type": str("G4"), "os_type": str("centos")}},
		"imagepick_phost_image_ids": {{}},
		"imagepick_phost_image":     {{"most_recent": flag(true)}},
		"imagepick_bmc_images":      {{}, {"catalog": str("UBUNTU")}},
		"imagepick_bmc_image_ids":   {{}},
		"imagepick_bmc_image":       {{"name": str("Ubuntu22.04-x86_64")}},
		"imagepick_zec_images": {
			{"availability_zone": str("asia-east-1a")},
			{"availability_zone": str("asia-east-1a"), "tags": zecTagsValue(map[string]string{"team": "web"}), "status": stringList(zecImageStatuses)},
		},
		"imagepick_zec_image_ids": {{"availability_zone": str("asia-east-1a"), "sort_by": str("ID")}},
		"imagepick_zec_image":     {{"availability_zone": str("asia-east-1a"), "image_ids": stringList([]string{"img-web-v10b"})}},
	}
	for _, ds := range allDataSources() {
		name, s := dataSourceSchema(t, ds)
		if len(configs[name]) == 0 {
			t.Errorf("%s: no parity case", name)
		}
		ds.(datasource.DataSourceWithConfigure).Configure(ctx, datasource.ConfigureRequest{ProviderData: pd}, &datasource.ConfigureResponse{})
		for i, set := range configs[name] {
			t.Run(fmt.Sprintf("%s/%d", name, i), func(t *testing.T) {
				typ := s.Type().TerraformType(ctx).(tftypes.Object)
				config := nullObject(typ, set)
				got, diags := frameworkRead(ctx, ds, s, config)
				if diags.HasError() {
					t.Fatalf("read: %v", diags)
				}
				var decoded types.Object
				if d := (tfsdk.State{Schema: s, Raw: got}).Get(ctx, &decoded); d.HasError() {
					t.Fatalf("the framework cannot read our state: %v", d)
				}
				want := tfsdk.State{Schema: s, Raw: tftypes.NewValue(typ, nil)}
				if d := want.Set(ctx, decoded); d.HasError() {
					t.Fatalf("framework State.Set: %v", d)
				}
				if !got.Equal(want.Raw) {
					t.Fatalf("state differs from the framework's:\n%s\nframework:\n%s", got, want.Raw)
				}
				gotWire, err := tfprotov6.NewDynamicValue(typ, got)
				if err != nil {
					t.Fatal(err)
				}
				wantWire, err := tfprotov6.NewDynamicValue(typ, want.Raw)
				if err != nil {
					t.Fatal(err)
				}
				// tftypes writes a map's keys in Go's map order, so bytes can differ where values are equal.
				if string(gotWire.MsgPack) != string(wantWire.MsgPack) && !hasMapType(typ) {
					t.Fatalf("msgpack differs from the framework's")
				}
				if strings.Contains(name, "images") && !hasElements(decoded, "ids") && i == 0 {
					t.Errorf("the default query of %s found nothing: the case proves little", name)
				}
			})
		}
	}
}

// frameworkRead calls ds.Read as the framework does, on Terraform values: configuration in, state out.
func frameworkRead(ctx context.Context, ds datasource.DataSource, s schema.Schema, config tftypes.Value) (tftypes.Value, diag.Diagnostics) {
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: s, Raw: config.Copy()}}
	ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: s, Raw: config}}, &resp)
	return resp.State.Raw, resp.Diagnostics
}

// nullObject is a configuration of typ with every attribute null but those in set.
func nullObject(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	values := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
		if v, ok := set[name]; ok {
			values[name] = v
		}
	}
	return tftypes.NewValue(typ, values)
}

func hasElements(obj types.Object, name string) bool {
	l, ok := obj.Attributes()[name].(types.List)
	return ok && len(l.Elements()) > 0
}
