package provider

import (
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

func TestPHostImageDataSource_found(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog()})
	one := "data.imagepick_phost_image.one"
	img := func(name string) tfjsonpath.Path { return tfjsonpath.New("image").AtMapKey(name) }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_phost_image" "one" {
  os_type      = "centos"
  status       = ["available"]
  image_type   = "base"
  machine_type = "Standard-C1"
}

# os_type read back in the API's spelling is accepted again and finds the same image.
data "imagepick_phost_image" "round_trip" {
  os_type      = data.imagepick_phost_image.one.image.os_type
  status       = [data.imagepick_phost_image.one.image.status]
  machine_type = "Standard-C1"
}

# Three Ubuntu images at the same second, two with the same name: name A→Z (9.10 before 22.04), then ID.
data "imagepick_phost_image" "newest" {
  name_regex  = "^Ubuntu"
  most_recent = true
}

# A bare metal 1.0 image: no creation time, no status.
data "imagepick_phost_image" "legacy" {
  image_ids = ["pimg-b"]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(one, tfjsonpath.New("id"), knownvalue.StringExact("pimg-a")),
				statecheck.ExpectKnownValue(one, img("id"), knownvalue.StringExact("pimg-a")),
				statecheck.ExpectKnownValue(one, img("name"), knownvalue.StringExact("CentOS 7.9 64位")),
				statecheck.ExpectKnownValue(one, img("os_type"), knownvalue.StringExact("CentOS")),
				statecheck.ExpectKnownValue(one, img("os_name"), knownvalue.StringExact("CentOS 7.9 64位")),
				statecheck.ExpectKnownValue(one, img("supported_machine_types"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("Standard-C1"), knownvalue.StringExact("GPU-G4")})),
				statecheck.ExpectKnownValue(one, img("version"), knownvalue.StringExact("2.1")),
				statecheck.ExpectKnownValue(one, img("type"), knownvalue.StringExact("Base")),
				statecheck.ExpectKnownValue(one, img("create_time"), knownvalue.StringExact("2024-01-01T00:00:00Z")),
				statecheck.ExpectKnownValue(one, img("status"), knownvalue.StringExact("Available")),
				statecheck.ExpectKnownValue(one, img("size"), knownvalue.Int64Exact(20)),
				statecheck.ExpectKnownValue(one, img("description"), knownvalue.StringExact("about pimg-a")),
				// Filters as configured (enumerations canonical), defaults as used.
				statecheck.ExpectKnownValue(one, tfjsonpath.New("os_type"), knownvalue.StringExact("centos")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("status"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("available")})),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("image_type"), knownvalue.StringExact("Base")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("cluster"), knownvalue.StringExact("25G")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("availability_zone"), knownvalue.StringExact("cn-bj2-05")),
				statecheck.ExpectKnownValue("data.imagepick_phost_image.round_trip", tfjsonpath.New("id"), knownvalue.StringExact("pimg-a")),
				statecheck.ExpectKnownValue("data.imagepick_phost_image.newest", tfjsonpath.New("id"), knownvalue.StringExact("pimg-e")),
				statecheck.ExpectKnownValue("data.imagepick_phost_image.legacy", img("create_time"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue("data.imagepick_phost_image.legacy", img("status"), knownvalue.StringExact("")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "ImageType": "Base",
					"MachineType": "Standard-C1", "Cluster": "25G"}),
				expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "ImageId.0": "pimg-b"}),
			),
		}},
	})
}

func TestPHostImageDataSource_notExactlyOne(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog()})
	config := func(args string) string {
		return providerBlock(url, `zone = "cn-bj2-05"`) + "data \"imagepick_phost_image\" \"test\" {\n" + args + "\n}\n"
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Every filter is shown, server-side and local, with how many images each local one left.
				Config: config(`
  machine_type = "Standard-C1"
  os_type      = "debian"
  name_regex   = "^Debian 11"
`),
				ExpectError: errorRegexp("No Matching Image", `region = "cn-bj2" (sent as Region; the default)`,
					`availability_zone = "cn-bj2-05" (sent as Zone; the default)`, `machine_type = "Standard-C1" (sent as MachineType)`,
					`cluster = "25G" (sent as Cluster; the default)`, `name_regex = "^Debian 11" (applied locally)`,
					`os_type = "debian" (applied locally)`, "6 fetched, 0 after name_regex, 0 after os_type"),
			},
			{
				// Candidates newest first, those without creation time last and shown as unknown.
				Config: config(`os_type = "CentOS"`),
				ExpectError: errorRegexp("Multiple Matching Images", "found 2 images",
					`pimg-a "CentOS 7.9 64位" created 2024-01-01T00:00:00Z`,
					`pimg-b "CentOS 7.6 64位"`, "most_recent = true"),
			},
			{
				// Up to five candidates, ties at the same second broken by name A→Z then ID; pimg-f, being made, is
				// left out by the default status.
				Config: config(``),
				ExpectError: errorRegexp("Multiple Matching Images", "found 6 images", `pimg-e "Ubuntu 9.10 64位"`,
					`pimg-c "Ubuntu 22.04 64位"`, `pimg-d "Ubuntu 22.04 64位"`, "pimg-h", "pimg-a", "… and 1 more"),
			},
			{
				Config:      config(`cluster = "100G"`),
				ExpectError: errorRegexp("Invalid Attribute Combination", "machine_type"),
				PlanOnly:    true,
			},
			{
				Config:      config(`most_recent = "yes"`),
				ExpectError: errorRegexp("Incorrect attribute value type"),
				PlanOnly:    true,
			},
		},
	})
}

func TestPHostImageDataSource_unknownUntilApply(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog()})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
resource "terraform_data" "machine" {
  input = "GPU-G4"
}

data "imagepick_phost_image" "test" {
  machine_type = terraform_data.machine.output
  cluster      = "100G"
  most_recent  = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.imagepick_phost_image.test", tfjsonpath.New("id"), knownvalue.StringExact("pimg-d")),
			},
			Check: expectPHostRequest(emu, map[string]string{"Region": "cn-bj2", "Zone": "cn-bj2-05", "MachineType": "GPU-G4", "Cluster": "100G"}),
		}},
	})
}

func TestPHostImageDataSource_apiError(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog(),
		UCloudKeys: map[string]string{emulator.DefaultUCloudPublicKey: "0000000000000000000000000000000000000000"}})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      providerBlock(url, `zone = "cn-bj2-05"`) + `data "imagepick_phost_image" "test" {}`,
				ExpectError: errorRegexp("UCloud Authentication Failed", "imagepick_phost_image", "RetCode 171", "Signature VerifyAC Error"),
			},
			{
				Config:      providerBlock(url, "") + `data "imagepick_phost_image" "test" {}`,
				ExpectError: errorRegexp("Missing Availability Zone", "availability_zone", "ucloud.zone", "UCLOUD_ZONE"),
			},
			{
				// No UCloud credentials anywhere: the error says which to set, after region and zone are settled.
				Config: `
provider "imagepick" {}

data "imagepick_phost_image" "test" {
  region            = "cn-bj2"
  availability_zone = "cn-bj2-05"
}
`,
				ExpectError: errorRegexp("Missing UCloud Credentials", "imagepick_phost_image", "ucloud.public_key",
					envUCloudPublicKey, "ucloud.private_key", envUCloudPrivateKey),
			},
		},
	})
}

// TestPHostImageDataSource_examples applies the documentation examples of both phost data sources, as they are on
// disk, against the emulator's default catalog, so they cannot rot.
func TestPHostImageDataSource_examples(t *testing.T) {
	t.Parallel()
	var config string
	for _, name := range []string{"imagepick_phost_images", "imagepick_phost_image"} {
		example, err := os.ReadFile("../../examples/data-sources/" + name + "/data-source.tf")
		if err != nil {
			t.Fatal(err)
		}
		config += string(example)
	}
	_, url := newTestEmulator(t, emulator.Options{})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + config,
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs("data.imagepick_phost_images.gpu", "pimg-u22b5b02", "pimg-w22b5a01", "pimg-c79b5a01", "pimg-u22b5a01"),
				statecheck.ExpectKnownOutputValue("newest_gpu_image_id", knownvalue.StringExact("pimg-u22b5b02")),
				statecheck.ExpectKnownValue("data.imagepick_phost_image.centos", tfjsonpath.New("id"), knownvalue.StringExact("pimg-c79b5a01")),
				statecheck.ExpectKnownValue("terraform_data.baremetal_instance", tfjsonpath.New("output").AtMapKey("image_id"),
					knownvalue.StringExact("pimg-c79b5a01")),
			},
		}},
	})
}
