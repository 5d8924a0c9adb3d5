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

// IDs of the emulator's default BMC catalog used below.
const (
	bmcUbuntu2204ID = "c5fae4d3-8a7b-4e1c-af9b-3d4a5e6f7a05"
	bmcUbuntu2004ID = "b4e9d3c2-7f6a-4d0b-9e8a-2c3f4d5e6f04"
	bmcUbuntu1804ID = "a3f8c2d1-6e5b-4c9a-8d7f-1b2e3c4d5e03"
	bmcUbuntu2404ID = "d6abf5e4-9b8c-4f2d-b0ac-4e5b6f7a8b06"
	bmcDebian12ID   = "f8cdb7a6-1dae-4b4f-92ce-6a7d8b9cad08"
	bmcDebian11ID   = "e7bca6f5-0c9d-4a3e-81bd-5f6c7a8b9c07"
)

// bmcOrderCatalog has names whose byte order differs from their version order, and two images of the same name.
func bmcOrderCatalog() *emulator.Catalog {
	img := func(id, name string) emulator.BMCImage {
		return emulator.BMCImage{ImageID: id, ImageName: name, Catalog: "ubuntu", ImageType: "PUBLIC_IMAGE",
			OsType: "linux", InstanceTypes: []string{"S9I"}}
	}
	return &emulator.Catalog{
		BMC: []emulator.BMCImage{
			img("img-c", "Ubuntu9.10-x86_64"),
			img("img-a", "Ubuntu24.04-x86_64"),
			img("img-b", "Ubuntu22.04-x86_64"),
			img("dup-b", "dup"),
			img("dup-a", "dup"),
		},
		BMCInstanceTypes: []string{"S9I"},
	}
}

// expectZenlayerRequest checks that the emulator received a DescribeImages request with exactly these body keys.
func expectZenlayerRequest(emu *emulator.Server, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var got []map[string]string
		for _, r := range emu.Requests() {
			if r.Cloud != "zenlayer" || r.Action != "DescribeImages" {
				continue
			}
			if maps.Equal(r.Params, want) {
				return nil
			}
			got = append(got, r.Params)
		}
		return fmt.Errorf("no DescribeImages request with params %v; got %v", want, got)
	}
}

// bmcZenlayerOnlyBlock configures only the Zenlayer part of the provider, with the given password.
func bmcZenlayerOnlyBlock(baseURL, password string) string {
	return fmt.Sprintf(`
provider "imagepick" {
  max_retries = 0
  zenlayer = {
    access_key_id       = %q
    access_key_password = %q
    base_url            = %q
  }
}
`, emulator.DefaultZenlayerAccessKeyID, password, baseURL)
}

// bmcUCloudOnlyBlock configures only UCloud, so that Zenlayer credentials are missing.
func bmcUCloudOnlyBlock(baseURL string) string {
	return fmt.Sprintf(`
provider "imagepick" {
  ucloud = {
    public_key  = %q
    private_key = %q
    region      = "cn-bj2"
    base_url    = %q
  }
}
`, emulator.DefaultUCloudPublicKey, emulator.DefaultUCloudPrivateKey, baseURL)
}

func TestBMCImagesDataSource_apiFilters(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{})
	ds := "data.imagepick_bmc_images.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Every API argument, enumerations in another letter case: sent in the API's spelling.
				Config: providerBlock(url, "") + fmt.Sprintf(`
data "imagepick_bmc_images" "test" {
  image_ids        = [%q, %q]
  name             = "Ubuntu22.04-x86_64"
  catalog          = "Ubuntu"
  image_type       = "public_image"
  os_type          = "LINUX"
  instance_type_id = "S9I"
}
`, bmcUbuntu2204ID, bmcUbuntu2004ID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(bmcUbuntu2204ID)})),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("images"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id":      knownvalue.StringExact(bmcUbuntu2204ID),
							"name":    knownvalue.StringExact("Ubuntu22.04-x86_64"),
							"catalog": knownvalue.StringExact("ubuntu"),
							"type":    knownvalue.StringExact("PUBLIC_IMAGE"),
							"os_type": knownvalue.StringExact("linux"),
						})})),
					// Enumerations read back in their documented spelling, as in every family.
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("catalog"), knownvalue.StringExact("ubuntu")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("os_type"), knownvalue.StringExact("linux")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("image_type"), knownvalue.StringExact("PUBLIC_IMAGE")),
				},
				Check: expectZenlayerRequest(emu, map[string]string{
					"imageIds":       bmcUbuntu2204ID + "," + bmcUbuntu2004ID,
					"imageName":      "Ubuntu22.04-x86_64",
					"catalog":        "ubuntu",
					"imageType":      "PUBLIC_IMAGE",
					"osType":         "linux",
					"instanceTypeId": "S9I",
				}),
			},
			{
				// No filters: an empty body, the whole catalog, the defaults filled in.
				Config: providerBlock(url, "") + `
data "imagepick_bmc_images" "test" {}

data "imagepick_bmc_images" "windows" {
  os_type    = "Windows"
  image_type = "PUBLIC_IMAGE"
}

data "imagepick_bmc_images" "none" {
  catalog    = "esxi"
  name_regex = "^Ubuntu"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("images"), knownvalue.ListSizeExact(15)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListSizeExact(15)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("sort_by"), knownvalue.StringExact("name")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("sort_order"), knownvalue.StringExact("desc")),
					statecheck.ExpectKnownValue("data.imagepick_bmc_images.windows", tfjsonpath.New("images"),
						knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Windows2022-Standard-x86_64"), "os_type": knownvalue.StringExact("windows")}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Windows2019-Standard-x86_64")}),
						})),
					// Nothing matched: empty lists, not null, not an error.
					statecheck.ExpectKnownValue("data.imagepick_bmc_images.none", tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue("data.imagepick_bmc_images.none", tfjsonpath.New("images"), knownvalue.ListSizeExact(0)),
				},
				Check: resource.ComposeTestCheckFunc(
					expectZenlayerRequest(emu, map[string]string{}),
					expectZenlayerRequest(emu, map[string]string{"osType": "windows", "imageType": "PUBLIC_IMAGE"}),
					expectZenlayerRequest(emu, map[string]string{"catalog": "esxi"}),
				),
			},
		},
	})
}

func TestBMCImagesDataSource_order(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: bmcOrderCatalog()})
	ids := func(want ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(want))
		for i, id := range want {
			checks[i] = knownvalue.StringExact(id)
		}
		return knownvalue.ListExact(checks)
	}
	ds := func(name string) string { return "data.imagepick_bmc_images." + name }
	config := providerBlock(url, "") + `
data "imagepick_bmc_images" "natural_desc" {
  name_regex = "^Ubuntu\\d+\\.\\d+-"
}

data "imagepick_bmc_images" "natural_asc" {
  name_regex = "^Ubuntu"
  sort_order = "asc"
}

data "imagepick_bmc_images" "by_id" {
  sort_by    = "id"
  sort_order = "asc"
}

data "imagepick_bmc_images" "ties_asc" {
  name       = "dup"
  sort_order = "asc"
}

data "imagepick_bmc_images" "ties_desc" {
  name = "dup"
}
`
	checks := []statecheck.StateCheck{
		// Versions compare as numbers: 24.04 > 22.04 > 9.10, although "9" > "2" byte-wise.
		statecheck.ExpectKnownValue(ds("natural_desc"), tfjsonpath.New("ids"), ids("img-a", "img-b", "img-c")),
		statecheck.ExpectKnownValue(ds("natural_desc"), tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("name"),
			knownvalue.StringExact("Ubuntu24.04-x86_64")),
		statecheck.ExpectKnownValue(ds("natural_asc"), tfjsonpath.New("ids"), ids("img-c", "img-b", "img-a")),
		statecheck.ExpectKnownValue(ds("by_id"), tfjsonpath.New("ids"), ids("dup-a", "dup-b", "img-a", "img-b", "img-c")),
		statecheck.ExpectKnownValue(ds("by_id"), tfjsonpath.New("sort_by"), knownvalue.StringExact("id")),
		// Equal names: the ID breaks the tie, ascending whatever sort_order says.
		statecheck.ExpectKnownValue(ds("ties_asc"), tfjsonpath.New("ids"), ids("dup-a", "dup-b")),
		statecheck.ExpectKnownValue(ds("ties_desc"), tfjsonpath.New("ids"), ids("dup-a", "dup-b")),
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: checks,
				// name_regex is local: never sent.
				Check: expectZenlayerRequest(emu, map[string]string{}),
			},
		},
	})
}

func TestBMCImagesDataSource_largeCatalog(t *testing.T) {
	t.Parallel()
	catalog := &emulator.Catalog{BMCInstanceTypes: []string{"M6C"}}
	for i := range 300 {
		c := "centos"
		if i%2 == 1 {
			c = "debian"
		}
		catalog.BMC = append(catalog.BMC, emulator.BMCImage{ImageID: fmt.Sprintf("bmc-%03d", i),
			ImageName: fmt.Sprintf("image-%d", i), Catalog: c, ImageType: "PUBLIC_IMAGE", OsType: "linux",
			InstanceTypes: []string{"M6C"}})
	}
	_, url := newTestEmulator(t, emulator.Options{Catalog: catalog})
	ds := "data.imagepick_bmc_images.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + `
data "imagepick_bmc_images" "test" {
  catalog          = "centos"
  instance_type_id = "M6C"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListSizeExact(150)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("images"), knownvalue.ListSizeExact(150)),
				// image-298 > image-296 > ... > image-0 by number, not by bytes.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact("bmc-298")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids").AtSliceIndex(149), knownvalue.StringExact("bmc-000")),
			},
		}},
	})
}

func TestBMCImagesDataSource_validation(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{})
	step := func(args string, want *regexp.Regexp) resource.TestStep {
		return resource.TestStep{
			Config:      providerBlock(url, "") + "data \"imagepick_bmc_images\" \"test\" {\n" + args + "\n}\n",
			PlanOnly:    true,
			ExpectError: want,
		}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`catalog = "fedora"`, errorRegexp("Invalid Attribute Value Match", `catalog value must be one of: ["centos" "windows" "ubuntu" "debian" "esxi"]`)),
			step(`image_type = "golden"`, errorRegexp("Invalid Attribute Value Match", `image_type value must be one of: ["PUBLIC_IMAGE" "CUSTOM_IMAGE"]`)),
			step(`os_type = "bsd"`, errorRegexp("Invalid Attribute Value Match", `os_type value must be one of: ["linux" "windows"]`)),
			step(`name_regex = "Ubuntu("`, errorRegexp("Invalid Regular Expression", "missing closing )")),
			// BMC images have no creation time: create_time is not a sort key here.
			step(`sort_by = "create_time"`, errorRegexp("Invalid Attribute Value Match", "sort_by")),
			step(`sort_order = "up"`, errorRegexp("Invalid Attribute Value Match", "sort_order")),
			step(`image_ids = [""]`, errorRegexp("Invalid Attribute Value Length", "image_ids")),
			step(`name = ""`, errorRegexp("Invalid Attribute Value Length", "name")),
			step(`instance_type_id = ""`, errorRegexp("Invalid Attribute Value Length", "instance_type_id")),
		},
	})
}

func TestBMCImagesDataSource_unknownUntilApply(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{})
	ds := "data.imagepick_bmc_images.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + `
resource "terraform_data" "instance_type" {
  input = "M9I"
}

data "imagepick_bmc_images" "test" {
  instance_type_id = terraform_data.instance_type.output
  catalog          = "ubuntu"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(bmcUbuntu2404ID), knownvalue.StringExact(bmcUbuntu2204ID)})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("instance_type_id"), knownvalue.StringExact("M9I")),
			},
			Check: expectZenlayerRequest(emu, map[string]string{"catalog": "ubuntu", "instanceTypeId": "M9I"}),
		}},
	})
}

func TestBMCImagesDataSource_apiErrors(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url, "") + `
data "imagepick_bmc_images" "test" {
  instance_type_id = "X99"
}
`,
				ExpectError: errorRegexp("Instance Type Not Found", "INVALID_INSTANCE_TYPE_NOT_FOUND"),
			},
			{
				Config:      bmcZenlayerOnlyBlock(url, "not-the-password") + `data "imagepick_bmc_images" "test" {}`,
				ExpectError: errorRegexp("Zenlayer Authentication Failed", "zenlayer.access_key_id"),
			},
			{
				// UCloud is configured, Zenlayer is not: only the Zenlayer data sources fail, and say what to set.
				Config: bmcUCloudOnlyBlock(url) + `data "imagepick_bmc_images" "test" {}`,
				ExpectError: errorRegexp("Missing Zenlayer Credentials", "zenlayer.access_key_id", envZenlayerAccessKeyID,
					"zenlayer.access_key_password", envZenlayerAccessKeyPassword),
			},
		},
	})
}
