package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*bmcImagesDataSource)(nil)

// NewBMCImagesDataSource returns the imagepick_bmc_images data source.
func NewBMCImagesDataSource() datasource.DataSource { return &bmcImagesDataSource{} }

type bmcImagesDataSource struct{ data *providerData }

type bmcImagesDataSourceModel struct {
	bmcQueryModel
	sortModel
	IDs    types.List      `tfsdk:"ids"`
	Images []bmcImageModel `tfsdk:"images"` // computed only, never unknown
}

func (d *bmcImagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bmc_images"
}

func (d *bmcImagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := bmcQueryAttributes(false)
	maps.Copy(attributes, sortAttributes(bmcDefaultSort, bmcSortBy))
	attributes["ids"] = schema.ListAttribute{Computed: true, ElementType: types.StringType,
		MarkdownDescription: "IDs of the matching images, in the order of `images`."}
	attributes["images"] = schema.ListNestedAttribute{Computed: true,
		NestedObject:        schema.NestedAttributeObject{Attributes: bmcImageAttributes()},
		MarkdownDescription: "Every matching image, ordered by `sort_by` and `sort_order`. Empty when nothing matches."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists Zenlayer bare-metal (BMC) images with the BMC `DescribeImages` API. `image_ids`, `name`, " +
			"`catalog`, `image_type`, `os_type` and `instance_type_id` are sent to the API; `name_regex` is applied locally. " +
			"Zenlayer images have no creation time, so the default order is by name, with version numbers compared as " +
			"numbers (`Ubuntu24.04-x86_64` before `Ubuntu22.04-x86_64` in the default descending order). A query that " +
			"matches nothing gives an empty list. Use `imagepick_bmc_image` to get exactly one image.",
		Attributes: attributes,
	}
}

func (d *bmcImagesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *bmcImagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config bmcImagesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	by, order := resolveSort(&config.sortModel, bmcDefaultSort)
	zc := zenlayerClient(d.data, "imagepick_bmc_images", &resp.Diagnostics)
	if zc == nil {
		return
	}

	result, diags := fetchBMCImages(ctx, zc, "imagepick_bmc_images", config.bmcQueryModel)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	sortBMCImages(result.images, by, order)

	ids := make([]string, len(result.images))
	config.Images = make([]bmcImageModel, len(result.images))
	for i, img := range result.images {
		ids[i] = img.ImageID
		config.Images[i] = newBMCImageModel(img)
	}
	config.IDs, diags = types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, &config)...)
}
