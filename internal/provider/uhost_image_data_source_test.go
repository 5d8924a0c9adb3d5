package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

func TestUHostImageDataSource_found(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	ds := func(name string) string { return "data.imagepick_uhost_image." + name }
	at := func(name string) tfjsonpath.Path { return tfjsonpath.New(name) }
	img := func(name string) tfjsonpath.Path { return tfjsonpath.New("image").AtMapKey(name) }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_uhost_image" "newest" {
  os_type     = "linux"
  name_regex  = "^Ubuntu 22\\.04 64位$"
  most_recent = true
}

data "imagepick_uhost_image" "market" {
  image_ids      = ["uimage-mkt"]
  image_type     = "BUSINESS"
  include_prices = true
}

data "imagepick_uhost_image" "gpu" {
  func_type = "GPU"
  gpu_type  = "T4"
}

data "imagepick_uhost_image" "arm" {
  architecture = "aarch64"
}

data "imagepick_uhost_image" "custom" {
  availability_zone = "cn-bj2-03"
  image_type        = "custom"
}

data "imagepick_uhost_image" "making" {
  status = ["Making"]
}

data "imagepick_uhost_image" "eol" {
  name_regex = "^CentOS"
}
`,
			Check: resource.ComposeTestCheckFunc(
				uhostRequestWith(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "ImageIds.0": "uimage-mkt",
					"ImageType": "Business", "PriceSet": "1"}),
				uhostRequestWith(emu, map[string]string{"Zone": "cn-bj2-05", "OsType": "Linux"}, "PriceSet"),
				uhostRequestWith(emu, map[string]string{"Zone": "cn-bj2-05", "FuncType": "gpu"}),
				uhostRequestWith(emu, map[string]string{"Zone": "cn-bj2-03", "ImageType": "Custom"}),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				// The newest Available one of three Ubuntu 22.04 images (a newer one is still Making).
				statecheck.ExpectKnownValue(ds("newest"), at("id"), knownvalue.StringExact("uimage-u22b")),
				statecheck.ExpectKnownValue(ds("newest"), img("id"), knownvalue.StringExact("uimage-u22b")),
				statecheck.ExpectKnownValue(ds("newest"), img("name"), knownvalue.StringExact("Ubuntu 22.04 64位")),
				statecheck.ExpectKnownValue(ds("newest"), img("zone"), knownvalue.StringExact("cn-bj2-05")),
				statecheck.ExpectKnownValue(ds("newest"), img("type"), knownvalue.StringExact("Base")),
				statecheck.ExpectKnownValue(ds("newest"), img("os_type"), knownvalue.StringExact("Linux")),
				statecheck.ExpectKnownValue(ds("newest"), img("func_type"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(ds("newest"), img("architecture"), knownvalue.StringExact("x86_64")),
				statecheck.ExpectKnownValue(ds("newest"), img("features"), uhostStrings("CloudInit", "HotPlug")),
				statecheck.ExpectKnownValue(ds("newest"), img("business_group"), knownvalue.StringExact("Default")),
				statecheck.ExpectKnownValue(ds("newest"), img("create_time"), knownvalue.StringExact("2024-01-01T00:05:00Z")),
				statecheck.ExpectKnownValue(ds("newest"), img("status"), knownvalue.StringExact("Available")),
				statecheck.ExpectKnownValue(ds("newest"), img("eol_date"), knownvalue.StringExact("2099-12-31")),
				statecheck.ExpectKnownValue(ds("newest"), img("size"), knownvalue.Int64Exact(20)),
				statecheck.ExpectKnownValue(ds("newest"), img("prices"), knownvalue.ListExact(nil)),
				// Filters read back as configured (enumerations canonical), defaults as used; unset ones stay null.
				statecheck.ExpectKnownValue(ds("newest"), at("os_type"), knownvalue.StringExact("Linux")),
				statecheck.ExpectKnownValue(ds("newest"), at("status"), uhostStrings("Available")),
				statecheck.ExpectKnownValue(ds("newest"), at("region"), knownvalue.StringExact("cn-bj2")),
				statecheck.ExpectKnownValue(ds("newest"), at("func_type"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds("newest"), at("architecture"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds("newest"), at("features"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds("newest"), at("business_group"), knownvalue.Null()),
				// A marketplace image (picked with a warning), with its prices.
				statecheck.ExpectKnownValue(ds("market"), at("id"), knownvalue.StringExact("uimage-mkt")),
				statecheck.ExpectKnownValue(ds("market"), at("image_type"), knownvalue.StringExact("Business")),
				statecheck.ExpectKnownValue(ds("market"), img("vendor"), knownvalue.StringExact("WP Inc")),
				statecheck.ExpectKnownValue(ds("market"), img("scene_categories"), uhostStrings("Website")),
				statecheck.ExpectKnownValue(ds("market"), img("prices").AtSliceIndex(0).AtMapKey("price"), knownvalue.Float64Exact(10.5)),
				statecheck.ExpectKnownValue(ds("market"), img("prices").AtSliceIndex(0).AtMapKey("charge_type"), knownvalue.StringExact("Month")),
				statecheck.ExpectKnownValue(ds("gpu"), at("id"), knownvalue.StringExact("uimage-gt4")),
				statecheck.ExpectKnownValue(ds("gpu"), at("func_type"), knownvalue.StringExact("gpu")),
				statecheck.ExpectKnownValue(ds("gpu"), img("func_type"), knownvalue.StringExact("gpu")),
				statecheck.ExpectKnownValue(ds("gpu"), img("supported_gpu_types"), uhostStrings("T4", "V100S")),
				statecheck.ExpectKnownValue(ds("arm"), at("id"), knownvalue.StringExact("uimage-arm")),
				statecheck.ExpectKnownValue(ds("arm"), img("architecture"), knownvalue.StringExact("aarch64")),
				statecheck.ExpectKnownValue(ds("custom"), at("id"), knownvalue.StringExact("uimage-cus")),
				statecheck.ExpectKnownValue(ds("custom"), img("data_snapshot_ids"), uhostStrings("snap-1")),
				statecheck.ExpectKnownValue(ds("custom"), img("minimal_cpu"), knownvalue.StringExact("Intel/Broadwell")),
				statecheck.ExpectKnownValue(ds("custom"), img("description"), knownvalue.StringExact("golden image")),
				statecheck.ExpectKnownValue(ds("making"), at("id"), knownvalue.StringExact("uimage-u22m")),
				statecheck.ExpectKnownValue(ds("making"), img("status"), knownvalue.StringExact("Making")),
				statecheck.ExpectKnownValue(ds("making"), at("status"), uhostStrings("Making")),
				// Past its end of life: picked, with a warning.
				statecheck.ExpectKnownValue(ds("eol"), at("id"), knownvalue.StringExact("uimage-c79")),
				statecheck.ExpectKnownValue(ds("eol"), img("eol_date"), knownvalue.StringExact("2024-06-30")),
			},
		}},
	})
}

func TestUHostImageDataSource_mostRecentTies(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: uhostTiesCatalog()})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + `
data "imagepick_uhost_image" "test" {
  name_regex  = "^Ubuntu"
  most_recent = true
}
`,
			// Three Ubuntu images created at the same second: the first in imagepick_uhost_images' default order
			// wins, which among equal times is name A→Z (9.04 before 22.04, numbers as numbers), then ID.
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.imagepick_uhost_image.test", tfjsonpath.New("id"), knownvalue.StringExact("uimage-c")),
				statecheck.ExpectKnownValue("data.imagepick_uhost_image.test", tfjsonpath.New("most_recent"), knownvalue.Bool(true)),
			},
		}},
	})
}

func TestUHostImageDataSource_notExactlyOne(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	provider := providerBlock(url, `zone = "cn-bj2-05"`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: provider + `
data "imagepick_uhost_image" "test" {
  os_type    = "Linux"
  name_regex = "^Nothing"
}
`,
				// Every filter, server-side and local (the default status included), then the funnel: 8 Linux
				// images in the zone, 6 of them Available.
				ExpectError: errorRegexp("No Matching Image", `region = "cn-bj2"`, `availability_zone = "cn-bj2-05"`,
					`os_type = "Linux"`, `status = ["Available"]`, `name_regex = "^Nothing"`,
					"8 fetched, 6 after status, 0 after name_regex"),
			},
			{
				Config: provider + `
data "imagepick_uhost_image" "test" {
  name_regex = "^Ubuntu 22\\.04 64位$"
}
`,
				ExpectError: errorRegexp("Multiple Matching Images", "found 2 images", "uimage-u22b", "uimage-u22a", "most_recent"),
			},
			{
				Config: provider + `
data "imagepick_uhost_image" "test" {
  image_type = "Marketplace"
}
`,
				PlanOnly:    true,
				ExpectError: errorRegexp("Invalid Attribute Value Match", `image_type value must be one of: ["Base" "Business" "Custom"]`),
			},
		},
	})
}

// A filter that is also an image attribute reads back as configured, not as the picked image's value.
func TestUHostImageDataSource_filtersNeverOverwritten(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	ds := "data.imagepick_uhost_image.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_uhost_image" "test" {
  features    = ["cloudinit"]
  most_recent = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact("uimage-u22b")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("features"), uhostStrings("cloudinit")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("image").AtMapKey("features"), uhostStrings("CloudInit", "HotPlug")),
			},
		}},
	})
}
