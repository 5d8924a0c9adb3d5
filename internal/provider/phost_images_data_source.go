package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// The UPHost (bare metal) family: imagepick_phost_images, imagepick_phost_image and imagepick_phost_image_ids,
// over UCloud's DescribePHostImage.

// phostImageTypes are DescribePHostImage's ImageType values, in the API's spelling.
var phostImageTypes = []string{"Base", "Custom"}

// phostAvailable is the status of an image that can be used now.
const phostAvailable = "Available"

// phostDefaultCluster is the network cluster DescribePHostImage documents as its default when MachineType is sent.
const phostDefaultCluster = "25G"

type phostImage = client.PHostImage

var phostFamily = &family[client.DescribePHostImageRequest, phostImage]{
	name:  "phost",
	title: "UCloud bare-metal (UPHost)",
	api:   "the UCloud `DescribePHostImage` API",
	cloud: ucloudCloud,
	filters: []filter[client.DescribePHostImageRequest, phostImage]{
		ucloudRegionFilter[client.DescribePHostImageRequest, phostImage](func(r *client.DescribePHostImageRequest, v string) { r.Region = v }),
		ucloudProjectFilter[client.DescribePHostImageRequest, phostImage](func(r *client.DescribePHostImageRequest, v string) { r.ProjectID = v }),
		{
			name: "availability_zone",
			kind: textFilter,
			description: "Availability zone, such as `cn-bj2-05`; DescribePHostImage needs one. Defaults to the provider's " +
				"`ucloud.zone` (or `" + envUCloudZone + "`).",
			param: "Zone",
			send:  func(r *client.DescribePHostImageRequest, v filterValue) { r.Zone = v.text },
			scope: true,
			narrowed: "%q is the provider's default zone (ucloud.zone or " + envUCloudZone + "), so the lookup looked in " +
				"that zone only: DescribePHostImage needs a zone, so set availability_zone to the zone the images are in.",
			fallback: func(pd *providerData, _ map[string]filterValue) filterValue { return textValue(pd.ucloud.zone) },
			required: "DescribePHostImage needs an availability zone. Set availability_zone in this data source, ucloud.zone " +
				"in the provider block, or the " + envUCloudZone + " environment variable, for example \"cn-bj2-05\".",
		},
		{
			name:        imageIDsFilter,
			kind:        listFilter,
			description: "Only these image IDs, such as `pimg-cs-aqq0ym`. A list finding fewer warns naming each one missing.",
			param:       "ImageId.N",
			send:        func(r *client.DescribePHostImageRequest, v filterValue) { r.ImageIDs = v.list },
			verify:      verifyIDs(func(img *phostImage) string { return img.ImageID }),
			unique:      true,
		},
		{
			name:        "image_type",
			kind:        enumFilter,
			allowed:     phostImageTypes,
			description: "Image type.",
			param:       "ImageType",
			send:        func(r *client.DescribePHostImageRequest, v filterValue) { r.ImageType = v.text },
			verify:      verifyFold(func(img *phostImage) string { return img.ImageType }),
		},
		{
			name:        "machine_type",
			kind:        textFilter,
			description: "Only images that install on this bare-metal machine type of the zone, such as `G4`.",
			param:       "MachineType",
			send:        func(r *client.DescribePHostImageRequest, v filterValue) { r.MachineType = v.text },
			verify:      verifyListed(func(img *phostImage) []string { return img.Support }),
		},
		{
			name: "cluster",
			kind: textFilter,
			description: "Network cluster the machine type is offered on, such as `25G`; requires `machine_type`. With " +
				"`machine_type` set and `cluster` not, the API's documented default `" + phostDefaultCluster + "` is sent.",
			param:        "Cluster",
			send:         func(r *client.DescribePHostImageRequest, v filterValue) { r.Cluster = v.text },
			alsoRequires: "machine_type",
			fallback: func(_ *providerData, configured map[string]filterValue) filterValue {
				if !configured["machine_type"].set {
					return filterValue{}
				}
				return textValue(phostDefaultCluster)
			},
		},
		{
			name:        "name_regex",
			kind:        regexFilter,
			description: "Regular expression the image name must match, such as `^CentOS 7`.",
			keep:        keepNameMatching(func(img *phostImage) string { return img.ImageName }),
		},
		{
			name: "os_type",
			kind: textFilter,
			description: "Distribution, such as `CentOS`, `Ubuntu`, `Debian` or `Windows`, matched in any letter case " +
				"against each image's `os_type` (DescribePHostImage has no such filter).",
			keep: keepText(func(img *phostImage, os string) bool { return strings.EqualFold(img.OsType, os) }),
		},
		{
			name: "status",
			kind: listFilter,
			description: "Only images whose status is one of these, such as `[\"Available\", \"Making\"]`, in any letter " +
				"case. Defaults to `[\"Available\"]`, and the default also keeps images that report no status at all " +
				"(bare metal 1.0 images, which are usable): unless `status` is set, all three forms return only images " +
				"usable now, so the exactly-one form never picks an image being made. Set, it keeps only the statuses " +
				"listed, and images without a status never match.",
			keep: func(v filterValue) (func(*phostImage) bool, error) {
				return func(img *phostImage) bool {
					if img.State == "" {
						return v.defaulted
					}
					return selection.ContainsFold(v.list, img.State)
				}, nil
			},
			fallback: func(*providerData, map[string]filterValue) filterValue {
				return listValue([]string{phostAvailable})
			},
		},
	},
	fields: []imageField[phostImage]{
		text("id", "Image ID, such as `pimg-cs-aqq0ym`: the `image_id` of a bare-metal instance.",
			func(img *phostImage) string { return img.ImageID }),
		text("name", "Image name.",
			func(img *phostImage) string { return img.ImageName }),
		text("os_type", "Distribution, in the API's spelling, such as `CentOS` or `Ubuntu`.",
			func(img *phostImage) string { return img.OsType }),
		text("os_name", "Operating system name and version, such as `CentOS 7.6 64位`.",
			func(img *phostImage) string { return img.OsName }),
		texts("supported_machine_types", "Machine types the image installs on, in the API's order.",
			func(img *phostImage) []string { return img.Support }),
		text("version", "Current version of the image.",
			func(img *phostImage) string { return img.Version }),
		text("type", fmt.Sprintf("Image type: %s.", quoted(phostImageTypes)),
			func(img *phostImage) string { return img.ImageType }),
		text("create_time", "Creation time, RFC 3339 in UTC such as `2024-05-01T08:00:00Z`; empty when the API reports "+
			"none (bare metal 1.0).",
			func(img *phostImage) string { return selection.FormatTime(phostCreated(img)) }),
		text("status", "Image status as the API reports it; empty for bare metal 1.0 images.",
			func(img *phostImage) string { return img.State }),
		number("size", "Image size as the API reports it (the unit is not documented); 0 for bare metal 1.0 images.",
			func(img *phostImage) int64 { return img.ImageSize }),
		text("description", "Image description.",
			func(img *phostImage) string { return img.ImageDescription }),
	},
	key: func(img *phostImage) selection.Key {
		return selection.Key{ID: img.ImageID, Name: img.ImageName, Created: phostCreated(img)}
	},
	sortBy: []selection.SortBy{selection.SortByCreateTime, selection.SortByName, selection.SortByID},
	dated:  true,
	paged:  true,
	fetch: func(ctx context.Context, pd *providerData, req client.DescribePHostImageRequest) ([]phostImage, error) {
		return pd.ucloud.client.ListPHostImages(ctx, req)
	},
	notes: "Unless `status` is set, only images usable now are returned: `Available` ones, and bare metal 1.0 images, " +
		"which report no status. Images without a creation time (bare metal 1.0) count as the oldest.",
}

// phostCreated is an image's creation time in Unix seconds; 0 when the API sent none or a format we cannot read,
// which sorts as the oldest.
func phostCreated(img *phostImage) int64 {
	sec, _ := selection.ParseTime(img.CreateTime)
	return sec
}
