package provider

import (
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// readmePath is the README whose first example the test applies.
const readmePath = "../../README.md"

// readmeRegion is the region providerBlock configures; the README's example must use the same one for this test
// to apply it unchanged.
const readmeRegion = "cn-bj2"

// TestReadmeExample_PicksPlainUbuntu applies the data sources of the README's first example against the
// emulator's default catalog: its comment promises the plain Ubuntu 22.04 image, which an unanchored name_regex
// would miss for the newer "Ubuntu 22.04 64位 GPU 4090 驱动版" of the same zone.
func TestReadmeExample_PicksPlainUbuntu(t *testing.T) {
	t.Parallel()
	example := readmeFirstHCLBlock(t)
	if region := readmeProviderRegion(t, example); region != readmeRegion {
		t.Fatalf("the README example configures region %q, this test serves it as %q: update readmeRegion and the expected image ID", region, readmeRegion)
	}
	_, baseURL := newTestEmulator(t, emulator.Options{})

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(baseURL, "") + readmeDataBlocks(t, example),
			ConfigStateChecks: []statecheck.StateCheck{
				// The plain Ubuntu 22.04 image of cn-bj2-05 in internal/emulator/catalog_default.json.
				statecheck.ExpectKnownValue("data.imagepick_uhost_image.ubuntu", tfjsonpath.New("id"), knownvalue.StringExact("uimage-u22bj5a1")),
				statecheck.ExpectKnownValue("data.imagepick_uhost_image.ubuntu", tfjsonpath.New("image").AtMapKey("name"), knownvalue.StringExact("Ubuntu 22.04 64位")),
			},
		}},
	})
}

// readmeFirstHCLBlock returns the contents of the README's first ```hcl fence.
func readmeFirstHCLBlock(t *testing.T) []byte {
	t.Helper()
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatalf("reading %s: %s", readmePath, err)
	}
	_, rest, found := strings.Cut(string(readme), "```hcl\n")
	if !found {
		t.Fatalf("%s has no ```hcl block", readmePath)
	}
	block, _, found := strings.Cut(rest, "\n```")
	if !found {
		t.Fatalf("the first ```hcl block of %s is not closed", readmePath)
	}
	return []byte(block + "\n")
}

// readmeProviderRegion returns ucloud.region of the example's provider "imagepick" block.
func readmeProviderRegion(t *testing.T, example []byte) string {
	t.Helper()
	file, diags := hclsyntax.ParseConfig(example, "README.md", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("the README example is not valid HCL: %s", diags)
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		t.Fatalf("hclsyntax.ParseConfig returned a %T body", file.Body)
	}
	for _, block := range body.Blocks {
		if block.Type != "provider" || len(block.Labels) != 1 || block.Labels[0] != "imagepick" {
			continue
		}
		attr, ok := block.Body.Attributes["ucloud"]
		if !ok {
			t.Fatal(`the README example's provider "imagepick" block has no ucloud argument`)
		}
		ucloud, diags := attr.Expr.Value(nil)
		if diags.HasErrors() || !ucloud.Type().IsObjectType() || !ucloud.Type().HasAttribute("region") {
			t.Fatalf("the README example's ucloud argument is not an object literal with a region: %s", diags)
		}
		return ucloud.GetAttr("region").AsString()
	}
	t.Fatal(`the README example has no provider "imagepick" block`)
	return ""
}

// readmeDataBlocks drops the example's terraform, provider and resource blocks: the test harness supplies the
// provider, and the resources belong to other providers.
func readmeDataBlocks(t *testing.T, example []byte) string {
	t.Helper()
	file, diags := hclwrite.ParseConfig(example, "README.md", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("the README example is not valid HCL: %s", diags)
	}
	body := file.Body()
	data := 0
	for _, block := range body.Blocks() {
		switch block.Type() {
		case "terraform", "provider", "resource":
			body.RemoveBlock(block)
		case "data":
			data++
		}
	}
	if data == 0 {
		t.Fatal("the README example has no data block")
	}
	return string(file.Bytes())
}
