package provider

import (
	"context"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// The Zenlayer bare-metal family: imagepick_bmc_images, imagepick_bmc_image and imagepick_bmc_image_ids, over
// the BMC DescribeImages action.

// The Zenlayer enumerations in the API's spelling, which is also how they are sent and read back.
var (
	bmcCatalogs   = []string{"centos", "windows", "ubuntu", "debian", "esxi"}
	bmcImageTypes = []string{"PUBLIC_IMAGE", "CUSTOM_IMAGE"}
	bmcOsTypes    = []string{"linux", "windows"}
)

type bmcImage = client.BMCImage

var bmcFamily = &family[client.DescribeImagesRequest, bmcImage]{
	name:  "bmc",
	title: "Zenlayer bare-metal (BMC)",
	api:   "the Zenlayer BMC `DescribeImages` API",
	cloud: zenlayerCloud,
	filters: []filter[client.DescribeImagesRequest, bmcImage]{
		{
			name:        imageIDsFilter,
			kind:        listFilter,
			description: "Only these image IDs. A list finding fewer warns naming each one missing.",
			param:       "imageIds",
			send:        func(r *client.DescribeImagesRequest, v filterValue) { r.ImageIDs = v.list },
			verify:      verifyIDs(func(img *bmcImage) string { return img.ImageID }),
			unique:      true,
		},
		{
			name: "name",
			kind: textFilter,
			description: "Only the image with exactly this name, such as `Ubuntu22.04-x86_64` (letter case matters, as the " +
				"API compares it); use `name_regex` for partial matches.",
			param:  "imageName",
			send:   func(r *client.DescribeImagesRequest, v filterValue) { r.ImageName = v.text },
			verify: verifyExact(func(img *bmcImage) string { return img.ImageName }),
		},
		{
			name:        "catalog",
			kind:        enumFilter,
			allowed:     bmcCatalogs,
			description: "Image catalog (distribution family).",
			param:       "catalog",
			send:        func(r *client.DescribeImagesRequest, v filterValue) { r.Catalog = v.text },
			verify:      verifyFold(func(img *bmcImage) string { return img.Catalog }),
		},
		{
			name:        "image_type",
			kind:        enumFilter,
			allowed:     bmcImageTypes,
			description: "Image type (custom images are created by Zenlayer support on request).",
			param:       "imageType",
			send:        func(r *client.DescribeImagesRequest, v filterValue) { r.ImageType = v.text },
			verify:      verifyFold(func(img *bmcImage) string { return img.ImageType }),
		},
		{
			name:        "os_type",
			kind:        enumFilter,
			allowed:     bmcOsTypes,
			description: "Operating system type.",
			param:       "osType",
			send:        func(r *client.DescribeImagesRequest, v filterValue) { r.OsType = v.text },
			verify:      verifyFold(func(img *bmcImage) string { return img.OsType }),
		},
		{
			name: "instance_type_id",
			kind: textFilter,
			description: "Only images that install on this bare-metal instance type, such as `S9I` or `M6C`; an instance " +
				"type Zenlayer does not know is an error.",
			param: "instanceTypeId",
			send:  func(r *client.DescribeImagesRequest, v filterValue) { r.InstanceTypeID = v.text },
		},
		{
			name:        "name_regex",
			kind:        regexFilter,
			description: "Regular expression the image name must match, such as `^Ubuntu22\\\\.04`.",
			keep:        keepNameMatching(func(img *bmcImage) string { return img.ImageName }),
		},
	},
	fields: []imageField[bmcImage]{
		text("id", "Image ID, the value of `image_id` of `zenlayercloud_bmc_instance`.",
			func(img *bmcImage) string { return img.ImageID }),
		text("name", "Image name, such as `Ubuntu22.04-x86_64`.",
			func(img *bmcImage) string { return img.ImageName }),
		text("catalog", "Image catalog (distribution family), read back in lowercase: "+quoted(bmcCatalogs)+".",
			func(img *bmcImage) string { return canonicalOrAsIs(img.Catalog, bmcCatalogs) }),
		text("type", "Image type, read back in uppercase: "+quoted(bmcImageTypes)+".",
			func(img *bmcImage) string { return canonicalOrAsIs(img.ImageType, bmcImageTypes) }),
		text("os_type", "Operating system type, read back in lowercase: "+quoted(bmcOsTypes)+".",
			func(img *bmcImage) string { return canonicalOrAsIs(img.OsType, bmcOsTypes) }),
	},
	key: func(img *bmcImage) selection.Key {
		return selection.Key{ID: img.ImageID, Name: img.ImageName}
	},
	sortBy: []selection.SortBy{selection.SortByName, selection.SortByID},
	fetch: func(ctx context.Context, pd *providerData, req client.DescribeImagesRequest) ([]bmcImage, error) {
		return pd.zenlayer.client.DescribeImages(ctx, req)
	},
	notes: "Zenlayer images have no creation time, so they are ordered by name and there is no `most_recent`. The BMC " +
		"API reports no image status, so there is no `status` filter: every image it returns is ready to install.",
	apiFaults: map[client.ErrorKind]apiFault{
		client.KindInstanceTypeNotFound: {
			attribute: "instance_type_id",
			summary:   "Instance Type Not Found",
			detail: "Zenlayer does not know this instance type. Check instance_type_id against the instance types of your " +
				"Zenlayer account, such as \"M6C\".",
		},
	},
}
