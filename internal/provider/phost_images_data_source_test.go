package provider

import (
	"fmt"
	"maps"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// phostTestImage is an image of zone cn-bj2-05 on the default cluster, changed by mods.
func phostTestImage(id, name, osType, created, state string, mods ...func(*emulator.PHostImage)) emulator.PHostImage {
	img := emulator.PHostImage{Region: "cn-bj2", Zone: "cn-bj2-05", ImageID: id, ImageName: name, OsName: name,
		OsType: osType, Support: []string{"Standard-C1"}, Version: "1.0", ImageType: "Base", CreateTime: created,
		State: state, ImageSize: 20, ImageDescription: "about " + id}
	for _, mod := range mods {
		mod(&img)
	}
	return img
}

// phostTestCatalog holds, in zone cn-bj2-05: three images created at the same second (two of them with the same
// name), a bare metal 1.0 image without creation time or status, a custom image being made, and an image whose
// creation time is a zoneless date-time; plus one image in another zone and one in another region.
//
// Default order (create_time desc, then name desc, then ID desc): f, d, c, e, h, a, b.
func phostTestCatalog() *emulator.Catalog {
	return &emulator.Catalog{PHost: []emulator.PHostImage{
		phostTestImage("pimg-a", "CentOS 7.9 64位", "CentOS", "1704067200", "Available", func(img *emulator.PHostImage) {
			img.Support = []string{"Standard-C1", "GPU-G4"}
			img.Clusters = []string{"25G", "100G"}
			img.Version = "2.1"
		}),
		phostTestImage("pimg-b", "CentOS 7.6 64位", "CentOS", "", "", func(img *emulator.PHostImage) {
			img.ImageSize = 0
		}),
		phostTestImage("pimg-c", "Ubuntu 22.04 64位", "Ubuntu", "1710000000", "Available"),
		phostTestImage("pimg-d", "Ubuntu 22.04 64位", "Ubuntu", "1710000000", "Available", func(img *emulator.PHostImage) {
			img.Support = []string{"GPU-G4"}
			img.Clusters = []string{"100G"}
		}),
		phostTestImage("pimg-e", "Ubuntu 9.10 64位", "Ubuntu", "1710000000", "Available"),
		phostTestImage("pimg-f", "Custom CentOS", "CentOS", "1712000000", "Making", func(img *emulator.PHostImage) {
			img.ImageType = "Custom"
		}),
		phostTestImage("pimg-h", "Debian 12 64位", "Debian", "2024-03-01 08:00:00", "Available"),
		phostTestImage("pimg-g", "Ubuntu 22.04 64位", "Ubuntu", "1710000000", "Available", func(img *emulator.PHostImage) {
			img.Zone = "cn-bj2-02"
		}),
		phostTestImage("pimg-k", "Ubuntu 22.04 64位", "Ubuntu", "1710000000", "Available", func(img *emulator.PHostImage) {
			img.Region, img.Zone = "hk", "hk-02"
		}),
	}}
}

// expectPHostRequest checks that the emulator received a DescribePHostImage request whose filter parameters (all
// but Action, PublicKey, Offset and Limit) are exactly want.
func expectPHostRequest(emu *emulator.Server, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got []map[string]string
		for _, r := range emu.Requests() {
			if r.Cloud != "ucloud" || r.Action != "DescribePHostImage" {
				continue
			}
			params := maps.Clone(r.Params)
			for _, paging := range []string{"Action", "PublicKey", "Offset", "Limit"} {
				delete(params, paging)
			}
			if maps.Equal(params, want) {
				return nil
			}
			got = append(got, params)
		}
		return fmt.Errorf("no DescribePHostImage request with params %v; got %v", want, got)
	}
}

func TestPHostImagesDataSource_apiArguments(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog()})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"
    project_id = "org-default"`) + `
# Everything from the provider.
data "imagepick_phost_images" "defaults" {}

data "imagepick_phost_images" "ids" {
  region            = "cn-bj2"
  project_id        = "org-test"
  availability_zone = "cn-bj2-05"
  image_ids         = ["pimg-a", "pimg-c", "pimg-g"]
}

data "imagepick_phost_images" "zone" {
  availability_zone = "cn-bj2-02"
}

data "imagepick_phost_images" "region" {
  region            = "hk"
  availability_zone = "hk-02"
}

data "imagepick_phost_images" "custom" {
  image_type = "custom"
  status     = ["Making"]
}

# machine_type alone: the API's default cluster 25G is sent, which pimg-d (100G only) is not on.
data "imagepick_phost_images" "machine" {
  machine_type = "GPU-G4"
}

data "imagepick_phost_images" "cluster" {
  machine_type = "GPU-G4"
  cluster      = "100G"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// pimg-f, being made, is left out by the default status; pimg-b, reporting none, is kept.
				expectIDs("data.imagepick_phost_images.defaults", "pimg-e", "pimg-c", "pimg-d", "pimg-h", "pimg-a", "pimg-b"),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.defaults", tfjsonpath.New("status"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("Available")})),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.defaults", tfjsonpath.New("region"), knownvalue.StringExact("cn-bj2")),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.defaults", tfjsonpath.New("availability_zone"), knownvalue.StringExact("cn-bj2-05")),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.defaults", tfjsonpath.New("project_id"), knownvalue.StringExact("org-default")),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.defaults", tfjsonpath.New("cluster"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.defaults", tfjsonpath.New("sort_by"), knownvalue.StringExact("create_time")),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.defaults", tfjsonpath.New("sort_order"), knownvalue.StringExact("desc")),
				expectIDs("data.imagepick_phost_images.ids", "pimg-c", "pimg-a"),
				expectIDs("data.imagepick_phost_images.zone", "pimg-g"),
				expectIDs("data.imagepick_phost_images.region", "pimg-k"),
				expectIDs("data.imagepick_phost_images.custom", "pimg-f"),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.custom", tfjsonpath.New("image_type"), knownvalue.StringExact("Custom")),
				expectIDs("data.imagepick_phost_images.machine", "pimg-a"),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.machine", tfjsonpath.New("cluster"), knownvalue.StringExact("25G")),
				expectIDs("data.imagepick_phost_images.cluster", "pimg-d", "pimg-a"),
				// Every attribute of one image.
				statecheck.ExpectKnownValue("data.imagepick_phost_images.machine", tfjsonpath.New("images").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                      knownvalue.StringExact("pimg-a"),
					"name":                    knownvalue.StringExact("CentOS 7.9 64位"),
					"os_type":                 knownvalue.StringExact("CentOS"),
					"os_name":                 knownvalue.StringExact("CentOS 7.9 64位"),
					"supported_machine_types": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("Standard-C1"), knownvalue.StringExact("GPU-G4")}),
					"version":                 knownvalue.StringExact("2.1"),
					"type":                    knownvalue.StringExact("Base"),
					"create_time":             knownvalue.StringExact("2024-01-01T00:00:00Z"),
					"status":                  knownvalue.StringExact("Available"),
					"size":                    knownvalue.Int64Exact(20),
					"description":             knownvalue.StringExact("about pimg-a"),
				})),
				// A bare metal 1.0 image: no creation time, no status.
				statecheck.ExpectKnownValue("data.imagepick_phost_images.defaults", tfjsonpath.New("images").AtSliceIndex(5).AtMapKey("create_time"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.defaults", tfjsonpath.New("images").AtSliceIndex(5).AtMapKey("status"), knownvalue.StringExact("")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "ProjectId": "org-default"}),
				expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "ProjectId": "org-test",
					"ImageId.0": "pimg-a", "ImageId.1": "pimg-c", "ImageId.2": "pimg-g"}),
				expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-02", "ProjectId": "org-default"}),
				expectPHostRequest(emu, map[string]string{"Region": "hk", "Zone": "hk-02", "ProjectId": "org-default"}),
				expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "ProjectId": "org-default", "ImageType": "Custom"}),
				expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "ProjectId": "org-default",
					"MachineType": "GPU-G4", "Cluster": "25G"}),
				expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "ProjectId": "org-default",
					"MachineType": "GPU-G4", "Cluster": "100G"}),
			),
		}},
	})
}

func TestPHostImagesDataSource_localFilters(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog()})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_phost_images" "regex" {
  name_regex = "^Ubuntu\\s22"
}

data "imagepick_phost_images" "os" {
  os_type = "centos"
}

# The os_type read back (the API's spelling) is accepted as input and matches the same images.
data "imagepick_phost_images" "os_round_trip" {
  os_type = data.imagepick_phost_images.os.images[0].os_type
}

data "imagepick_phost_images" "status" {
  status = ["available", "MAKING"]
}

data "imagepick_phost_images" "combined" {
  os_type = "CentOS"
  status  = ["Available"]
}

data "imagepick_phost_images" "none" {
  name_regex = "^Fedora"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs("data.imagepick_phost_images.regex", "pimg-c", "pimg-d"),
				expectIDs("data.imagepick_phost_images.os", "pimg-a", "pimg-b"),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.os", tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("os_type"), knownvalue.StringExact("CentOS")),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.os", tfjsonpath.New("os_type"), knownvalue.StringExact("centos")),
				expectIDs("data.imagepick_phost_images.os_round_trip", "pimg-a", "pimg-b"),
				// pimg-b has no status (bare metal 1.0), so a status filter that is set never keeps it.
				expectIDs("data.imagepick_phost_images.status", "pimg-f", "pimg-e", "pimg-c", "pimg-d", "pimg-h", "pimg-a"),
				expectIDs("data.imagepick_phost_images.combined", "pimg-a"),
				// No match is an empty list, not an error or null.
				expectIDs("data.imagepick_phost_images.none"),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.none", tfjsonpath.New("images"), knownvalue.ListExact([]knownvalue.Check{})),
			},
			// Local filters are never sent to the API.
			Check: expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05"}),
		}},
	})
}

func TestPHostImagesDataSource_order(t *testing.T) {
	t.Parallel()
	// The package runs in UTC+8 (TestMain): create_time is still UTC, and the zoneless "2024-03-01 08:00:00" of
	// pimg-h is read as UTC.
	_, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog()})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_phost_images" "newest" {}

data "imagepick_phost_images" "oldest" {
  sort_order = "asc"
}

data "imagepick_phost_images" "name" {
  sort_by = "name"
}

data "imagepick_phost_images" "id" {
  sort_by    = "id"
  sort_order = "asc"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Ties at the same second: name A→Z (numbers compare as numbers: 9.10 before 22.04), then ID, in
				// either direction. Images without creation time count as the oldest. pimg-f, being made, is left out
				// by the default status.
				expectIDs("data.imagepick_phost_images.newest", "pimg-e", "pimg-c", "pimg-d", "pimg-h", "pimg-a", "pimg-b"),
				expectIDs("data.imagepick_phost_images.oldest", "pimg-b", "pimg-a", "pimg-h", "pimg-e", "pimg-c", "pimg-d"),
				expectIDs("data.imagepick_phost_images.name", "pimg-c", "pimg-d", "pimg-e", "pimg-h", "pimg-a", "pimg-b"),
				expectIDs("data.imagepick_phost_images.id", "pimg-a", "pimg-b", "pimg-c", "pimg-d", "pimg-e", "pimg-h"),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.newest", tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("create_time"),
					knownvalue.StringExact("2024-03-09T16:00:00Z")),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.newest", tfjsonpath.New("images").AtSliceIndex(3).AtMapKey("create_time"),
					knownvalue.StringExact("2024-03-01T08:00:00Z")),
			},
		}},
	})
}

func TestPHostImagesDataSource_manyPages(t *testing.T) {
	t.Parallel()
	catalog := &emulator.Catalog{}
	for i := range 45 {
		catalog.PHost = append(catalog.PHost, phostTestImage(fmt.Sprintf("pimg-%02d", i), fmt.Sprintf("CentOS 7.%d", i), "CentOS",
			fmt.Sprint(1700000000+i), "Available"))
	}
	// The API pages 10 at a time here; peers stop at the server's default page of 20.
	emu, url := newTestEmulator(t, emulator.Options{Catalog: catalog, LimitCap: 10})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_phost_images" "all" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.imagepick_phost_images.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(45)),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.all", tfjsonpath.New("images"), knownvalue.ListSizeExact(45)),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.all", tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact("pimg-44")),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.all", tfjsonpath.New("ids").AtSliceIndex(44), knownvalue.StringExact("pimg-00")),
			},
			Check: func(*terraform.State) error {
				offsets := map[string]bool{}
				for _, r := range emu.Requests() {
					if r.Action == "DescribePHostImage" {
						offsets[r.Params["Offset"]] = true
					}
				}
				if len(offsets) < 5 {
					return fmt.Errorf("want at least 5 pages of 10, got requests at offsets %v", offsets)
				}
				return nil
			},
		}},
	})
}

func TestPHostImagesDataSource_validation(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog()})
	step := func(provider, args string, want *regexp.Regexp) resource.TestStep {
		return resource.TestStep{
			Config:      provider + "data \"imagepick_phost_images\" \"test\" {\n" + args + "\n}\n",
			PlanOnly:    true,
			ExpectError: want,
		}
	}
	withZone := providerBlock(url, `zone = "cn-bj2-05"`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(withZone, `cluster = "100G"`, errorRegexp("Invalid Attribute Combination", "machine_type")),
			step(withZone, `name_regex = "CentOS("`, errorRegexp("Invalid Regular Expression", "missing closing )")),
			step(withZone, `image_type = "Business"`, errorRegexp("Invalid Attribute Value Match", `image_type value must be one of: ["Base" "Custom"]`)),
			step(withZone, `sort_by = "size"`, errorRegexp("Invalid Attribute Value Match", "sort_by")),
			step(withZone, `status = [""]`, errorRegexp("Invalid Attribute Value Length", "status")),
			step(withZone, `image_ids = [""]`, errorRegexp("Invalid Attribute Value Length", "image_ids")),
			// No zone from the argument or the provider: DescribePHostImage requires one.
			step(providerBlock(url, ""), `machine_type = "GPU-G4"`, errorRegexp("Missing Availability Zone",
				"availability_zone", "ucloud.zone", "UCLOUD_ZONE")),
		},
	})
}

func TestPHostImagesDataSource_unknownUntilApply(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog()})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		Steps: []resource.TestStep{{
			// Neither the provider nor the configuration knows the zone before apply.
			Config: providerBlock(url, "") + `
resource "terraform_data" "zone" {
  input = "cn-bj2-05"
}

data "imagepick_phost_images" "test" {
  availability_zone = terraform_data.zone.output
  machine_type      = "GPU-G4"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs("data.imagepick_phost_images.test", "pimg-a"),
				statecheck.ExpectKnownValue("data.imagepick_phost_images.test", tfjsonpath.New("availability_zone"), knownvalue.StringExact("cn-bj2-05")),
			},
			Check: expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "MachineType": "GPU-G4", "Cluster": "25G"}),
		}},
	})
}

func TestPHostImagesDataSource_apiError(t *testing.T) {
	t.Parallel()
	// The emulator knows the public key with another private key: UCloud answers RetCode 171.
	_, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog(),
		UCloudKeys: map[string]string{emulator.DefaultUCloudPublicKey: "0000000000000000000000000000000000000000"}})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(url, `zone = "cn-bj2-05"`) + `data "imagepick_phost_images" "test" {}`,
			ExpectError: errorRegexp("UCloud Authentication Failed", "imagepick_phost_images", "RetCode 171", "Signature VerifyAC Error"),
		}},
	})
}
