package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

var _ datasource.DataSourceWithConfigure = (*phostImageDataSource)(nil)

// NewPHostImageDataSource returns the imagepick_phost_image data source.
func NewPHostImageDataSource() datasource.DataSource { return &phostImageDataSource{} }

type phostImageDataSource struct{ data *providerData }

// phostImageDataSourceModel: os_type (in phostFilterModel) is a filter and a result at once; the image's status is
// image_status because status is the filter list.
type phostImageDataSourceModel struct {
	phostFilterModel
	MostRecent            types.Bool   `tfsdk:"most_recent"`
	ID                    types.String `tfsdk:"id"`
	Name                  types.String `tfsdk:"name"`
	OsName                types.String `tfsdk:"os_name"`
	SupportedMachineTypes []string     `tfsdk:"supported_machine_types"`
	Version               types.String `tfsdk:"version"`
	Type                  types.String `tfsdk:"type"`
	CreateTime            types.String `tfsdk:"create_time"`
	ImageStatus           types.String `tfsdk:"image_status"`
	Size                  types.Int64  `tfsdk:"size"`
	Description           types.String `tfsdk:"description"`
}

func (d *phostImageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_phost_image"
}

func (d *phostImageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := phostFilterAttributes(true)
	image := phostImageAttributes()
	image["image_status"] = image["status"]
	delete(image, "status")  // the filter list keeps the name status
	delete(image, "os_type") // the filter, Computed in this form, carries the image's distribution
	maps.Copy(attributes, image)
	attributes["most_recent"] = schema.BoolAttribute{Optional: true,
		MarkdownDescription: "When several images match, take the newest instead of failing: the first in order of " +
			"`create_time` descending, ties broken by name then ID (numbers in names compare as numbers), images without a " +
			"creation time counting as the oldest. Defaults to `false`."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds exactly one UCloud bare-metal (UPHost) image with the `DescribePHostImage` API, and fails " +
			"when the filters match none (showing how many images each filter left) or several (listing up to five candidates, " +
			"newest first) unless `most_recent = true`. `region`, `project_id`, `availability_zone`, `image_ids`, `image_type`, " +
			"`machine_type` and `cluster` are sent to the API; `name_regex`, `os_type` and `status` are applied locally. The " +
			"image's attributes are at the top level, its status as `image_status`. Use `imagepick_phost_images` to list several images.",
		Attributes: attributes,
	}
}

func (d *phostImageDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *phostImageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config phostImageDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Newest first, so that most_recent takes the first image and candidates are listed newest first.
	result, diags := queryPHostImages(ctx, d.data, "imagepick_phost_image", &config.phostFilterModel,
		selection.SortByCreateTime, selection.OrderDesc)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	img, diags := pickOne("imagepick_phost_image", result.images, result.funnel, result.filters,
		config.MostRecent.ValueBool(), phostCandidate)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	m := newPHostImageModel(img)
	config.ID, config.Name, config.OsType, config.OsName = m.ID, m.Name, m.OsType, m.OsName
	config.SupportedMachineTypes, config.Version, config.Type = m.SupportedMachineTypes, m.Version, m.Type
	config.CreateTime, config.ImageStatus, config.Size, config.Description = m.CreateTime, m.Status, m.Size, m.Description
	resp.Diagnostics.Append(setState(ctx, &resp.State, &config)...)
}
