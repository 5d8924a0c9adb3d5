package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// The fault suite for ZEC: pages capped far below the page size asked for, transient faults on any page (a 503 on
// page 2 included), and a permanent failure that ends the plan instead of hanging it.

// zecFaultDataSources reads the three ZEC data sources over every status, so each listing takes several pages.
const zecFaultDataSources = `
data "imagepick_zec_images" "all" {
  availability_zone = "asia-east-1a"
  status            = ["AVAILABLE", "CREATING", "FAILED", "SYNCING", "UNAVAILABLE"]
}

data "imagepick_zec_image_ids" "all" {
  availability_zone = "asia-east-1a"
  status            = ["AVAILABLE", "CREATING", "FAILED", "SYNCING", "UNAVAILABLE"]
}

data "imagepick_zec_image" "web" {
  availability_zone = "asia-east-1a"
  name_regex        = "^web-golden-v2$"
}
`

func zecFaultChecks() []statecheck.StateCheck {
	n := len(zecCatalogMatches("asia-east-1a", func(emulator.ZECImage) bool { return true }))
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.imagepick_zec_images.all", tfjsonpath.New("images"), knownvalue.ListSizeExact(n)),
		statecheck.ExpectKnownValue("data.imagepick_zec_image_ids.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(n)),
		statecheck.ExpectKnownValue("data.imagepick_zec_image.web", tfjsonpath.New("id"), knownvalue.StringExact("img-web-v2")),
	}
}

func TestZECFaults_transientFaultsLeaveStateUnchanged(t *testing.T) {
	t.Parallel()
	var clean map[string]map[string]string
	_, cleanURL := newTestEmulator(t, emulator.Options{ZECPageSize: zecTestPageSize})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            faultProviderBlock(cleanURL, 10, "") + zecFaultDataSources,
			ConfigStateChecks: zecFaultChecks(),
			Check:             captureState(&clean),
		}},
	})
	if t.Failed() || len(clean) != 3 {
		t.Fatalf("fault-free run: captured %d data sources, want 3", len(clean))
	}
	for _, faults := range []emulator.Faults{
		{UnavailableEvery: 2}, // every other request answers 503, later pages among them
		{ThrottleEvery: 3, UnavailableEvery: 5, TruncateEvery: 7},
	} {
		emu, url := newTestEmulator(t, emulator.Options{ZECPageSize: zecTestPageSize, Faults: faults})
		resource.UnitTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:            faultProviderBlock(url, 10, "") + zecFaultDataSources,
				ConfigStateChecks: zecFaultChecks(),
				Check:             sameState(&clean),
			}},
		})
		if stats := emu.Stats(); stats.Faults == 0 {
			t.Errorf("faults %+v: none served in %d requests; the case tested nothing", faults, stats.Total)
		}
	}
}

// Every request throttled: the plan ends with an error naming the API and the last answer, after the retries.
func TestZECFaults_permanentFailure(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Faults: emulator.Faults{ThrottleEvery: 1}})
	var message string
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		ErrorCheck: func(err error) error {
			message = err.Error()
			return nil
		},
		Steps: []resource.TestStep{{
			Config:   faultProviderBlock(url, 1, "1s") + `data "imagepick_zec_images" "test" { availability_zone = "asia-east-1a" }`,
			PlanOnly: true,
		}},
	})
	text := strings.Join(strings.Fields(message), " ")
	for _, want := range []string{`Zenlayer API Unavailable`, `All 2 attempts failed\.`,
		`Zenlayer DescribeImages: giving up after 2 attempts: Zenlayer DescribeImages: HTTP 429 REQUEST_LIMIT_EXCEEDED`} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("the error does not match %q:\n%s", want, message)
		}
	}
}
