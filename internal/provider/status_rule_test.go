package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// Unless status is set, every form of every family returns only images usable now: an exactly-one pick is one
// an instance can be created from.

// phostStatusCatalog holds Ubuntu images of cn-bj2-05: the newest is being made, one is Available, one is a bare
// metal 1.0 image that reports no status (usable) and no creation time, one is Unavailable.
func phostStatusCatalog() *emulator.Catalog {
	return &emulator.Catalog{PHost: []emulator.PHostImage{
		phostTestImage("pimg-ready", "Ubuntu 22.04 64位", "Ubuntu", "1710000000", "Available"),
		phostTestImage("pimg-making", "Ubuntu 24.04 64位", "Ubuntu", "1720000000", "Making"),
		phostTestImage("pimg-v1", "Ubuntu 18.04 64位", "Ubuntu", "", ""),
		phostTestImage("pimg-gone", "Ubuntu 20.04 64位", "Ubuntu", "1700000000", "Unavailable"),
	}}
}

func TestStatusRule_phostNeverPicksAnImageBeingMade(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: phostStatusCatalog()})
	ds := func(kind, name string) string { return "data.imagepick_" + kind + "." + name }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_phost_image" "default" {
  os_type     = "Ubuntu"
  most_recent = true
}

data "imagepick_phost_image" "making" {
  os_type     = "Ubuntu"
  most_recent = true
  status      = ["making"]
}

data "imagepick_phost_images" "default" {
  os_type = "Ubuntu"
}

data "imagepick_phost_image_ids" "default" {
  os_type = "Ubuntu"
}

data "imagepick_phost_images" "any" {
  os_type = "Ubuntu"
  status  = ["Available", "Making", "Unavailable"]
}

data "imagepick_phost_image_ids" "making" {
  status = ["Making"]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// The newest image is being made: the pick is the newest usable one.
				statecheck.ExpectKnownValue(ds("phost_image", "default"), tfjsonpath.New("id"), knownvalue.StringExact("pimg-ready")),
				statecheck.ExpectKnownValue(ds("phost_image", "default"), tfjsonpath.New("status"), uhostStrings("Available")),
				statecheck.ExpectKnownValue(ds("phost_image", "making"), tfjsonpath.New("id"), knownvalue.StringExact("pimg-making")),
				// The default keeps Available images and those that report no status.
				expectIDs(ds("phost_images", "default"), "pimg-ready", "pimg-v1"),
				expectIDs(ds("phost_image_ids", "default"), "pimg-ready", "pimg-v1"),
				// Set, status keeps exactly the statuses listed: an image without a status never matches.
				expectIDs(ds("phost_images", "any"), "pimg-making", "pimg-ready", "pimg-gone"),
				expectIDs(ds("phost_image_ids", "making"), "pimg-making"),
			},
		}},
	})
}

// The rule is in each family's documentation, which is generated from the descriptions.
func TestStatusRule_describedForEveryFamily(t *testing.T) {
	t.Parallel()
	for what, text := range map[string]string{
		"uhost status": filterDescription(uhostFamily.filters, "status"),
		"phost status": filterDescription(phostFamily.filters, "status"),
	} {
		expectPhrases(t, what, text, "unless `status` is set, all three forms return only images usable now")
	}
	expectPhrases(t, "phost status", filterDescription(phostFamily.filters, "status"), "images that report no status at all")
	expectPhrases(t, "uhost notes", uhostFamily.notes, "Unless `status` is set, only images usable now (`Available`) are returned.")
	expectPhrases(t, "phost notes", phostFamily.notes, "Unless `status` is set, only images usable now are returned")
	expectPhrases(t, "bmc notes", bmcFamily.notes, "reports no image status", "every image it returns is ready to install")
}

func filterDescription[R, I any](filters []filter[R, I], name string) string {
	for _, f := range filters {
		if f.name == name {
			return f.description
		}
	}
	return ""
}
