package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
)

// TestSetState_MatchesFramework checks that setState writes exactly what tfsdk.State.Set writes, for the models
// of all six data sources: embedded structs, attr.Value fields (null, unknown, set), nil and empty slices, nested
// objects, numbers.
func TestSetState_MatchesFramework(t *testing.T) {
	ctx := context.Background()
	img := client.UHostImage{ImageID: "uimage-1", ImageName: "Ubuntu 22.04", CreateTime: 1717200000, ImageSize: 40,
		Features: []string{"CloudInit", "Aarch64_Type"}, MaintainEol: "2027/04/30",
		PriceSet: []client.BasePriceSet{{ChargeType: "Month", Price: 12.5, OriginalPrice: 20}}}
	uhostList := uhostImagesDataSourceModel{
		uhostImageQueryModel: uhostImageQueryModel{Region: types.StringValue("cn-bj2"), ImageIDs: types.ListNull(types.StringType),
			Status: types.ListValueMust(types.StringType, nil), IncludePrices: types.BoolValue(true), ExcludeEOL: types.BoolUnknown()},
		sortModel: sortModel{SortBy: types.StringValue("name"), SortOrder: types.StringNull()},
		IDs:       []string{"uimage-1", "uimage-2"},
		Images:    []uhostImageModel{uhostImageFromAPI(img), uhostImageFromAPI(client.UHostImage{ImageID: "uimage-2"})},
	}
	uhostEmpty := uhostImagesDataSourceModel{IDs: []string{}, Images: []uhostImageModel{}}
	tests := []struct {
		name  string
		ds    datasource.DataSource
		model any
	}{
		{"uhost list", NewUHostImagesDataSource(), &uhostList},
		{"uhost list, empty", NewUHostImagesDataSource(), &uhostEmpty},
		{"uhost list, nil slices", NewUHostImagesDataSource(), &uhostImagesDataSourceModel{}},
		{"uhost one", NewUHostImageDataSource(), &uhostImageDataSourceModel{}},
		{"phost list", NewPHostImagesDataSource(), &phostImagesDataSourceModel{}},
		{"phost one", NewPHostImageDataSource(), &phostImageDataSourceModel{}},
		{"bmc list", NewBMCImagesDataSource(), &bmcImagesDataSourceModel{}},
		{"bmc one", NewBMCImageDataSource(), &bmcImageDataSourceModel{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typedNullLists(reflect.ValueOf(tt.model).Elem())
			var schemaResp datasource.SchemaResponse
			tt.ds.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
			empty := tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)
			want := tfsdk.State{Schema: schemaResp.Schema, Raw: empty}
			if diags := want.Set(ctx, tt.model); diags.HasError() {
				t.Fatalf("framework: %v", diags)
			}
			got := tfsdk.State{Schema: schemaResp.Schema, Raw: empty}
			if diags := setState(ctx, &got, tt.model); diags.HasError() {
				t.Fatalf("setState: %v", diags)
			}
			if !got.Raw.Equal(want.Raw) {
				t.Errorf("setState wrote\n%s\nframework wrote\n%s", got.Raw, want.Raw)
			}
		})
	}
}

func TestSetState_ModelSchemaMismatchIsAnError(t *testing.T) {
	ctx := context.Background()
	var schemaResp datasource.SchemaResponse
	NewBMCImagesDataSource().Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	state := tfsdk.State{Schema: schemaResp.Schema}
	diags := setState(ctx, &state, &struct {
		ID string `tfsdk:"id"`
	}{ID: "x"})
	if !diags.HasError() || diags[0].Summary() != "Cannot Write State" {
		t.Fatalf("want a Cannot Write State error, got %v", diags)
	}
}

// typedNullLists gives the zero types.List fields of a model (embedded ones too) an element type, as
// req.Config.Get does in Read: a zero types.List has none and fits no schema.
func typedNullLists(v reflect.Value) {
	listType := reflect.TypeFor[types.List]()
	for _, f := range reflect.VisibleFields(v.Type()) {
		if f.Type != listType {
			continue
		}
		field := v.FieldByIndex(f.Index)
		if l, ok := field.Interface().(types.List); ok && l.ElementType(context.Background()) == nil {
			field.Set(reflect.ValueOf(types.ListNull(types.StringType)))
		}
	}
}
