package provider

import (
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// conversionBenchImages is the catalog size the performance target names.
const conversionBenchImages = 20000

// BenchmarkUHostImagesConversion measures what imagepick_uhost_images does locally after the API call, on
// 20,000 generated images: the local filters, the sort and the state encoded for the wire, as the production
// server's ReadDataSource answers it, through terraform-plugin-framework ("framework": the framework's own
// ReadDataSource, Read and state handling) and directly ("direct", what the server does). The client's answer is
// cached (coalescing) after a first read, so no request is timed.
// "all" keeps every image (every status, a name_regex matching everything); "typical" uses the default status
// and a name_regex matching one OS release.
//
//	go test -run '^$' -bench BenchmarkUHostImagesConversion -benchmem ./internal/provider
func BenchmarkUHostImagesConversion(b *testing.B) {
	ctx := b.Context()
	srv := httptest.NewServer(emulator.New(emulator.Options{
		Catalog: emulator.GenerateCatalog(conversionBenchImages, "cn-bj2", "cn-bj2-02", 1),
	}))
	b.Cleanup(srv.Close)
	s := newTestServer(b)
	// No default zone: the lookups search every zone of the region.
	if diags := configureServer(b, s, srv.URL, map[string]tftypes.Value{"zone": tftypes.NewValue(tftypes.String, nil)}); len(diags) > 0 {
		b.Fatal(diagnosticsText(diags))
	}
	directReads := countDirectReads(s)

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
	phases := []struct {
		name string
		read func(*tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error)
	}{
		{"framework", func(req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
			return s.frameworkServer.ReadDataSource(ctx, req)
		}},
		{"direct", func(req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
			return s.ReadDataSource(ctx, req)
		}},
	}
	for _, c := range cases {
		req := readRequest(b, s, "imagepick_uhost_images", c.config)
		// The first read fills the client's cache; both answers must be the same state.
		states := map[string][]byte{}
		for _, phase := range phases {
			resp, err := phase.read(req)
			if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil {
				b.Fatalf("%s: %v %s", phase.name, err, diagnosticsText(resp.Diagnostics))
			}
			states[phase.name] = resp.State.MsgPack
		}
		if string(states["framework"]) != string(states["direct"]) {
			b.Fatal("the two phases write different states")
		}
		kept, err := imagesKept(states["direct"], s.direct["imagepick_uhost_images"].typ)
		if err != nil {
			b.Fatal(err)
		}
		for _, phase := range phases {
			b.Run("case="+c.name+"/phase="+phase.name, func(b *testing.B) {
				b.ReportAllocs()
				before := directReads.Load()
				for b.Loop() {
					if _, err := phase.read(req); err != nil {
						b.Fatal(err)
					}
				}
				if direct := directReads.Load() > before; direct != (phase.name == "direct") {
					b.Fatalf("answered directly: %v", direct)
				}
				b.ReportMetric(float64(kept), "images-kept")
			})
		}
	}
}

// imagesKept counts the images of a list data source's state.
func imagesKept(state []byte, typ tftypes.Type) (int, error) {
	dv := tfprotov6.DynamicValue{MsgPack: state}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		return 0, err
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return 0, err
	}
	var ids []tftypes.Value
	err = attrs["ids"].As(&ids)
	return len(ids), err
}
