package provider

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// conversionBenchImages is the catalog size the performance target names: local work on 20,000 images < 50 ms.
const conversionBenchImages = 20000

// BenchmarkUHostImagesConversion measures what imagepick_uhost_images does locally after the API call, on
// 20,000 generated images: the local filters, the sort and the mapping to the model ("select"), then also the
// conversion of the model into state by setState ("state"), then also its msgpack encoding for the wire
// ("wire"). "all" keeps every image through every stage (the worst case: every status, a name_regex matching
// everything); "typical" uses the default status and a name_regex matching one OS release.
//
//	go test -run '^$' -bench BenchmarkUHostImagesConversion -benchmem ./internal/provider
func BenchmarkUHostImagesConversion(b *testing.B) {
	ctx := context.Background()
	images := conversionBenchCatalog(b)
	var schemaResp datasource.SchemaResponse
	NewUHostImagesDataSource().Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	stateType := schemaResp.Schema.Type().TerraformType(ctx)

	cases := []struct {
		name      string
		nameRegex string
		statuses  []string
	}{
		{name: "all", nameRegex: ".", statuses: uhostImageStatuses},
		{name: "typical", nameRegex: `^Ubuntu 22\.04`},
	}
	phases := []string{"select", "state", "wire"}
	for _, c := range cases {
		for p, phase := range phases {
			b.Run("case="+c.name+"/phase="+phase, func(b *testing.B) {
				b.ReportAllocs()
				kept := 0
				for i := 0; i < b.N; i++ {
					model, diags := conversionBenchSelect(ctx, images, c.nameRegex, c.statuses)
					if diags.HasError() {
						b.Fatal(diags)
					}
					kept = len(model.Images)
					if p < 1 {
						continue
					}
					state := tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(stateType, nil)}
					if diags := setState(ctx, &state, &model); diags.HasError() {
						b.Fatal(diags)
					}
					if p < 2 {
						continue
					}
					if _, err := tfprotov6.NewDynamicValue(stateType, state.Raw); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(kept), "images-kept")
			})
		}
	}
}

// conversionBenchSelect is uhostImagesDataSource.Read between the API call and setState.
func conversionBenchSelect(ctx context.Context, all []client.UHostImage, nameRegex string, statuses []string) (uhostImagesDataSourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	model := uhostImagesDataSourceModel{uhostImageQueryModel: uhostImageQueryModel{
		ImageIDs:  types.ListNull(types.StringType),
		Status:    types.ListNull(types.StringType),
		Features:  types.ListNull(types.StringType),
		NameRegex: types.StringValue(nameRegex),
	}}
	if statuses != nil {
		model.Status = uhostStringListValue(statuses)
	}
	stages, _ := uhostImageStages(ctx, &model.uhostImageQueryModel, &diags)
	kept, _ := selection.Filter(all, stages)
	by, order := resolveSort(&model.sortModel, uhostDefaultSort)
	selection.Sort(kept, uhostImageKey, by, order)
	model.IDs = make([]string, 0, len(kept))
	model.Images = make([]uhostImageModel, 0, len(kept))
	for _, img := range kept {
		model.IDs = append(model.IDs, img.ImageID)
		model.Images = append(model.Images, uhostImageFromAPI(img))
	}
	return model, diags
}

// conversionBenchCatalog turns the emulator's generated catalog into client values through the API's JSON
// field names, as the client would decode them.
func conversionBenchCatalog(b *testing.B) []client.UHostImage {
	b.Helper()
	raw, err := json.Marshal(emulator.GenerateCatalog(conversionBenchImages, "cn-bj2", "cn-bj2-02", 1).UHost)
	if err != nil {
		b.Fatal(err)
	}
	var images []client.UHostImage
	if err := json.Unmarshal(raw, &images); err != nil {
		b.Fatal(err)
	}
	if len(images) != conversionBenchImages || images[0].ImageID == "" {
		b.Fatalf("decoded %d images (first ID %q), want %d", len(images), images[0].ImageID, conversionBenchImages)
	}
	return images
}
