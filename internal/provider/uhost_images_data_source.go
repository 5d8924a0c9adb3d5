package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

var _ datasource.DataSourceWithConfigure = (*uhostImagesDataSource)(nil)

// NewUHostImagesDataSource returns the imagepick_uhost_images data source.
func NewUHostImagesDataSource() datasource.DataSource { return &uhostImagesDataSource{} }

type uhostImagesDataSource struct{ data *providerData }

type uhostImagesDataSourceModel struct {
	uhostImageQueryModel
	sortModel
	IDs    []string          `tfsdk:"ids"`    // computed only, never null
	Images []uhostImageModel `tfsdk:"images"` // computed only, never null
}

// uhostSortBy lists what the list can be ordered by; uhostDefaultSort is also the exactly-one form's order.
var uhostSortBy = []selection.SortBy{selection.SortByCreateTime, selection.SortByName, selection.SortByID}

const uhostDefaultSort = selection.SortByCreateTime

func (d *uhostImagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_uhost_images"
}

func (d *uhostImagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := uhostImageQueryAttributes(false)
	maps.Copy(attributes, sortAttributes(uhostDefaultSort, uhostSortBy))
	attributes["ids"] = schema.ListAttribute{Computed: true, ElementType: types.StringType,
		MarkdownDescription: "IDs of the matching images, in the order of `images`."}
	attributes["images"] = schema.ListNestedAttribute{Computed: true,
		MarkdownDescription: "Every matching image (all pages of the API), newest first unless `sort_by`/`sort_order` say " +
			"otherwise. Empty, not an error, when nothing matches.",
		NestedObject: schema.NestedAttributeObject{Attributes: uhostImageAttributes()}}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Lists UHost (cloud server) images with the UCloud `DescribeImage` API. "+
			"`region`, `project_id`, `availability_zone`, `image_ids`, `image_type`, `os_type`, `func_type`, `business_group` "+
			"and `include_prices` are sent to the API; `status` (default `[\"%s\"]`), `name_regex`, `features`, `gpu_type`, "+
			"`scene_category`, `architecture` and `exclude_eol` are applied locally to every image the API returns. "+
			"The order never depends on the API's: newest first, ties broken by name then ID. "+
			"Use `imagepick_uhost_image` to select exactly one image.", uhostDefaultStatus),
		Attributes: attributes,
	}
}

func (d *uhostImagesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *uhostImagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model uhostImagesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sel, diags := selectUHostImages(ctx, d.data, &model.uhostImageQueryModel, "imagepick_uhost_images")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	by, order := resolveSort(&model.sortModel, uhostDefaultSort)
	selection.Sort(sel.images, uhostImageKey, by, order)

	model.IDs = make([]string, 0, len(sel.images))
	model.Images = make([]uhostImageModel, 0, len(sel.images))
	for _, img := range sel.images {
		model.IDs = append(model.IDs, img.ImageID)
		model.Images = append(model.Images, uhostImageFromAPI(img))
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, &model)...)
}
