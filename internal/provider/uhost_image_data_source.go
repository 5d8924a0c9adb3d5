package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

var _ datasource.DataSourceWithConfigure = (*uhostImageDataSource)(nil)

// NewUHostImageDataSource returns the imagepick_uhost_image data source.
func NewUHostImageDataSource() datasource.DataSource { return &uhostImageDataSource{} }

type uhostImageDataSource struct{ data *providerData }

// uhostImageDataSourceModel puts the picked image at the top level. func_type, os_type, architecture, features
// and business_group (in uhostImageQueryModel) are filters and results at once; the image's own status is
// image_status because status is the list of statuses to keep.
type uhostImageDataSourceModel struct {
	uhostImageQueryModel
	MostRecent         types.Bool             `tfsdk:"most_recent"`
	ID                 types.String           `tfsdk:"id"`
	Name               types.String           `tfsdk:"name"`
	Zone               types.String           `tfsdk:"zone"`
	Type               types.String           `tfsdk:"type"`
	OsName             types.String           `tfsdk:"os_name"`
	CreateTime         types.String           `tfsdk:"create_time"`
	Size               types.Int64            `tfsdk:"size"`
	ImageStatus        types.String           `tfsdk:"image_status"`
	Description        types.String           `tfsdk:"description"`
	MinimalCPU         types.String           `tfsdk:"minimal_cpu"`
	EOLDate            types.String           `tfsdk:"eol_date"`
	SupportedGPUTypes  []string               `tfsdk:"supported_gpu_types"`
	SceneCategories    []string               `tfsdk:"scene_categories"`
	PrimarySoftware    types.String           `tfsdk:"primary_software"`
	IntegratedSoftware types.String           `tfsdk:"integrated_software"`
	Vendor             types.String           `tfsdk:"vendor"`
	Links              types.String           `tfsdk:"links"`
	DataSnapshotIDs    []string               `tfsdk:"data_snapshot_ids"`
	Prices             []uhostImagePriceModel `tfsdk:"prices"`
}

func (d *uhostImageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_uhost_image"
}

func (d *uhostImageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := uhostImageQueryAttributes(true)
	for name, attribute := range uhostImageAttributes() {
		if name == uhostStatusAttribute {
			name = uhostExactlyOneStatus
		}
		if _, isFilter := attributes[name]; !isFilter { // the filters that are also results describe both
			attributes[name] = attribute
		}
	}
	attributes["most_recent"] = schema.BoolAttribute{Optional: true,
		MarkdownDescription: "When several images match, take the newest instead of failing: the first in the default order " +
			"of `imagepick_uhost_images` (latest `create_time`; among equal times the highest name, numbers compared as " +
			"numbers so `Ubuntu 22.04` beats `Ubuntu 9.04`, then the highest ID). Defaults to `false`: several matches are an " +
			"error listing the candidates."}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Selects exactly one UHost (cloud server) image with the UCloud `DescribeImage` API "+
			"and puts its attributes at the top level (`id` is what an instance's `image_id` takes). Fails when the filters "+
			"match no image (showing every filter and how many images each one left) or several (listing up to %d candidates) "+
			"unless `most_recent = true`; never picks silently. "+
			"`region`, `project_id`, `availability_zone`, `image_ids`, `image_type`, `os_type`, `func_type`, `business_group` "+
			"and `include_prices` are sent to the API; `status` (default `[\"%s\"]`), `name_regex`, `features`, `gpu_type`, "+
			"`scene_category`, `architecture` and `exclude_eol` are applied locally. Picking a marketplace (`Business`) image or "+
			"one whose operating system is past its end of life succeeds with a warning. "+
			"Use `imagepick_uhost_images` to list images.", maxCandidates, uhostDefaultStatus),
		Attributes: attributes,
	}
}

func (d *uhostImageDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *uhostImageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	const dataSource = "imagepick_uhost_image"
	var model uhostImageDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sel, diags := selectUHostImages(ctx, d.data, &model.uhostImageQueryModel, dataSource)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Newest first, so that most_recent takes the first and the candidates of an ambiguity error are the newest.
	selection.Sort(sel.images, uhostImageKey, uhostDefaultSort, selection.OrderDesc)
	img, diags := pickOne(dataSource, sel.images, sel.funnel, sel.filters, model.MostRecent.ValueBool(), uhostCandidate)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(uhostPickWarnings(dataSource, img, time.Now())...)

	model.setImage(uhostImageFromAPI(img))
	resp.Diagnostics.Append(setState(ctx, &resp.State, &model)...)
}

// setImage puts the picked image at the top level, including the filters that are results too.
func (m *uhostImageDataSourceModel) setImage(img uhostImageModel) {
	m.ID = types.StringValue(img.ID)
	m.Name = types.StringValue(img.Name)
	m.Zone = types.StringValue(img.Zone)
	m.Type = types.StringValue(img.Type)
	m.FuncType = types.StringValue(img.FuncType)
	m.OsType = types.StringValue(img.OsType)
	m.OsName = types.StringValue(img.OsName)
	m.Architecture = types.StringValue(img.Architecture)
	m.Features = uhostStringListValue(img.Features)
	m.CreateTime = types.StringValue(img.CreateTime)
	m.Size = types.Int64Value(img.Size)
	m.ImageStatus = types.StringValue(img.Status)
	m.Description = types.StringValue(img.Description)
	m.MinimalCPU = types.StringValue(img.MinimalCPU)
	m.EOLDate = types.StringValue(img.EOLDate)
	m.SupportedGPUTypes = img.SupportedGPUTypes
	m.SceneCategories = img.SceneCategories
	m.PrimarySoftware = types.StringValue(img.PrimarySoftware)
	m.IntegratedSoftware = types.StringValue(img.IntegratedSoftware)
	m.Vendor = types.StringValue(img.Vendor)
	m.Links = types.StringValue(img.Links)
	m.DataSnapshotIDs = img.DataSnapshotIDs
	m.BusinessGroup = types.StringValue(img.BusinessGroup)
	m.Prices = img.Prices
}

// uhostPickWarnings flags a pick that works today but that users usually do not want by accident.
func uhostPickWarnings(dataSource string, img client.UHostImage, now time.Time) diag.Diagnostics {
	var diags diag.Diagnostics
	if img.ImageType == uhostBusinessType {
		diags.AddWarning("Marketplace Image Selected",
			fmt.Sprintf("%s selected %s (%q), a marketplace (Business) image: it may be charged on top of the instance and is "+
				"maintained by its vendor. Set image_type = \"Base\" to keep to UCloud's own images.",
				dataSource, img.ImageID, img.ImageName))
	}
	if selection.EOLPassed(img.MaintainEol, now.UTC()) {
		diags.AddWarning("Image Past End of Life",
			fmt.Sprintf("%s selected %s (%q), whose operating system reached its end of life on %s and no longer gets "+
				"security updates. Choose a newer release, or set exclude_eol = true to leave such images out.",
				dataSource, img.ImageID, img.ImageName, selection.EOLDate(img.MaintainEol)))
	}
	return diags
}

func uhostCandidate(img client.UHostImage) candidate {
	return candidate{ID: img.ImageID, Name: img.ImageName, Created: selection.FormatTime(img.CreateTime)}
}
