package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/provider/validators"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// The Zenlayer enumerations in the API's spelling, which is also how they are sent and read back.
var (
	bmcCatalogs   = []string{"centos", "windows", "ubuntu", "debian", "esxi"}
	bmcImageTypes = []string{"PUBLIC_IMAGE", "CUSTOM_IMAGE"}
	bmcOsTypes    = []string{"linux", "windows"}
)

// bmcDefaultSort is the order of both BMC data sources: Zenlayer images have no creation time, so names, compared
// version-aware ("Ubuntu24.04" after "Ubuntu22.04"), are the only meaningful order.
const bmcDefaultSort = selection.SortByName

var bmcSortBy = []selection.SortBy{selection.SortByName, selection.SortByID}

// bmcQueryModel holds the filters shared by imagepick_bmc_images and imagepick_bmc_image.
type bmcQueryModel struct {
	ImageIDs       types.List   `tfsdk:"image_ids"`
	Name           types.String `tfsdk:"name"`
	NameRegex      types.String `tfsdk:"name_regex"`
	Catalog        types.String `tfsdk:"catalog"`
	ImageType      types.String `tfsdk:"image_type"`
	OsType         types.String `tfsdk:"os_type"`
	InstanceTypeID types.String `tfsdk:"instance_type_id"`
}

// bmcImageModel is one image in imagepick_bmc_images.
type bmcImageModel struct {
	ID      types.String `tfsdk:"id"`
	Name    types.String `tfsdk:"name"`
	Catalog types.String `tfsdk:"catalog"`
	Type    types.String `tfsdk:"type"`
	OsType  types.String `tfsdk:"os_type"`
}

// Descriptions of the image attributes, shared by the list's nested objects and the exactly-one form's top level.
var (
	bmcIDDescription      = "Image ID, the value of `image_id` of `zenlayercloud_bmc_instance`."
	bmcNameDescription    = "Image name, such as `Ubuntu22.04-x86_64`."
	bmcCatalogDescription = "Image catalog (distribution family), read back in lowercase: " + quoted(bmcCatalogs) + "."
	bmcTypeDescription    = "Image type, read back in uppercase: " + quoted(bmcImageTypes) + "."
	bmcOsTypeDescription  = "Operating system type, read back in lowercase: " + quoted(bmcOsTypes) + "."
)

// bmcQueryAttributes declares the filters. In the exactly-one form name, catalog and os_type double as results
// (Optional + Computed: filled in from the image found when not set).
func bmcQueryAttributes(exactlyOne bool) map[string]schema.Attribute {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	filled := ""
	if exactlyOne {
		filled = " When not set, it is filled in from the image found."
	}
	return map[string]schema.Attribute{
		"image_ids": schema.ListAttribute{Optional: true, ElementType: types.StringType,
			Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(nonEmpty...)},
			MarkdownDescription: "Only these image IDs. Sent to the API (`imageIds`)."},
		"name": schema.StringAttribute{Optional: true, Computed: exactlyOne, Validators: nonEmpty,
			MarkdownDescription: "Only the image with exactly this name, such as `Ubuntu22.04-x86_64` (letter case matters, as the " +
				"API compares it). Sent to the API (`imageName`); use `name_regex` for partial matches." + filled},
		"name_regex": schema.StringAttribute{Optional: true,
			Validators: []validator.String{validators.Regexp()},
			MarkdownDescription: "Only images whose name matches this RE2 regular expression, such as `^Ubuntu22\\\\.04` " +
				"(in HCL a backslash is written twice). Applied locally, after the API's answer."},
		"catalog": schema.StringAttribute{Optional: true, Computed: exactlyOne,
			Validators: []validator.String{validators.OneOfCaseInsensitive(bmcCatalogs...)},
			MarkdownDescription: "Only images of this catalog (distribution family): " + quoted(bmcCatalogs) +
				", in any letter case. Sent to the API (`catalog`) in lowercase." + filled},
		"image_type": schema.StringAttribute{Optional: true,
			Validators: []validator.String{validators.OneOfCaseInsensitive(bmcImageTypes...)},
			MarkdownDescription: "Only images of this type: " + quoted(bmcImageTypes) + " (custom images are created by " +
				"Zenlayer support on request), in any letter case. Sent to the API (`imageType`) in uppercase."},
		"os_type": schema.StringAttribute{Optional: true, Computed: exactlyOne,
			Validators: []validator.String{validators.OneOfCaseInsensitive(bmcOsTypes...)},
			MarkdownDescription: "Only images of this operating system type: " + quoted(bmcOsTypes) +
				", in any letter case. Sent to the API (`osType`) in lowercase." + filled},
		"instance_type_id": schema.StringAttribute{Optional: true, Validators: nonEmpty,
			MarkdownDescription: "Only images that install on this bare-metal instance type, such as `S9I` or `M6C`. Sent to " +
				"the API (`instanceTypeId`); an instance type Zenlayer does not know is an error."},
	}
}

// bmcImageAttributes declares the attributes of one image, for the list's nested objects.
func bmcImageAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":      schema.StringAttribute{Computed: true, MarkdownDescription: bmcIDDescription},
		"name":    schema.StringAttribute{Computed: true, MarkdownDescription: bmcNameDescription},
		"catalog": schema.StringAttribute{Computed: true, MarkdownDescription: bmcCatalogDescription},
		"type":    schema.StringAttribute{Computed: true, MarkdownDescription: bmcTypeDescription},
		"os_type": schema.StringAttribute{Computed: true, MarkdownDescription: bmcOsTypeDescription},
	}
}

// bmcQueryResult is what fetchBMCImages found, with what a "no image" diagnostic needs.
type bmcQueryResult struct {
	images  []client.BMCImage // filtered, in the API's order; a new slice the caller may sort
	filters []string          // every filter applied, for messages
	funnel  string
}

// zenlayerClient returns the Zenlayer client, or nil after explaining which credentials are missing.
func zenlayerClient(pd *providerData, dataSource string, diags *diag.Diagnostics) *client.Zenlayer {
	if pd == nil {
		diags.AddError("Provider Not Configured",
			dataSource+" was read before the provider was configured. Please report this issue to the provider developers.")
		return nil
	}
	if pd.zenlayer.client == nil {
		diags.Append(missingCredentials("Zenlayer", dataSource, pd.zenlayer.missing))
		return nil
	}
	return pd.zenlayer.client
}

// fetchBMCImages sends the API filters in one DescribeImages call, then applies the local ones. It never modifies
// the client's (shared) answer.
func fetchBMCImages(ctx context.Context, zc *client.Zenlayer, dataSource string, q bmcQueryModel) (*bmcQueryResult, diag.Diagnostics) {
	var diags diag.Diagnostics
	req, filters, d := bmcRequest(ctx, q)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}

	var stages []selection.Stage[client.BMCImage]
	if !q.NameRegex.IsNull() {
		re, err := regexp.Compile(q.NameRegex.ValueString())
		if err != nil {
			// The validator has compiled it already; failing here would be a provider bug.
			diags.AddAttributeError(path.Root("name_regex"), "Invalid Regular Expression",
				fmt.Sprintf("name_regex must be an RE2 regular expression. Please report this issue to the provider developers "+
					"if terraform validate accepted it.\n\nError: %s", err))
			return nil, diags
		}
		detail := fmt.Sprintf("%q", q.NameRegex.ValueString())
		filters = append(filters, "name_regex = "+detail+" (applied locally)")
		stages = append(stages, selection.Stage[client.BMCImage]{Name: "name_regex", Detail: detail,
			Keep: func(img client.BMCImage) bool { return re.MatchString(img.ImageName) }})
	}

	fetched, err := zc.DescribeImages(ctx, req)
	if err != nil {
		diags.Append(apiErrorDiagnostic(ctx, dataSource, err))
		return nil, diags
	}
	kept, counts := selection.Filter(fetched, stages)
	return &bmcQueryResult{images: kept, filters: filters, funnel: selection.Funnel(len(fetched), counts)}, diags
}

// bmcRequest turns the API filters into a request in the API's spelling, and describes each one for messages.
func bmcRequest(ctx context.Context, q bmcQueryModel) (client.DescribeImagesRequest, []string, diag.Diagnostics) {
	var req client.DescribeImagesRequest
	var filters []string
	var diags diag.Diagnostics
	sent := func(name, value string) {
		filters = append(filters, fmt.Sprintf("%s = %q (sent to the API)", name, value))
	}

	if !q.ImageIDs.IsNull() {
		diags.Append(q.ImageIDs.ElementsAs(ctx, &req.ImageIDs, false)...)
		filters = append(filters, fmt.Sprintf("image_ids = %s (sent to the API)", hclList(req.ImageIDs)))
	}
	if !q.Name.IsNull() {
		req.ImageName = q.Name.ValueString()
		sent("name", req.ImageName)
	}
	enum := func(name string, value types.String, allowed []string, target *string) {
		if value.IsNull() {
			return
		}
		canonical, ok := selection.Canonical(value.ValueString(), allowed)
		if !ok {
			diags.AddAttributeError(path.Root(name), "Invalid Attribute Value",
				fmt.Sprintf("%s is %q; use one of %s.", name, value.ValueString(), quoted(allowed)))
			return
		}
		*target = canonical
		sent(name, canonical)
	}
	enum("catalog", q.Catalog, bmcCatalogs, &req.Catalog)
	enum("image_type", q.ImageType, bmcImageTypes, &req.ImageType)
	enum("os_type", q.OsType, bmcOsTypes, &req.OsType)
	if !q.InstanceTypeID.IsNull() {
		req.InstanceTypeID = q.InstanceTypeID.ValueString()
		sent("instance_type_id", req.InstanceTypeID)
	}
	return req, filters, diags
}

// sortBMCImages orders images in place; every BMC key has Created 0, so name and ID decide.
func sortBMCImages(images []client.BMCImage, by selection.SortBy, order selection.Order) {
	selection.Sort(images, func(img client.BMCImage) selection.Key {
		return selection.Key{ID: img.ImageID, Name: img.ImageName}
	}, by, order)
}

func newBMCImageModel(img client.BMCImage) bmcImageModel {
	return bmcImageModel{
		ID:      types.StringValue(img.ImageID),
		Name:    types.StringValue(img.ImageName),
		Catalog: types.StringValue(canonicalOrAsIs(img.Catalog, bmcCatalogs)),
		Type:    types.StringValue(canonicalOrAsIs(img.ImageType, bmcImageTypes)),
		OsType:  types.StringValue(canonicalOrAsIs(img.OsType, bmcOsTypes)),
	}
}

// canonicalOrAsIs reads an enumeration back in its documented spelling; a value the provider does not know yet
// (Zenlayer adds catalogs) is kept as the API sent it rather than dropped.
func canonicalOrAsIs(value string, allowed []string) string {
	if c, ok := selection.Canonical(value, allowed); ok {
		return c
	}
	return value
}

func bmcCandidate(img client.BMCImage) candidate {
	return candidate{ID: img.ImageID, Name: img.ImageName}
}
