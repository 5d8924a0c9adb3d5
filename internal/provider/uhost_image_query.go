package provider

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/provider/validators"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// This file holds what imagepick_uhost_images and imagepick_uhost_image share: the filter arguments, their
// resolution into one DescribeImage query plus local stages, and the mapping of an image to state.

// Enumerations in the API's spelling: accepted in any letter case, sent and read back in this spelling.
var (
	uhostImageTypes    = []string{"Base", "Business", "Custom"}
	uhostOsTypes       = []string{"Linux", "Windows"}
	uhostFuncTypes     = []string{"gpu", "app", "uhost"}
	uhostImageStatuses = []string{"Available", "Making", "Unavailable", "Copying"}
	uhostArchitectures = []string{uhostArchX86, uhostArchARM}
)

const (
	uhostArchX86 = "x86_64"
	uhostArchARM = "aarch64"
	// uhostARMFeature is the feature UCloud puts on ARM images; every other image is x86_64.
	uhostARMFeature       = "Aarch64_Type"
	uhostDefaultStatus    = "Available"
	uhostBusinessType     = "Business"
	uhostImageIDExample   = "uimage-xxxxxxxx"
	uhostStatusAttribute  = "status"
	uhostExactlyOneStatus = "image_status"
)

// uhostImageQueryModel holds the filter arguments; both data source models embed it. Read writes back the defaults
// it used (region, project_id, availability_zone, status) and the canonical spelling of enumerations.
type uhostImageQueryModel struct {
	Region           types.String `tfsdk:"region"`
	ProjectID        types.String `tfsdk:"project_id"`
	AvailabilityZone types.String `tfsdk:"availability_zone"`
	ImageIDs         types.List   `tfsdk:"image_ids"`
	ImageType        types.String `tfsdk:"image_type"`
	OsType           types.String `tfsdk:"os_type"`
	FuncType         types.String `tfsdk:"func_type"`
	BusinessGroup    types.String `tfsdk:"business_group"`
	IncludePrices    types.Bool   `tfsdk:"include_prices"`
	NameRegex        types.String `tfsdk:"name_regex"`
	Status           types.List   `tfsdk:"status"`
	Features         types.List   `tfsdk:"features"`
	GPUType          types.String `tfsdk:"gpu_type"`
	SceneCategory    types.String `tfsdk:"scene_category"`
	Architecture     types.String `tfsdk:"architecture"`
	ExcludeEOL       types.Bool   `tfsdk:"exclude_eol"`
}

// uhostImageModel is one image in state: an element of images, and the top level of the exactly-one form.
type uhostImageModel struct {
	ID                 string                 `tfsdk:"id"`
	Name               string                 `tfsdk:"name"`
	Zone               string                 `tfsdk:"zone"`
	Type               string                 `tfsdk:"type"`
	FuncType           string                 `tfsdk:"func_type"`
	OsType             string                 `tfsdk:"os_type"`
	OsName             string                 `tfsdk:"os_name"`
	Architecture       string                 `tfsdk:"architecture"`
	Features           []string               `tfsdk:"features"`
	CreateTime         string                 `tfsdk:"create_time"`
	Size               int64                  `tfsdk:"size"`
	Status             string                 `tfsdk:"status"`
	Description        string                 `tfsdk:"description"`
	MinimalCPU         string                 `tfsdk:"minimal_cpu"`
	EOLDate            string                 `tfsdk:"eol_date"`
	SupportedGPUTypes  []string               `tfsdk:"supported_gpu_types"`
	SceneCategories    []string               `tfsdk:"scene_categories"`
	PrimarySoftware    string                 `tfsdk:"primary_software"`
	IntegratedSoftware string                 `tfsdk:"integrated_software"`
	Vendor             string                 `tfsdk:"vendor"`
	Links              string                 `tfsdk:"links"`
	DataSnapshotIDs    []string               `tfsdk:"data_snapshot_ids"`
	BusinessGroup      string                 `tfsdk:"business_group"`
	Prices             []uhostImagePriceModel `tfsdk:"prices"`
}

type uhostImagePriceModel struct {
	ChargeType    string  `tfsdk:"charge_type"`
	Price         float64 `tfsdk:"price"`
	OriginalPrice float64 `tfsdk:"original_price"`
}

// uhostImageSelection is the outcome of a query: the images every filter kept (a new slice, in no particular
// order), and what an error message needs to explain it.
type uhostImageSelection struct {
	images  []client.UHostImage
	funnel  string   // "N fetched, M after status, ..."
	filters []string // every filter applied, server-side and local, defaults included
}

// uhostImageQueryAttributes declares the filter arguments. In the exactly-one form the arguments that share a
// name with an image attribute (func_type, os_type, architecture, features, business_group) are also Computed:
// they read back as the picked image's value.
func uhostImageQueryAttributes(exactlyOne bool) map[string]schema.Attribute {
	readBack := func(what string) string {
		if !exactlyOne {
			return ""
		}
		return " Read back as the picked image's " + what + "."
	}
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	return map[string]schema.Attribute{
		"region": schema.StringAttribute{Optional: true, Computed: true, Validators: nonEmpty,
			MarkdownDescription: "Region to look in, such as `cn-bj2`. Sent to the API. Defaults to the provider's `ucloud.region`; " +
				"an error when neither is set."},
		"project_id": schema.StringAttribute{Optional: true, Computed: true, Validators: nonEmpty,
			MarkdownDescription: "Project to look in. Sent to the API. Defaults to the provider's `ucloud.project_id`, else the " +
				"account's default project."},
		"availability_zone": schema.StringAttribute{Optional: true, Computed: true, Validators: nonEmpty,
			MarkdownDescription: "Availability zone, such as `cn-bj2-05`. Sent to the API (`Zone`). Defaults to the provider's " +
				"`ucloud.zone`; when neither is set, images of every zone of the region are returned."},
		"image_ids": schema.ListAttribute{Optional: true, ElementType: types.StringType,
			Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.UniqueValues(),
				listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			MarkdownDescription: fmt.Sprintf("Only these image IDs, such as `%s`. Sent to the API (`ImageIds.N`).", uhostImageIDExample)},
		"image_type": schema.StringAttribute{Optional: true,
			Validators: []validator.String{validators.OneOfCaseInsensitive(uhostImageTypes...)},
			MarkdownDescription: fmt.Sprintf("Image type: %s (`Business` is the marketplace). Any letter case; sent to the API and "+
				"read back as spelled here, e.g. `base` is read back as `Base`.", quoted(uhostImageTypes))},
		"os_type": schema.StringAttribute{Optional: true, Computed: exactlyOne,
			Validators: []validator.String{validators.OneOfCaseInsensitive(uhostOsTypes...)},
			MarkdownDescription: fmt.Sprintf("Operating system family: %s. Any letter case; sent to the API and read back as "+
				"spelled here.", quoted(uhostOsTypes)) + readBack("OS family")},
		"func_type": schema.StringAttribute{Optional: true, Computed: exactlyOne,
			Validators: []validator.String{validators.OneOfCaseInsensitive(uhostFuncTypes...)},
			MarkdownDescription: fmt.Sprintf("Image purpose: %s. Any letter case; sent to the API and read back as spelled here "+
				"(lower case).", quoted(uhostFuncTypes)) + readBack("purpose (empty for plain OS images)")},
		"business_group": schema.StringAttribute{Optional: true, Computed: exactlyOne, Validators: nonEmpty,
			MarkdownDescription: "Business group of the image (the API's `Tag`, e.g. `Default`), matched exactly. Sent to the API." +
				readBack("business group")},
		"include_prices": schema.BoolAttribute{Optional: true,
			MarkdownDescription: "Whether to ask the API for image prices (`PriceSet=1`) and fill in `prices`. Defaults to `false`, " +
				"which leaves `prices` empty."},
		"name_regex": schema.StringAttribute{Optional: true, Validators: []validator.String{validators.Regexp()},
			MarkdownDescription: "RE2 regular expression the image name must match somewhere (unanchored: use `^` and `$` to " +
				"anchor). Applied locally. In HCL a backslash is doubled: `\"^Ubuntu\\\\s22\"`."},
		uhostStatusAttribute: schema.ListAttribute{Optional: true, Computed: true, ElementType: types.StringType,
			Validators: []validator.List{listvalidator.SizeAtLeast(1),
				listvalidator.ValueStringsAre(validators.OneOfCaseInsensitive(uhostImageStatuses...))},
			MarkdownDescription: fmt.Sprintf("Image statuses to keep: %s. Any letter case, read back as spelled here. Applied "+
				"locally. Defaults to `[\"%s\"]`, so images being made or withdrawn are left out unless asked for.",
				quoted(uhostImageStatuses), uhostDefaultStatus)},
		"features": schema.ListAttribute{Optional: true, Computed: exactlyOne, ElementType: types.StringType,
			Validators: []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			MarkdownDescription: "Features the image must all have, such as `CloudInit`, `HotPlug`, `IPv6`, `NetEnhanced_Ultra`, " +
				"`GPU`; any letter case. Applied locally." + readBack("whole feature list")},
		"gpu_type": schema.StringAttribute{Optional: true, Validators: nonEmpty,
			MarkdownDescription: "GPU type the image must support, such as `T4`, `V100S`, `A100` or `4090`; any letter case. " +
				"Applied locally on the image's `supported_gpu_types`."},
		"scene_category": schema.StringAttribute{Optional: true, Validators: nonEmpty,
			MarkdownDescription: "Scene category the image must belong to (one of its `scene_categories`); any letter case. " +
				"Applied locally."},
		"architecture": schema.StringAttribute{Optional: true, Computed: exactlyOne,
			Validators: []validator.String{validators.OneOfCaseInsensitive(uhostArchitectures...)},
			MarkdownDescription: fmt.Sprintf("CPU architecture: %s. Any letter case, read back as spelled here. Applied locally: "+
				"an image is `%s` when its features include `%s`, else `%s`.",
				quoted(uhostArchitectures), uhostArchARM, uhostARMFeature, uhostArchX86) + readBack("architecture")},
		"exclude_eol": schema.BoolAttribute{Optional: true,
			MarkdownDescription: "Whether to drop images whose operating system's end of life (`eol_date`) has passed, in UTC. " +
				"Applied locally. Defaults to `false`."},
	}
}

// uhostImageAttributes declares the computed attributes of one image.
func uhostImageAttributes() map[string]schema.Attribute {
	str := func(d string) schema.Attribute { return schema.StringAttribute{Computed: true, MarkdownDescription: d} }
	strs := func(d string) schema.Attribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: d}
	}
	return map[string]schema.Attribute{
		"id":   str(fmt.Sprintf("Image ID, such as `%s`: what an instance's `image_id` takes.", uhostImageIDExample)),
		"name": str("Image name, such as `Ubuntu 22.04 64位`."),
		"zone": str("Availability zone the image is in."),
		"type": str(fmt.Sprintf("Image type: %s.", quoted(uhostImageTypes))),
		"func_type": str(fmt.Sprintf("Image purpose: %s, or empty for a plain operating system image.",
			quoted(uhostFuncTypes))),
		"os_type":      str(fmt.Sprintf("Operating system family: %s.", quoted(uhostOsTypes))),
		"os_name":      str("Operating system name, such as `Ubuntu 22.04 64位`."),
		"architecture": str(fmt.Sprintf("CPU architecture: %s.", quoted(uhostArchitectures))),
		"features":     strs("Features of the image, as the API spells them (e.g. `CloudInit`, `HotPlug`, `Aarch64_Type`)."),
		"create_time":  str("Creation time, RFC 3339 in UTC (e.g. `2024-06-01T00:00:00Z`); empty when unknown."),
		"size":         schema.Int64Attribute{Computed: true, MarkdownDescription: "Image size in GB."},
		"status":       str(fmt.Sprintf("Image status: %s.", quoted(uhostImageStatuses))),
		"description":  str("Image description."),
		"minimal_cpu":  str("Smallest CPU platform the image runs on, as the API sends it; empty when none."),
		"eol_date": str("End of life of the operating system, `YYYY-MM-DD`; empty when unknown. Past this date " +
			"the image is dropped by `exclude_eol = true`."),
		"supported_gpu_types": strs("GPU types the image supports (GPU images), such as `T4`."),
		"scene_categories":    strs("Scene categories of the image (marketplace and application images)."),
		"primary_software":    str("Main software of an application or marketplace image."),
		"integrated_software": str("Software installed in the image, as the API lists it."),
		"vendor":              str("Vendor of a marketplace image."),
		"links":               str("Links of a marketplace image (documentation, vendor page)."),
		"data_snapshot_ids":   strs("IDs of the data disk snapshots of a custom image."),
		"business_group":      str("Business group of the image (the API's `Tag`)."),
		"prices": schema.ListNestedAttribute{Computed: true,
			MarkdownDescription: "Prices of a paid image, one per charge type; empty unless `include_prices = true`.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"charge_type":    str("Charge type, such as `Month`, `Year` or `Dynamic`."),
				"price":          schema.Float64Attribute{Computed: true, MarkdownDescription: "Price in yuan, after discounts."},
				"original_price": schema.Float64Attribute{Computed: true, MarkdownDescription: "Price in yuan before discounts."},
			}},
		},
	}
}

// selectUHostImages resolves the defaults into m, makes the one DescribeImage query the server-side filters
// describe (the client pages and coalesces it) and applies the local filters in named stages.
func selectUHostImages(ctx context.Context, pd *providerData, m *uhostImageQueryModel, dataSource string) (uhostImageSelection, diag.Diagnostics) {
	var diags diag.Diagnostics
	var sel uhostImageSelection
	if pd == nil {
		diags.AddError("Provider Not Configured",
			dataSource+" was read before the provider was configured. Please report this issue to the provider developers.")
		return sel, diags
	}

	req, filters := uhostImageRequest(ctx, pd, m, &diags)
	stages, local := uhostImageStages(ctx, m, &diags)
	if diags.HasError() {
		return sel, diags
	}
	if req.Region == "" {
		diags.Append(missingRegion())
		return sel, diags
	}
	if pd.ucloud.client == nil {
		diags.Append(missingCredentials("UCloud", dataSource, pd.ucloud.missing))
		return sel, diags
	}

	all, err := pd.ucloud.client.ListUHostImages(ctx, req)
	if err != nil {
		diags.Append(apiErrorDiagnostic(ctx, dataSource, err))
		return sel, diags
	}
	kept, counts := selection.Filter(all, stages)
	sel.images = kept
	sel.funnel = selection.Funnel(len(all), counts)
	sel.filters = append(filters, local...)
	return sel, diags
}

// uhostImageRequest builds the server-side query, writing defaults and canonical spellings back into m.
func uhostImageRequest(ctx context.Context, pd *providerData, m *uhostImageQueryModel, diags *diag.Diagnostics) (client.DescribeImageRequest, []string) {
	var req client.DescribeImageRequest
	var filters []string
	sent := func(name, value, param string) {
		if value != "" {
			filters = append(filters, fmt.Sprintf("%s = %q (sent as %s)", name, value, param))
		}
	}
	withDefault := func(v types.String, fallback string) types.String {
		if v.IsNull() || v.IsUnknown() {
			if fallback == "" {
				return types.StringNull()
			}
			return types.StringValue(fallback)
		}
		return v
	}
	m.Region = withDefault(m.Region, pd.ucloud.region)
	m.ProjectID = withDefault(m.ProjectID, pd.ucloud.projectID)
	m.AvailabilityZone = withDefault(m.AvailabilityZone, pd.ucloud.zone)
	req.Region = m.Region.ValueString()
	req.ProjectID = m.ProjectID.ValueString()
	req.Zone = m.AvailabilityZone.ValueString()
	sent("region", req.Region, "Region")
	sent("project_id", req.ProjectID, "ProjectId")
	sent("availability_zone", req.Zone, "Zone")

	req.ImageIDs = uhostStringList(ctx, m.ImageIDs, diags)
	if len(req.ImageIDs) > 0 {
		filters = append(filters, fmt.Sprintf("image_ids = %s (sent as ImageIds.N)", hclList(req.ImageIDs)))
	}
	req.ImageType = canonicalEnum(&m.ImageType, uhostImageTypes)
	req.OsType = canonicalEnum(&m.OsType, uhostOsTypes)
	req.FuncType = canonicalEnum(&m.FuncType, uhostFuncTypes)
	req.Tag = m.BusinessGroup.ValueString()
	req.PriceSet = m.IncludePrices.ValueBool()
	sent("image_type", req.ImageType, "ImageType")
	sent("os_type", req.OsType, "OsType")
	sent("func_type", req.FuncType, "FuncType")
	sent("business_group", req.Tag, "Tag")
	return req, filters
}

// uhostImageStages builds the local filters in the order they are applied, each named by its attribute; only
// the filters in use become stages, so the funnel reads "N fetched, M after status, 0 after name_regex".
func uhostImageStages(ctx context.Context, m *uhostImageQueryModel, diags *diag.Diagnostics) ([]selection.Stage[client.UHostImage], []string) {
	var stages []selection.Stage[client.UHostImage]
	var filters []string
	add := func(name, detail string, keep func(client.UHostImage) bool) {
		stages = append(stages, selection.Stage[client.UHostImage]{Name: name, Detail: detail, Keep: keep})
		filters = append(filters, fmt.Sprintf("%s = %s (applied locally)", name, detail))
	}

	statuses := uhostStringList(ctx, m.Status, diags)
	statusDetail := ""
	if len(statuses) == 0 {
		statuses = []string{uhostDefaultStatus}
		statusDetail = "; the default"
	}
	for i, s := range statuses {
		if c, ok := selection.Canonical(s, uhostImageStatuses); ok {
			statuses[i] = c
		}
	}
	m.Status = uhostStringListValue(statuses)
	stages = append(stages, selection.Stage[client.UHostImage]{Name: uhostStatusAttribute, Detail: hclList(statuses),
		Keep: func(img client.UHostImage) bool { return selection.ContainsFold(statuses, img.State) }})
	filters = append(filters, fmt.Sprintf("status = %s (applied locally%s)", hclList(statuses), statusDetail))

	if !m.NameRegex.IsNull() {
		// The validator has compiled it already; an error here would be a provider bug, reported as such.
		re, err := regexp.Compile(m.NameRegex.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("name_regex"), "Invalid Regular Expression",
				fmt.Sprintf("name_regex does not compile. Please report this issue to the provider developers.\n\nError: %s", err))
		} else {
			add("name_regex", strconv.Quote(re.String()), func(img client.UHostImage) bool { return re.MatchString(img.ImageName) })
		}
	}
	if features := uhostStringList(ctx, m.Features, diags); len(features) > 0 {
		add("features", hclList(features), func(img client.UHostImage) bool { return selection.ContainsAllFold(img.Features, features) })
	}
	if gpu := m.GPUType.ValueString(); gpu != "" {
		add("gpu_type", strconv.Quote(gpu), func(img client.UHostImage) bool { return selection.ContainsFold(img.SupportedGPUTypes, gpu) })
	}
	if scene := m.SceneCategory.ValueString(); scene != "" {
		add("scene_category", strconv.Quote(scene), func(img client.UHostImage) bool { return selection.ContainsFold(img.SceneCategories, scene) })
	}
	if arch := canonicalEnum(&m.Architecture, uhostArchitectures); arch != "" {
		add("architecture", strconv.Quote(arch), func(img client.UHostImage) bool { return uhostArchitecture(img) == arch })
	}
	if m.ExcludeEOL.ValueBool() {
		today := time.Now().UTC()
		add("exclude_eol", fmt.Sprintf("true (today is %s UTC)", today.Format(time.DateOnly)),
			func(img client.UHostImage) bool { return !selection.EOLPassed(img.MaintainEol, today) })
	}
	return stages, filters
}

// uhostArchitecture derives the CPU architecture, which the API states only as a feature of ARM images.
func uhostArchitecture(img client.UHostImage) string {
	if selection.ContainsFold(img.Features, uhostARMFeature) {
		return uhostArchARM
	}
	return uhostArchX86
}

// uhostImageKey is what images are sorted by.
func uhostImageKey(img client.UHostImage) selection.Key {
	return selection.Key{ID: img.ImageID, Name: img.ImageName, Created: img.CreateTime}
}

// uhostImageFromAPI maps an image to state. Lists are never null: an image without features has [].
func uhostImageFromAPI(img client.UHostImage) uhostImageModel {
	prices := make([]uhostImagePriceModel, 0, len(img.PriceSet))
	for _, p := range img.PriceSet {
		prices = append(prices, uhostImagePriceModel{ChargeType: p.ChargeType, Price: p.Price, OriginalPrice: p.OriginalPrice})
	}
	return uhostImageModel{
		ID:                 img.ImageID,
		Name:               img.ImageName,
		Zone:               img.Zone,
		Type:               img.ImageType,
		FuncType:           img.FuncType,
		OsType:             img.OsType,
		OsName:             img.OsName,
		Architecture:       uhostArchitecture(img),
		Features:           uhostNonNil(img.Features),
		CreateTime:         selection.FormatTime(img.CreateTime),
		Size:               img.ImageSize,
		Status:             img.State,
		Description:        img.ImageDescription,
		MinimalCPU:         img.MinimalCPU,
		EOLDate:            selection.EOLDate(img.MaintainEol),
		SupportedGPUTypes:  uhostNonNil(img.SupportedGPUTypes),
		SceneCategories:    uhostNonNil(img.SceneCategories),
		PrimarySoftware:    img.PrimarySoftware,
		IntegratedSoftware: img.IntegratedSoftware,
		Vendor:             img.Vendor,
		Links:              img.Links,
		DataSnapshotIDs:    uhostNonNil(img.DataSnapshotIDs),
		BusinessGroup:      img.Tag,
		Prices:             prices,
	}
}

// canonicalEnum rewrites a set enumeration in its canonical spelling and returns it ("" when null).
func canonicalEnum(v *types.String, allowed []string) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	c, ok := selection.Canonical(v.ValueString(), allowed)
	if !ok {
		return v.ValueString() // the validator rejects this before Read; send it unchanged rather than drop it
	}
	*v = types.StringValue(c)
	return c
}

func uhostStringList(ctx context.Context, l types.List, diags *diag.Diagnostics) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

func uhostStringListValue(values []string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

func uhostNonNil(values []string) []string {
	if values == nil {
		return []string{}
	}
	return values
}
