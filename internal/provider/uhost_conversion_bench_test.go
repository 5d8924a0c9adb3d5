package provider

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// conversionBenchImages is the catalog size the performance target names.
const conversionBenchImages = 20000

// BenchmarkUHostImagesConversion measures what imagepick_uhost_images does locally after the API call, on
// 20,000 generated images: the local filters, the sort and the state encoded for the wire, through the Terraform
// values the framework would encode ("framework") and directly ("direct", what the provider's server does). The
// client's answer is cached (coalescing) after a first read, so no request is timed.
// "all" keeps every image (every status, a name_regex matching everything); "typical" uses the default status
// and a name_regex matching one OS release.
//
//	go test -run '^$' -bench BenchmarkUHostImagesConversion -benchmem ./internal/provider
func BenchmarkUHostImagesConversion(b *testing.B) {
	ctx := context.Background()
	srv := httptest.NewServer(emulator.New(emulator.Options{
		Catalog: emulator.GenerateCatalog(conversionBenchImages, "cn-bj2", "cn-bj2-02", 1),
	}))
	b.Cleanup(srv.Close)
	ds := newImageDataSource(uhostFamily, listForm)().(*imageDataSource[client.DescribeImageRequest, uhostImage])
	ds.Configure(ctx, datasource.ConfigureRequest{ProviderData: &providerData{ucloud: ucloudAccess{region: "cn-bj2",
		client: client.NewUCloud(srv.URL, client.UCloudCredentials{PublicKey: emulator.DefaultUCloudPublicKey,
			PrivateKey: emulator.DefaultUCloudPrivateKey}, client.Options{})}}}, &datasource.ConfigureResponse{})
	_, s := dataSourceSchema(b, ds)
	typ := s.Type().TerraformType(ctx).(tftypes.Object)

	cases := []struct {
		name   string
		config map[string]tftypes.Value
	}{
		{name: "all", config: map[string]tftypes.Value{
			"name_regex": tftypes.NewValue(tftypes.String, "."),
			"status":     stringList(uhostImageStatuses),
		}},
		{name: "typical", config: map[string]tftypes.Value{
			"name_regex": tftypes.NewValue(tftypes.String, `^Ubuntu 22\.04`),
		}},
	}
	for _, c := range cases {
		config := nullObject(typ, c.config)
		if _, diags := ds.read(ctx, config); diags.HasError() { // fills the client's cache
			b.Fatal(diags)
		}
		b.Run("case="+c.name+"/phase=framework", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				state, diags := ds.read(ctx, config)
				if diags.HasError() {
					b.Fatal(diags)
				}
				if _, err := tfprotov6.NewDynamicValue(typ, state); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("case="+c.name+"/phase=direct", func(b *testing.B) {
			b.ReportAllocs()
			kept := 0
			for b.Loop() { // readMsgpack, counting the images kept
				result, diags := ds.resolve(ctx, ds.data, config)
				if diags.HasError() {
					b.Fatal(diags)
				}
				if _, err := result.msgpack(); err != nil {
					b.Fatal(err)
				}
				kept = len(result.ids)
			}
			b.ReportMetric(float64(kept), "images-kept")
		})
	}
}
