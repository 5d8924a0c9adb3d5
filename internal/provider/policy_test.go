package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// One policy in every family: enumerations in any letter case, read back in their documented spelling, and an
// invalid one refused at validate naming the attribute. Reference: issue 11 (one policy everywhere).

func TestImagesDataSources_sortInAnyLetterCase(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{})
	var config string
	var checks []statecheck.StateCheck
	for _, kind := range []string{"imagepick_uhost_images", "imagepick_phost_images", "imagepick_bmc_images",
		"imagepick_uhost_image_ids", "imagepick_phost_image_ids", "imagepick_bmc_image_ids"} {
		config += fmt.Sprintf("\ndata %q \"test\" {\n  sort_by    = \"NAME\"\n  sort_order = \"ASC\"\n}\n", kind)
		address := "data." + kind + ".test"
		checks = append(checks,
			statecheck.ExpectKnownValue(address, tfjsonpath.New("sort_by"), knownvalue.StringExact("name")),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("sort_order"), knownvalue.StringExact("asc")),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("ids"), knownvalue.NotNull()),
		)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            providerBlock(url, `zone = "cn-bj2-05"`) + config,
			ConfigStateChecks: checks,
		}},
	})
}

func TestImageDataSources_unknownImageTypeRefusedAtValidate(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{})
	var steps []resource.TestStep
	for _, kind := range []string{"imagepick_uhost_images", "imagepick_uhost_image", "imagepick_uhost_image_ids",
		"imagepick_phost_images", "imagepick_phost_image", "imagepick_phost_image_ids",
		"imagepick_bmc_images", "imagepick_bmc_image", "imagepick_bmc_image_ids"} {
		steps = append(steps, resource.TestStep{
			Config:      providerBlock(url, `zone = "cn-bj2-05"`) + fmt.Sprintf("data %q \"test\" {\n  image_type = \"golden\"\n}\n", kind),
			PlanOnly:    true,
			ExpectError: errorRegexp("Invalid Attribute Value Match", "with data."+kind+".test", `image_type value must be one of`, `got: "golden"`),
		})
	}
	resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: testProtoV6ProviderFactories, Steps: steps})
}
