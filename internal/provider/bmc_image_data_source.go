package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

var (
	_ datasource.DataSourceWithConfigure      = (*bmcImageDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*bmcImageDataSource)(nil)
)

// NewBMCImageDataSource returns the imagepick_bmc_image data source.
func NewBMCImageDataSource() datasource.DataSource { return &bmcImageDataSource{} }

type bmcImageDataSource struct{ data *providerData }

// bmcImageDataSourceModel: name, catalog and os_type (in bmcQueryModel) are filters and results at once.
type bmcImageDataSourceModel struct {
	bmcQueryModel
	MostRecent types.Bool   `tfsdk:"most_recent"`
	ID         types.String `tfsdk:"id"`
	Type       types.String `tfsdk:"type"`
}

// bmcMostRecentRefusal explains why most_recent cannot work here.
const bmcMostRecentRefusal = "Zenlayer images have no creation time, so there is no most recent one; narrow the query " +
	"with name, name_regex, catalog or image_ids, or use imagepick_bmc_images with sort_by"

func (d *bmcImageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bmc_image"
}

func (d *bmcImageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := bmcQueryAttributes(true)
	maps.Copy(attributes, map[string]schema.Attribute{
		"most_recent": schema.BoolAttribute{Optional: true,
			MarkdownDescription: "Not supported: " + bmcMostRecentRefusal + ". `true` is rejected by `terraform validate`; " +
				"the attribute exists so that configurations written for `imagepick_uhost_image` get this explanation."},
		"id":   schema.StringAttribute{Computed: true, MarkdownDescription: bmcIDDescription},
		"type": schema.StringAttribute{Computed: true, MarkdownDescription: bmcTypeDescription},
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds exactly one Zenlayer bare-metal (BMC) image with the BMC `DescribeImages` API, and fails " +
			"when the filters match none or several (listing up to five candidates) rather than picking one silently. " +
			"`image_ids`, `name`, `catalog`, `image_type`, `os_type` and `instance_type_id` are sent to the API; " +
			"`name_regex` is applied locally. The image's `id`, `name`, `catalog`, `type` and `os_type` are at the top level. " +
			"Use `imagepick_bmc_images` to list several images.",
		Attributes: attributes,
	}
}

func (d *bmcImageDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *bmcImageDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var mostRecent types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("most_recent"), &mostRecent)...)
	if mostRecent.IsNull() || mostRecent.IsUnknown() || !mostRecent.ValueBool() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("most_recent"), "Most Recent Not Supported",
		bmcMostRecentRefusal+". Remove most_recent or set it to false.")
}

func (d *bmcImageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config bmcImageDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zc := zenlayerClient(d.data, "imagepick_bmc_image", &resp.Diagnostics)
	if zc == nil {
		return
	}

	result, diags := fetchBMCImages(ctx, zc, "imagepick_bmc_image", config.bmcQueryModel)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The candidates of an ambiguity error are shown in the list form's default order.
	sortBMCImages(result.images, bmcDefaultSort, selection.OrderDesc)
	img, diags := pickOne("imagepick_bmc_image", result.images, result.funnel, result.filters, false,
		bmcCandidate)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	m := newBMCImageModel(img)
	config.ID, config.Name, config.Catalog, config.Type, config.OsType = m.ID, m.Name, m.Catalog, m.Type, m.OsType
	resp.Diagnostics.Append(setState(ctx, &resp.State, &config)...)
}
