package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

func TestZECImageDataSource_picksTheOneMatch(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{ZECPageSize: zecTestPageSize})
	img := func(name string) tfjsonpath.Path { return tfjsonpath.New("image").AtMapKey(name) }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + `
data "imagepick_zec_image" "windows" {
  availability_zone = "asia-east-1a"
  category          = "Windows"
  name_regex        = "2022"
}

data "imagepick_zec_image" "copy" {
  availability_zone = "asia-east-1a"
  tags              = { copy = "yes" }
}

data "imagepick_zec_image" "creating" {
  availability_zone = "asia-east-1a"
  name              = "web-golden"
  status            = ["CREATING"]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.imagepick_zec_image.windows", tfjsonpath.New("id"), knownvalue.StringExact("img-win-2022")),
				statecheck.ExpectKnownValue("data.imagepick_zec_image.windows", img("size"), knownvalue.Float64Exact(40)),
				statecheck.ExpectKnownValue("data.imagepick_zec_image.windows", img("os_type"), knownvalue.StringExact("windows")),
				statecheck.ExpectKnownValue("data.imagepick_zec_image.windows", img("tags"), knownvalue.MapSizeExact(0)),
				statecheck.ExpectKnownValue("data.imagepick_zec_image.windows", tfjsonpath.New("most_recent"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.imagepick_zec_image.copy", tfjsonpath.New("id"), knownvalue.StringExact("img-web-v10b")),
				statecheck.ExpectKnownValue("data.imagepick_zec_image.copy", img("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"copy": knownvalue.StringExact("yes"), "env": knownvalue.StringExact("prod"), "team": knownvalue.StringExact("web")})),
				statecheck.ExpectKnownValue("data.imagepick_zec_image.creating", tfjsonpath.New("id"), knownvalue.StringExact("img-web-v11")),
				statecheck.ExpectKnownValue("data.imagepick_zec_image.creating", img("status"), knownvalue.StringExact("CREATING")),
			},
			Check: resource.ComposeTestCheckFunc(
				expectZenlayerRequestKeys(emu, map[string]string{"zoneId": "asia-east-1a", "category": "Windows", "imageStatus": "AVAILABLE"}),
				expectZenlayerRequestKeys(emu, map[string]string{"tags": `{"key":"copy","value":"yes"}`}),
			),
		}},
	})
}

// Several matches fail listing the candidates in the data source's order; none fails with the funnel.
func TestZECImageDataSource_notExactlyOne(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{ZECPageSize: zecTestPageSize})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url, "") + `
data "imagepick_zec_image" "test" {
  availability_zone = "asia-east-1a"
  tag_keys          = ["team"]
}
`,
				ExpectError: regexp.MustCompile(`(?s)Multiple Matching Images.*found 4 images.*tag_keys = \["team"\] \(sent as tagKeys\).*` +
					`status = \["AVAILABLE"\] \(sent to the API as .imageStatus. when it holds one\s+status.*the\s+default\).*` +
					`img-web-v10a "web-golden-v10".*img-web-v10b "web-golden-v10".*img-web-v2 "web-golden-v2".*img-db-base "db-base-2024.12"`),
			},
			{
				Config: providerBlock(url, "") + `
data "imagepick_zec_image" "test" {
  availability_zone = "na-west-1a"
  category          = "FreeBSD"
  name_regex        = "^OpenBSD"
}
`,
				ExpectError: regexp.MustCompile(`(?s)No Matching Image.*Images remaining after each stage: 1 fetched, 1 after status, 0 after\s+name_regex`),
			},
		},
	})
}
