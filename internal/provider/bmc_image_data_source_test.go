package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

func TestBMCImageDataSource_found(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{})
	ds := "data.imagepick_bmc_image.test"
	byID := "data.imagepick_bmc_image.by_id"
	img := func(name string) tfjsonpath.Path { return tfjsonpath.New("image").AtMapKey(name) }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + fmt.Sprintf(`
data "imagepick_bmc_image" "test" {
  catalog          = "Ubuntu"
  image_type       = "public_image"
  os_type          = "Linux"
  instance_type_id = "S9I"
  name_regex       = "^Ubuntu22\\.04-"
  most_recent      = false
}

data "imagepick_bmc_image" "by_id" {
  image_ids = [%q]
}

data "imagepick_bmc_image" "by_name" {
  name = "Debian12-x86_64"
}
`, bmcDebian11ID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact(bmcUbuntu2204ID)),
				statecheck.ExpectKnownValue(ds, img("id"), knownvalue.StringExact(bmcUbuntu2204ID)),
				statecheck.ExpectKnownValue(ds, img("name"), knownvalue.StringExact("Ubuntu22.04-x86_64")),
				// Filters read back in the documented spelling, whatever the spelling configured; so do results.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("catalog"), knownvalue.StringExact("ubuntu")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("os_type"), knownvalue.StringExact("linux")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("image_type"), knownvalue.StringExact("PUBLIC_IMAGE")),
				statecheck.ExpectKnownValue(ds, img("catalog"), knownvalue.StringExact("ubuntu")),
				statecheck.ExpectKnownValue(ds, img("os_type"), knownvalue.StringExact("linux")),
				statecheck.ExpectKnownValue(ds, img("type"), knownvalue.StringExact("PUBLIC_IMAGE")),
				// Unset filters stay null; the image's attributes are in image.
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("id"), knownvalue.StringExact(bmcDebian11ID)),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("name"), knownvalue.Null()),
				statecheck.ExpectKnownValue(byID, img("name"), knownvalue.StringExact("Debian11-x86_64")),
				statecheck.ExpectKnownValue(byID, img("catalog"), knownvalue.StringExact("debian")),
				statecheck.ExpectKnownValue(byID, img("os_type"), knownvalue.StringExact("linux")),
				statecheck.ExpectKnownValue("data.imagepick_bmc_image.by_name", tfjsonpath.New("id"), knownvalue.StringExact(bmcDebian12ID)),
			},
			Check: resource.ComposeTestCheckFunc(
				expectZenlayerRequest(emu, map[string]string{"catalog": "ubuntu", "imageType": "PUBLIC_IMAGE",
					"osType": "linux", "instanceTypeId": "S9I"}),
				expectZenlayerRequest(emu, map[string]string{"imageIds": bmcDebian11ID}),
				expectZenlayerRequest(emu, map[string]string{"imageName": "Debian12-x86_64"}),
			),
		}},
	})
}

func TestBMCImageDataSource_notExactlyOne(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url, "") + `
data "imagepick_bmc_image" "test" {
  catalog    = "CentOS"
  name_regex = "^Fedora"
}
`,
				// Every filter, where it was applied, and what each stage left.
				ExpectError: errorRegexp("No Matching Image", `catalog = "centos" (sent as catalog)`,
					`name_regex = "^Fedora" (applied locally)`, "4 fetched, 0 after name_regex"),
			},
			{
				Config: providerBlock(url, "") + `
data "imagepick_bmc_image" "test" {
  catalog = "debian"
}
`,
				// Candidates in the list form's order: Debian12 before Debian11.
				ExpectError: errorRegexp("Multiple Matching Images", "found 2 images", `catalog = "debian"`,
					bmcDebian12ID, `"Debian12-x86_64"`, bmcDebian11ID, `"Debian11-x86_64"`),
			},
			{
				Config: providerBlock(url, "") + `
data "imagepick_bmc_image" "test" {
  catalog     = "ubuntu"
  most_recent = true
}
`,
				PlanOnly:    true,
				ExpectError: errorRegexp("Most Recent Not Supported", "no creation time", "imagepick_bmc_images with sort_by"),
			},
			{
				Config:      providerBlock(url, "") + `data "imagepick_bmc_image" "test" { image_type = "private" }`,
				PlanOnly:    true,
				ExpectError: errorRegexp("Invalid Attribute Value Match", `image_type value must be one of: ["PUBLIC_IMAGE" "CUSTOM_IMAGE"]`),
			},
		},
	})
}

func TestBMCImageDataSource_unknownUntilApply(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{})
	ds := "data.imagepick_bmc_image.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + `
resource "terraform_data" "release" {
  input = "Ubuntu20.04-x86_64"
}

data "imagepick_bmc_image" "test" {
  name             = terraform_data.release.output
  instance_type_id = "M6C"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact(bmcUbuntu2004ID)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("image").AtMapKey("catalog"), knownvalue.StringExact("ubuntu")),
			},
			Check: expectZenlayerRequest(emu, map[string]string{"imageName": "Ubuntu20.04-x86_64", "instanceTypeId": "M6C"}),
		}},
	})
}

func TestBMCImageDataSource_apiErrors(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url, "") + `
data "imagepick_bmc_image" "test" {
  name             = "Ubuntu22.04-x86_64"
  instance_type_id = "NOPE1"
}
`,
				ExpectError: errorRegexp("Instance Type Not Found", "INVALID_INSTANCE_TYPE_NOT_FOUND"),
			},
			{
				Config:      bmcZenlayerOnlyBlock(url, "wrong-password") + `data "imagepick_bmc_image" "test" { name = "Debian12-x86_64" }`,
				ExpectError: errorRegexp("Zenlayer Authentication Failed"),
			},
			{
				Config: bmcUCloudOnlyBlock(url) + `data "imagepick_bmc_image" "test" { name = "Debian12-x86_64" }`,
				ExpectError: errorRegexp("Missing Zenlayer Credentials", "imagepick_bmc_image", "zenlayer.access_key_id",
					envZenlayerAccessKeyID),
			},
		},
	})
}
