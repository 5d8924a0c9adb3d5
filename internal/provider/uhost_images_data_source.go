package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// The UHost family: imagepick_uhost_images, imagepick_uhost_image and imagepick_uhost_image_ids, over UCloud's
// DescribeImage.

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
	uhostARMFeature   = "Aarch64_Type"
	uhostBusinessType = "Business"
)

type uhostImage = client.UHostImage

var uhostFamily = &family[client.DescribeImageRequest, uhostImage]{
	name:  "uhost",
	title: "UHost (cloud server)",
	api:   "the UCloud `DescribeImage` API",
	cloud: ucloudCloud,
	filters: []filter[client.DescribeImageRequest, uhostImage]{
		ucloudRegionFilter[client.DescribeImageRequest, uhostImage](func(r *client.DescribeImageRequest, v string) { r.Region = v }),
		ucloudProjectFilter[client.DescribeImageRequest, uhostImage](func(r *client.DescribeImageRequest, v string) { r.ProjectID = v }),
		{
			name: "availability_zone",
			kind: textFilter,
			description: "Availability zone, such as `cn-bj2-05`. Defaults to the provider's `ucloud.zone` (or `" + envUCloudZone +
				"`), which is what an instance in that zone can use; without either, or with `all_zones = true`, every zone " +
				"of the region is searched.",
			param:  "Zone",
			send:   func(r *client.DescribeImageRequest, v filterValue) { r.Zone = v.text },
			verify: verifyFold(func(img *uhostImage) string { return img.Zone }),
			scope:  true,
			locate: func(img *uhostImage) string { return img.Zone },
			narrowed: "%q is the provider's default zone (ucloud.zone or " + envUCloudZone + "), so the lookup looked in " +
				"that zone only: all_zones = true searches every zone of the region.",
			wider: "set all_zones = true to search every zone",
			fallback: func(pd *providerData, configured map[string]filterValue) filterValue {
				if configured["all_zones"].set {
					return filterValue{}
				}
				return textValue(pd.ucloud.zone)
			},
		},
		{
			name: "all_zones",
			kind: flagFilter,
			description: "Whether to search every zone of the region even when the provider has a default zone; each " +
				"image then tells its `zone`. Conflicts with `availability_zone`. Defaults to `false`.",
			effect:        "Leaves `Zone` out of the request.",
			conflictsWith: "availability_zone",
		},
		{
			name:        imageIDsFilter,
			kind:        listFilter,
			description: "Only these image IDs, such as `uimage-xxxxxxxx`. A list finding fewer warns naming each one missing.",
			param:       "ImageIds.N",
			send:        func(r *client.DescribeImageRequest, v filterValue) { r.ImageIDs = v.list },
			verify:      verifyIDs(func(img *uhostImage) string { return img.ImageID }),
			unique:      true,
		},
		{
			name:        "image_type",
			kind:        enumFilter,
			allowed:     uhostImageTypes,
			description: "Image type (`Business` is the marketplace).",
			param:       "ImageType",
			send:        func(r *client.DescribeImageRequest, v filterValue) { r.ImageType = v.text },
			verify:      verifyFold(func(img *uhostImage) string { return img.ImageType }),
		},
		{
			name:        "os_type",
			kind:        enumFilter,
			allowed:     uhostOsTypes,
			description: "Operating system family.",
			param:       "OsType",
			send:        func(r *client.DescribeImageRequest, v filterValue) { r.OsType = v.text },
			verify:      verifyFold(func(img *uhostImage) string { return img.OsType }),
		},
		{
			name:        "func_type",
			kind:        enumFilter,
			allowed:     uhostFuncTypes,
			description: "Image purpose; plain operating system images have none.",
			param:       "FuncType",
			send:        func(r *client.DescribeImageRequest, v filterValue) { r.FuncType = v.text },
			verify:      verifyFold(func(img *uhostImage) string { return img.FuncType }),
		},
		{
			name:        "business_group",
			kind:        textFilter,
			description: "Business group of the image (the API's `Tag`, such as `Default`), matched exactly.",
			param:       "Tag",
			send:        func(r *client.DescribeImageRequest, v filterValue) { r.Tag = v.text },
			verify:      verifyExact(func(img *uhostImage) string { return img.Tag }),
		},
		{
			name: "include_prices",
			kind: flagFilter,
			description: "Whether to ask for image prices and fill in `prices`. Defaults to `false`, which leaves `prices` " +
				"empty.",
			param: "PriceSet",
			send:  func(r *client.DescribeImageRequest, v filterValue) { r.PriceSet = v.flag },
		},
		{
			name:    "status",
			kind:    enumListFilter,
			allowed: uhostImageStatuses,
			description: "Image statuses to keep. Defaults to `[\"Available\"]`: unless `status` is set, all three " +
				"forms return only images usable now, so the exactly-one form never picks an image being made, copied or " +
				"withdrawn.",
			keep: keepList(func(img *uhostImage, statuses []string) bool { return selection.ContainsFold(statuses, img.State) }),
			fallback: func(*providerData, map[string]filterValue) filterValue {
				return listValue([]string{"Available"})
			},
		},
		{
			name:        "name_regex",
			kind:        regexFilter,
			description: "Regular expression the image name must match.",
			keep:        keepNameMatching(func(img *uhostImage) string { return img.ImageName }),
		},
		{
			name: "features",
			kind: listFilter,
			description: "Features the image must all have, such as `CloudInit`, `HotPlug`, `IPv6`, `NetEnhanced_Ultra` " +
				"or `GPU`, in any letter case.",
			keep: keepList(func(img *uhostImage, want []string) bool { return selection.ContainsAllFold(img.Features, want) }),
		},
		{
			name: "gpu_type",
			kind: textFilter,
			description: "GPU type the image must support (one of its `supported_gpu_types`), such as `T4`, `V100S`, " +
				"`A100` or `4090`, in any letter case.",
			keep: keepText(func(img *uhostImage, gpu string) bool { return selection.ContainsFold(img.SupportedGPUTypes, gpu) }),
		},
		{
			name:        "scene_category",
			kind:        textFilter,
			description: "Scene category the image must belong to (one of its `scene_categories`), in any letter case.",
			keep:        keepText(func(img *uhostImage, s string) bool { return selection.ContainsFold(img.SceneCategories, s) }),
		},
		{
			name:    "architecture",
			kind:    enumFilter,
			allowed: uhostArchitectures,
			description: fmt.Sprintf("CPU architecture: an image is `%s` when its features include `%s`, else `%s`.",
				uhostArchARM, uhostARMFeature, uhostArchX86),
			keep: keepText(func(img *uhostImage, arch string) bool { return uhostArchitecture(img) == arch }),
		},
		{
			name: "exclude_eol",
			kind: flagFilter,
			description: "Whether to leave out images whose operating system is past its end of life (`eol_date`), in " +
				"UTC. Defaults to `false`.",
			keep: func(filterValue) (func(*uhostImage) bool, error) {
				today := time.Now().UTC()
				return func(img *uhostImage) bool { return !selection.EOLPassed(img.MaintainEol, today) }, nil
			},
		},
	},
	fields: []imageField[uhostImage]{
		text("id", "Image ID, such as `uimage-xxxxxxxx`: what an instance's `image_id` takes.",
			func(img *uhostImage) string { return img.ImageID }),
		text("name", "Image name, such as `Ubuntu 22.04 64位`.",
			func(img *uhostImage) string { return img.ImageName }),
		text("zone", "Availability zone the image is in.",
			func(img *uhostImage) string { return img.Zone }),
		text("type", fmt.Sprintf("Image type: %s.", quoted(uhostImageTypes)),
			func(img *uhostImage) string { return img.ImageType }),
		text("func_type", fmt.Sprintf("Image purpose: %s, or empty for a plain operating system image.", quoted(uhostFuncTypes)),
			func(img *uhostImage) string { return img.FuncType }),
		text("os_type", fmt.Sprintf("Operating system family: %s.", quoted(uhostOsTypes)),
			func(img *uhostImage) string { return img.OsType }),
		text("os_name", "Operating system name, such as `Ubuntu 22.04 64位`.",
			func(img *uhostImage) string { return img.OsName }),
		text("architecture", fmt.Sprintf("CPU architecture: %s.", quoted(uhostArchitectures)),
			uhostArchitecture),
		texts("features", "Features of the image, as the API spells them (such as `CloudInit`, `HotPlug`, `Aarch64_Type`).",
			func(img *uhostImage) []string { return img.Features }),
		text("create_time", "Creation time, RFC 3339 in UTC (such as `2024-06-01T00:00:00Z`); empty when unknown.",
			func(img *uhostImage) string { return selection.FormatTime(img.CreateTime) }),
		number("size", "Image size in GB.",
			func(img *uhostImage) int64 { return img.ImageSize }),
		text("status", fmt.Sprintf("Image status: %s.", quoted(uhostImageStatuses)),
			func(img *uhostImage) string { return img.State }),
		text("description", "Image description.",
			func(img *uhostImage) string { return img.ImageDescription }),
		text("minimal_cpu", "Smallest CPU platform the image runs on, as the API sends it; empty when none.",
			func(img *uhostImage) string { return img.MinimalCPU }),
		text("eol_date", "End of life of the operating system, `YYYY-MM-DD`; empty when unknown. Past this date the image "+
			"is left out by `exclude_eol = true`.",
			func(img *uhostImage) string { return selection.EOLDate(img.MaintainEol) }),
		texts("supported_gpu_types", "GPU types the image supports (GPU images), such as `T4`.",
			func(img *uhostImage) []string { return img.SupportedGPUTypes }),
		texts("scene_categories", "Scene categories of the image (marketplace and application images).",
			func(img *uhostImage) []string { return img.SceneCategories }),
		text("primary_software", "Main software of an application or marketplace image.",
			func(img *uhostImage) string { return img.PrimarySoftware }),
		text("integrated_software", "Software installed in the image, as the API lists it.",
			func(img *uhostImage) string { return img.IntegratedSoftware }),
		text("vendor", "Vendor of a marketplace image.",
			func(img *uhostImage) string { return img.Vendor }),
		text("links", "Links of a marketplace image (documentation, vendor page).",
			func(img *uhostImage) string { return img.Links }),
		texts("data_snapshot_ids", "IDs of the data disk snapshots of a custom image.",
			func(img *uhostImage) []string { return img.DataSnapshotIDs }),
		text("business_group", "Business group of the image (the API's `Tag`).",
			func(img *uhostImage) string { return img.Tag }),
		objects("prices", "Prices of a paid image, one per charge type; empty unless `include_prices = true`.",
			func(img *uhostImage) []client.BasePriceSet { return img.PriceSet },
			text("charge_type", "Charge type, such as `Month`, `Year` or `Dynamic`.",
				func(p *client.BasePriceSet) string { return p.ChargeType }),
			decimal("price", "Price in yuan, after discounts.",
				func(p *client.BasePriceSet) float64 { return p.Price }),
			decimal("original_price", "Price in yuan before discounts.",
				func(p *client.BasePriceSet) float64 { return p.OriginalPrice }),
		),
	},
	key: func(img *uhostImage) selection.Key {
		return selection.Key{ID: img.ImageID, Name: img.ImageName, Created: img.CreateTime}
	},
	sortBy: []selection.SortBy{selection.SortByCreateTime, selection.SortByName, selection.SortByID},
	dated:  true,
	paged:  true,
	fetch: func(ctx context.Context, pd *providerData, req client.DescribeImageRequest) ([]uhostImage, error) {
		return pd.ucloud.client.ListUHostImages(ctx, req)
	},
	pickWarnings: uhostPickWarnings,
	notes:        "Unless `status` is set, only images usable now (`Available`) are returned.",
	pickNotes: "Picking a marketplace (`Business`) image, or one whose operating system is past its end of life, " +
		"succeeds with a warning.",
}

// uhostArchitecture derives the CPU architecture, which the API states only as a feature of ARM images.
func uhostArchitecture(img *uhostImage) string {
	if selection.ContainsFold(img.Features, uhostARMFeature) {
		return uhostArchARM
	}
	return uhostArchX86
}

// uhostPickWarnings flags a pick that works today but that users usually do not want by accident.
func uhostPickWarnings(dataSource string, img *uhostImage, now time.Time) diag.Diagnostics {
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
