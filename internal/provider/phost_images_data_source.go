package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

var _ datasource.DataSourceWithConfigure = (*phostImagesDataSource)(nil)

// NewPHostImagesDataSource returns the imagepick_phost_images data source.
func NewPHostImagesDataSource() datasource.DataSource { return &phostImagesDataSource{} }

type phostImagesDataSource struct{ data *providerData }

type phostImagesDataSourceModel struct {
	phostFilterModel
	sortModel
	IDs    types.List        `tfsdk:"ids"`
	Images []phostImageModel `tfsdk:"images"` // computed only, never unknown
}

// phostSortBy lists the orders of imagepick_phost_images; create_time, the default, puts images without a
// creation time (bare metal 1.0) last in the default descending order.
var phostSortBy = []selection.SortBy{selection.SortByCreateTime, selection.SortByName, selection.SortByID}

func (d *phostImagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_phost_images"
}

func (d *phostImagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := phostFilterAttributes(false)
	maps.Copy(attributes, sortAttributes(selection.SortByCreateTime, phostSortBy))
	attributes["ids"] = schema.ListAttribute{Computed: true, ElementType: types.StringType,
		MarkdownDescription: "IDs of the matching images, in the order of `images`."}
	attributes["images"] = schema.ListNestedAttribute{Computed: true,
		NestedObject: schema.NestedAttributeObject{Attributes: phostImageAttributes()},
		MarkdownDescription: "Every matching image, however many pages the API needs, ordered by `sort_by` and `sort_order`. " +
			"Empty when nothing matches."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists UCloud bare-metal (UPHost) images of one availability zone with the `DescribePHostImage` " +
			"API. `region`, `project_id`, `availability_zone`, `image_ids`, `image_type`, `machine_type` and `cluster` are sent " +
			"to the API; `name_regex`, `os_type` and `status` are applied locally. Every page is read, so the list is complete. " +
			"The default order is newest first (images without a creation time last), ties broken by name then ID. A query " +
			"that matches nothing gives an empty list. Use `imagepick_phost_image` to get exactly one image.",
		Attributes: attributes,
	}
}

func (d *phostImagesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *phostImagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config phostImagesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	by, order := resolveSort(&config.sortModel, selection.SortByCreateTime)

	result, diags := queryPHostImages(ctx, d.data, "imagepick_phost_images", &config.phostFilterModel, by, order)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	ids := make([]string, len(result.images))
	config.Images = make([]phostImageModel, len(result.images))
	for i, img := range result.images {
		ids[i] = img.ImageID
		config.Images[i] = newPHostImageModel(img)
	}
	config.IDs, diags = types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, &config)...)
}
