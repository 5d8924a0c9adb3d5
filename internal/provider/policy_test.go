package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// One policy in every family: enumerations in any letter case, read back in their documented spelling, and an
// invalid one refused at validate naming the attribute.

func TestImagesDataSources_sortInAnyLetterCase(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{})
	var config string
	var checks []statecheck.StateCheck
	for _, kind := range dataSourceNames(t, func(name string) bool { return !strings.HasSuffix(name, "_image") }) {
		config += fmt.Sprintf("\ndata %q \"test\" {\n%s  sort_by    = \"NAME\"\n  sort_order = \"ASC\"\n}\n", kind, zecZone(kind))
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
	for _, kind := range dataSourceNames(t, func(string) bool { return true }) {
		steps = append(steps, resource.TestStep{
			Config:      providerBlock(url, `zone = "cn-bj2-05"`) + fmt.Sprintf("data %q \"test\" {\n%s  image_type = \"golden\"\n}\n", kind, zecZone(kind)),
			PlanOnly:    true,
			ExpectError: errorRegexp("Invalid Attribute Value Match", "with data."+kind+".test", `image_type value must be one of`, `got: "golden"`),
		})
	}
	resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: testProtoV6ProviderFactories, Steps: steps})
}

// zecZone is the availability_zone line a ZEC data source requires (there is no provider default), "" for others.
func zecZone(kind string) string {
	if strings.HasPrefix(kind, "imagepick_zec_") {
		return "  availability_zone = \"asia-east-1a\"\n"
	}
	return ""
}

// dataSourceNames lists the provider's data sources that keep says, so that a new family is in these suites.
func dataSourceNames(t *testing.T, keep func(name string) bool) []string {
	var names []string
	for _, ds := range allDataSources() {
		name, _ := dataSourceSchema(t, ds)
		if keep(name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		t.Fatal("no data source: the test checks nothing")
	}
	return names
}
