package provider

import (
	"context"
	"maps"
	"slices"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// The Zenlayer Elastic Compute (virtual machine) family: imagepick_zec_images, imagepick_zec_image and
// imagepick_zec_image_ids, over the ZEC DescribeImages action.

// The ZEC enumerations in the API's spelling, which is also how they are sent and read back.
var (
	zecImageTypes    = []string{"PUBLIC_IMAGE", "CUSTOM_IMAGE"}
	zecImageSources  = []string{"OFFICIAL", "MARKETING", "CUSTOM"}
	zecOsTypes       = []string{"windows", "linux", "bsd", "android", "any"}
	zecImageStatuses = []string{"CREATING", "AVAILABLE", "UNAVAILABLE", "SYNCING", "FAILED", "DELETING", "PROCESSING"}
)

// zecDefaultStatus is the status rule every family follows: unless asked, only images usable now.
const zecDefaultStatus = "AVAILABLE"

type zecImage = client.ZECImage

var zecFamily = &family[client.ZECImagesRequest, zecImage]{
	name:  "zec",
	title: "Zenlayer Elastic Compute (ZEC)",
	api:   "the Zenlayer ZEC `DescribeImages` API",
	cloud: zenlayerCloud,
	filters: []filter[client.ZECImagesRequest, zecImage]{
		{
			name:        "availability_zone",
			kind:        textFilter,
			description: "Zone whose images are listed, such as `asia-east-1a`.",
			param:       "zoneId",
			send:        func(r *client.ZECImagesRequest, v filterValue) { r.ZoneID = v.text },
			// Required in the schema too: there is no provider default to fall back on.
			required: "ZEC images are listed per zone. Set availability_zone in this data source to the zone of your " +
				"instances, for example \"asia-east-1a\".",
		},
		{
			name:        imageIDsFilter,
			kind:        listFilter,
			description: "Only these image IDs. A list finding fewer warns naming each one missing.",
			param:       "imageIds",
			send:        func(r *client.ZECImagesRequest, v filterValue) { r.ImageIDs = v.list },
			verify:      verifyIDs(func(img *zecImage) string { return img.ImageID }),
			unique:      true,
		},
		{
			name: "name",
			kind: textFilter,
			description: "Only images whose name contains this text, as the API's fuzzy name search judges it, such as " +
				"`Ubuntu`; use `name_regex` for an exact pattern.",
			param: "imageName",
			send:  func(r *client.ZECImagesRequest, v filterValue) { r.ImageName = v.text },
		},
		{
			name: "category",
			kind: textFilter,
			description: "Operating system category in the API's spelling, such as `Ubuntu`, `CentOS`, `Debian` or " +
				"`Windows`.",
			param:  "category",
			send:   func(r *client.ZECImagesRequest, v filterValue) { r.Category = v.text },
			verify: verifyFold(func(img *zecImage) string { return img.Category }),
		},
		{
			name:        "image_type",
			kind:        enumFilter,
			allowed:     zecImageTypes,
			description: "Image type: Zenlayer's public images or your custom ones.",
			param:       "imageType",
			send:        func(r *client.ZECImagesRequest, v filterValue) { r.ImageType = v.text },
			verify:      verifyFold(func(img *zecImage) string { return img.ImageType }),
		},
		{
			name:        "image_source",
			kind:        enumFilter,
			allowed:     zecImageSources,
			description: "Where the image comes from: Zenlayer (`OFFICIAL`), the marketplace (`MARKETING`) or you (`CUSTOM`).",
			param:       "imageSource",
			send:        func(r *client.ZECImagesRequest, v filterValue) { r.ImageSource = v.text },
			verify:      verifyFold(func(img *zecImage) string { return img.ImageSource }),
		},
		{
			name:        "os_type",
			kind:        enumFilter,
			allowed:     zecOsTypes,
			description: "Operating system type.",
			param:       "osType",
			send:        func(r *client.ZECImagesRequest, v filterValue) { r.OsType = v.text },
			verify:      verifyFold(func(img *zecImage) string { return img.OsType }),
		},
		{
			name: "tag_keys",
			kind: listFilter,
			description: "Only images carrying every one of these tag keys, whatever their values (the API takes at " +
				"most 20).",
			param:  "tagKeys",
			send:   func(r *client.ZECImagesRequest, v filterValue) { r.TagKeys = v.list },
			verify: zecHasTagKeys,
			unique: true,
		},
		{
			name: "tags",
			kind: mapFilter,
			description: "Only images carrying every one of these tags with exactly these values, such as " +
				"`{ team = \"web\" }` (the API takes at most 20).",
			param:  "tags",
			send:   func(r *client.ZECImagesRequest, v filterValue) { r.Tags = zecTags(v.pairs) },
			verify: zecHasTags,
		},
		{
			name:    "status",
			kind:    enumListFilter,
			allowed: zecImageStatuses,
			description: "Image statuses to keep. Defaults to `[\"" + zecDefaultStatus + "\"]`, so images being made, " +
				"synced or withdrawn are left out unless asked for.",
			effect: "Sent to the API as `imageStatus` when it holds one status; applied locally to every image the " +
				"API returns either way.",
			// The API takes one status: a single one is sent so that the answer is small; a list is judged here.
			send: func(r *client.ZECImagesRequest, v filterValue) {
				if len(v.list) == 1 {
					r.ImageStatus = v.list[0]
				}
			},
			keep: keepList(func(img *zecImage, statuses []string) bool {
				return selection.ContainsFold(statuses, img.ImageStatus)
			}),
			fallback: func(*providerData, map[string]filterValue) filterValue {
				return listValue([]string{zecDefaultStatus})
			},
		},
		{
			name:        "name_regex",
			kind:        regexFilter,
			description: "Regular expression the image name must match, such as `^Ubuntu Server 22\\\\.04`.",
			keep:        keepNameMatching(func(img *zecImage) string { return img.ImageName }),
		},
	},
	fields: []imageField[zecImage]{
		text("id", "Image ID, the value of `image_id` of `zenlayercloud_zec_instance`.",
			func(img *zecImage) string { return img.ImageID }),
		text("name", "Image name, such as `Ubuntu Server 22.04 LTS 64bit`.",
			func(img *zecImage) string { return img.ImageName }),
		text("type", "Image type, read back in uppercase: "+quoted(zecImageTypes)+".",
			func(img *zecImage) string { return canonicalOrAsIs(img.ImageType, zecImageTypes) }),
		text("source", "Where the image comes from, read back in uppercase: "+quoted(zecImageSources)+".",
			func(img *zecImage) string { return canonicalOrAsIs(img.ImageSource, zecImageSources) }),
		decimal("size", "Image size in GiB (the API sends it as text; read here as a number).",
			func(img *zecImage) float64 { return img.ImageSize }),
		text("description", "Image description.",
			func(img *zecImage) string { return img.ImageDescription }),
		text("version", "Image version, such as `Server 22.04 LTS`.",
			func(img *zecImage) string { return img.ImageVersion }),
		text("status", "Image status, read back in uppercase: "+quoted(zecImageStatuses)+".",
			func(img *zecImage) string { return canonicalOrAsIs(img.ImageStatus, zecImageStatuses) }),
		texts("nic_network_types", "Network interface types the image supports, in the API's order, such as "+
			"`[\"vf\", \"virtio\"]`.",
			func(img *zecImage) []string { return img.NicNetworkType }),
		text("category", "Operating system category, such as `Ubuntu` or `Windows`.",
			func(img *zecImage) string { return img.Category }),
		text("os_type", "Operating system type, read back in lowercase: "+quoted(zecOsTypes)+".",
			func(img *zecImage) string { return canonicalOrAsIs(img.OsType, zecOsTypes) }),
		textMap("tags", "The image's tags, key to value; `{}` when it has none.",
			func(img *zecImage) map[string]string { return img.Tags }),
	},
	key: func(img *zecImage) selection.Key {
		return selection.Key{ID: img.ImageID, Name: img.ImageName}
	},
	sortBy: []selection.SortBy{selection.SortByName, selection.SortByID},
	paged:  true,
	fetch: func(ctx context.Context, pd *providerData, req client.ZECImagesRequest) ([]zecImage, error) {
		return pd.zenlayer.client.ListZECImages(ctx, req)
	},
	notes: "ZEC images have no creation time, so they are ordered by name and there is no `most_recent`.",
	apiFaults: map[client.ErrorKind]apiFault{
		client.KindZoneNotFound: {
			attribute: "availability_zone",
			summary:   "Zone Not Found",
			detail:    "Zenlayer ZEC does not know this zone. Check availability_zone against the ZEC zones, such as \"asia-east-1a\".",
		},
	},
}

// zecTags is the tags filter as the API takes it, sorted by key so that equal filters send equal bodies.
func zecTags(pairs map[string]string) []client.ZECTag {
	tags := make([]client.ZECTag, 0, len(pairs))
	for _, k := range slices.Sorted(maps.Keys(pairs)) {
		tags = append(tags, client.ZECTag{Key: k, Value: pairs[k]})
	}
	return tags
}

// zecHasTagKeys checks tag_keys on the answer: the image carries every key.
func zecHasTagKeys(v filterValue) func(*zecImage) bool {
	return func(img *zecImage) bool {
		for _, k := range v.list {
			if _, ok := img.Tags[k]; !ok {
				return false
			}
		}
		return true
	}
}

// zecHasTags checks tags on the answer: the image carries every tag with its value.
func zecHasTags(v filterValue) func(*zecImage) bool {
	return func(img *zecImage) bool {
		for k, want := range v.pairs {
			if got, ok := img.Tags[k]; !ok || got != want {
				return false
			}
		}
		return true
	}
}
