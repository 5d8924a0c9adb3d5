package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

func TestUHostImagesDataSource_arguments(t *testing.T) {
	t.Parallel()
	// The package runs in UTC+8 (TestMain) and the expected times are UTC literals: the provider formats times
	// itself, so the state does not depend on the machine's time zone.
	emu, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	all := "data.imagepick_uhost_images.all"
	dflt := "data.imagepick_uhost_images.defaults"
	mkt := tfjsonpath.New("images").AtSliceIndex(0)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"
    project_id = "org-default"`) + `
data "imagepick_uhost_images" "all" {
  region            = "cn-bj2"
  project_id        = "org-test"
  availability_zone = "cn-bj2-05"
  image_ids         = ["uimage-mkt", "uimage-u22b"]
  image_type        = "business"
  os_type           = "LINUX"
  func_type         = "UHost"
  business_group    = "Market"
  include_prices    = true
}

data "imagepick_uhost_images" "defaults" {}
`,
			Check: resource.ComposeTestCheckFunc(
				uhostRequestWith(emu, map[string]string{"Region": "cn-bj2", "ProjectId": "org-test", "Zone": "cn-bj2-05",
					"ImageIds.0": "uimage-mkt", "ImageIds.1": "uimage-u22b", "ImageType": "Business", "OsType": "Linux",
					"FuncType": "uhost", "Tag": "Market", "PriceSet": "1"}),
				// Region, zone and project come from the provider; without include_prices no PriceSet is sent.
				uhostRequestWith(emu, map[string]string{"Region": "cn-bj2", "ProjectId": "org-default", "Zone": "cn-bj2-05"},
					"PriceSet", "ImageType", "OsType", "FuncType", "Tag", "ImageIds.0"),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs(all, "uimage-mkt"),
				// Enumerations read back in the API's spelling.
				statecheck.ExpectKnownValue(all, tfjsonpath.New("image_type"), knownvalue.StringExact("Business")),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("os_type"), knownvalue.StringExact("Linux")),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("func_type"), knownvalue.StringExact("uhost")),
				statecheck.ExpectKnownValue(all, mkt, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                  knownvalue.StringExact("uimage-mkt"),
					"name":                knownvalue.StringExact("WordPress 6.4"),
					"zone":                knownvalue.StringExact("cn-bj2-05"),
					"type":                knownvalue.StringExact("Business"),
					"func_type":           knownvalue.StringExact("uhost"),
					"os_type":             knownvalue.StringExact("Linux"),
					"os_name":             knownvalue.StringExact("WordPress 6.4"),
					"architecture":        knownvalue.StringExact("x86_64"),
					"features":            uhostStrings("CloudInit", "HotPlug"),
					"create_time":         knownvalue.StringExact("2024-01-01T00:02:00Z"),
					"size":                knownvalue.Int64Exact(20),
					"status":              knownvalue.StringExact("Available"),
					"description":         knownvalue.StringExact(""),
					"minimal_cpu":         knownvalue.StringExact(""),
					"eol_date":            knownvalue.StringExact("2099-12-31"),
					"supported_gpu_types": uhostStrings(),
					"scene_categories":    uhostStrings("Website"),
					"primary_software":    knownvalue.StringExact("WordPress"),
					"integrated_software": knownvalue.StringExact("PHP 8.2, MySQL 8.0"),
					"vendor":              knownvalue.StringExact("WP Inc"),
					"links":               knownvalue.StringExact("https://example.com/wp"),
					"data_snapshot_ids":   uhostStrings(),
					"business_group":      knownvalue.StringExact("Market"),
					"prices": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"charge_type":    knownvalue.StringExact("Month"),
						"price":          knownvalue.Float64Exact(10.5),
						"original_price": knownvalue.Float64Exact(12),
					})}),
				})),
				// Defaults are visible in state; status hides the Making and Unavailable images; ties on
				// create_time (uimage-w22, uimage-c79) go by name A→Z.
				statecheck.ExpectKnownValue(dflt, tfjsonpath.New("region"), knownvalue.StringExact("cn-bj2")),
				statecheck.ExpectKnownValue(dflt, tfjsonpath.New("project_id"), knownvalue.StringExact("org-default")),
				statecheck.ExpectKnownValue(dflt, tfjsonpath.New("availability_zone"), knownvalue.StringExact("cn-bj2-05")),
				statecheck.ExpectKnownValue(dflt, tfjsonpath.New("status"), uhostStrings("Available")),
				statecheck.ExpectKnownValue(dflt, tfjsonpath.New("sort_by"), knownvalue.StringExact("create_time")),
				statecheck.ExpectKnownValue(dflt, tfjsonpath.New("sort_order"), knownvalue.StringExact("desc")),
				expectIDs(dflt, "uimage-u22b", "uimage-gt4", "uimage-arm", "uimage-c79", "uimage-w22", "uimage-mkt", "uimage-u22a"),
				statecheck.ExpectKnownValue(dflt, tfjsonpath.New("images").AtSliceIndex(5).AtMapKey("prices"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue(dflt, tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("create_time"),
					knownvalue.StringExact("2024-01-01T00:05:00Z")),
			},
		}},
	})
}

func TestUHostImagesDataSource_localFilters(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	ds := func(name string) string { return "data.imagepick_uhost_images." + name }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_uhost_images" "making" {
  status = ["making"]
}

data "imagepick_uhost_images" "statuses" {
  status     = ["Available", "Unavailable"]
  name_regex = "^Ubuntu 22\\.04 64位$"
}

data "imagepick_uhost_images" "arm" {
  architecture = "AARCH64"
}

data "imagepick_uhost_images" "x86_ubuntu" {
  architecture = "x86_64"
  name_regex   = "^Ubuntu\\s22"
}

data "imagepick_uhost_images" "gpu" {
  gpu_type = "t4"
}

data "imagepick_uhost_images" "features" {
  features = ["cloudinit", "HOTPLUG"]
}

data "imagepick_uhost_images" "scene" {
  scene_category = "website"
}

data "imagepick_uhost_images" "not_eol" {
  exclude_eol = true
}

data "imagepick_uhost_images" "none" {
  name_regex = "^Nothing"
}
`,
			Check: func(*terraform.State) error {
				// Local filters are never sent: every data source above makes the same request.
				for _, r := range emu.Requests() {
					for _, p := range []string{"name_regex", "Status", "State", "Features", "Architecture"} {
						if _, ok := r.Params[p]; ok {
							return fmt.Errorf("local filter sent to the API as %s: %v", p, r.Params)
						}
					}
				}
				return nil
			},
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs(ds("making"), "uimage-u22m"),
				statecheck.ExpectKnownValue(ds("making"), tfjsonpath.New("status"), uhostStrings("Making")),
				expectIDs(ds("statuses"), "uimage-u22b", "uimage-u22a", "uimage-u22x"),
				expectIDs(ds("arm"), "uimage-arm"),
				statecheck.ExpectKnownValue(ds("arm"), tfjsonpath.New("architecture"), knownvalue.StringExact("aarch64")),
				statecheck.ExpectKnownValue(ds("arm"), tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("architecture"),
					knownvalue.StringExact("aarch64")),
				expectIDs(ds("x86_ubuntu"), "uimage-u22b", "uimage-gt4", "uimage-u22a"),
				expectIDs(ds("gpu"), "uimage-gt4"),
				statecheck.ExpectKnownValue(ds("gpu"), tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("supported_gpu_types"),
					uhostStrings("T4", "V100S")),
				expectIDs(ds("features"), "uimage-u22b", "uimage-gt4", "uimage-c79", "uimage-mkt", "uimage-u22a"),
				expectIDs(ds("scene"), "uimage-mkt"),
				expectIDs(ds("not_eol"), "uimage-u22b", "uimage-gt4", "uimage-arm", "uimage-w22", "uimage-mkt", "uimage-u22a"),
				// No match is an empty list, not null and not an error.
				expectIDs(ds("none")),
				statecheck.ExpectKnownValue(ds("none"), tfjsonpath.New("images"), knownvalue.ListExact(nil)),
			},
		}},
	})
}

func TestUHostImagesDataSource_sortAndTies(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: uhostTiesCatalog()})
	ds := func(name string) string { return "data.imagepick_uhost_images." + name }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + `
data "imagepick_uhost_images" "default" {}

data "imagepick_uhost_images" "asc" {
  sort_order = "asc"
}

data "imagepick_uhost_images" "name" {
  sort_by    = "name"
  sort_order = "asc"
}

data "imagepick_uhost_images" "id" {
  sort_by = "id"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Newest first; uimage-b, uimage-a and uimage-c share a creation time: name A→Z decides (numbers as
				// numbers, so 9.04 comes before 22.04), then the ID, ascending whatever sort_order says.
				expectIDs(ds("default"), "uimage-e", "uimage-c", "uimage-a", "uimage-b", "uimage-d"),
				// asc reverses the creation time only: the tie keeps its A→Z order.
				expectIDs(ds("asc"), "uimage-d", "uimage-c", "uimage-a", "uimage-b", "uimage-e"),
				expectIDs(ds("name"), "uimage-d", "uimage-e", "uimage-c", "uimage-a", "uimage-b"),
				expectIDs(ds("id"), "uimage-e", "uimage-d", "uimage-c", "uimage-b", "uimage-a"),
				statecheck.ExpectKnownValue(ds("id"), tfjsonpath.New("sort_order"), knownvalue.StringExact("desc")),
			},
		}},
	})
}

// TestUHostImagesDataSource_pagesAndCoalescing reads a catalog of several pages, once with one data source and
// once with five that differ only in name_regex (a local filter, so their DescribeImage queries are identical).
//
// Terraform reads a data source several times per test (plan, apply, the follow-up plan, ...), each time with a
// freshly configured provider, so the absolute request count is not a property of the provider. But both runs
// make the same Terraform calls: with coalescing, one provider configuration fetches the pages once whatever the
// number of data sources, so both runs send exactly as many requests. Without coalescing the second run would
// send five times as many, and the equality below fails.
func TestUHostImagesDataSource_pagesAndCoalescing(t *testing.T) {
	t.Parallel()
	const images, limitCap = 45, 7 // 7 pages of at most 7
	catalog := &emulator.Catalog{}
	for i := range images {
		catalog.UHost = append(catalog.UHost, uhostTestImage(fmt.Sprintf("uimage-p%02d", i), fmt.Sprintf("img-%02d", i), uhostT0+int64(i)))
	}
	run := func(regexes ...string) int64 {
		emu, url := newTestEmulator(t, emulator.Options{Catalog: catalog, LimitCap: limitCap})
		config := providerBlock(url, "")
		var checks []statecheck.StateCheck
		for i, re := range regexes {
			config += fmt.Sprintf("\ndata \"imagepick_uhost_images\" \"ds%d\" {\n  name_regex = %q\n}\n", i, re)
			want := 0
			for j := range images {
				if regexp.MustCompile(re).MatchString(fmt.Sprintf("img-%02d", j)) {
					want++
				}
			}
			checks = append(checks, statecheck.ExpectKnownValue(fmt.Sprintf("data.imagepick_uhost_images.ds%d", i),
				tfjsonpath.New("ids"), knownvalue.ListSizeExact(want)))
		}
		checks = append(checks, uhostIDsAt("data.imagepick_uhost_images.ds0", 0, "uimage-p44"))
		resource.UnitTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
		})
		return emu.Stats().Requests["DescribeImage"]
	}

	one := run("^img-")
	five := run("^img-", "0$", "[12]$", "^img-4", "^nothing")
	pages := int64((images + limitCap - 1) / limitCap)
	if one == 0 || one%pages != 0 {
		t.Errorf("one data source: %d DescribeImage requests, want a multiple of %d pages", one, pages)
	}
	t.Logf("requests: one=%d five=%d", one, five)
	if five != one {
		t.Errorf("five data sources with one query: %d DescribeImage requests, want %d as with one data source", five, one)
	}
}

func TestUHostImagesDataSource_unknownUntilApply(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_4_0)},
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
resource "terraform_data" "pattern" {
  input = "^Ubuntu 22\\.04 64位$"
}

data "imagepick_uhost_images" "test" {
  name_regex = terraform_data.pattern.output
}

data "imagepick_uhost_image" "test" {
  name_regex  = terraform_data.pattern.output
  most_recent = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs("data.imagepick_uhost_images.test", "uimage-u22b", "uimage-u22a"),
				statecheck.ExpectKnownValue("data.imagepick_uhost_image.test", tfjsonpath.New("id"), knownvalue.StringExact("uimage-u22b")),
			},
		}},
	})
}

func TestUHostImagesDataSource_validation(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	step := func(args string, expect ...string) resource.TestStep {
		return resource.TestStep{
			Config:      providerBlock(url, "") + "\ndata \"imagepick_uhost_images\" \"test\" {\n" + args + "\n}\n",
			PlanOnly:    true,
			ExpectError: errorRegexp(expect...),
		}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`image_type = "Marketplace"`, `Invalid Attribute Value Match`, `image_type value must be one of`),
			step(`image_type = "golden"`, `image_type value must be one of: ["Base" "Business" "Custom"], got: "golden"`),
			step(`os_type = "BSD"`, `os_type value must be one of: ["Linux" "Windows"]`),
			step(`func_type = "cpu"`, `["gpu" "app" "uhost"]`),
			step(`status = ["Running"]`, `["Available" "Making" "Unavailable" "Copying"]`),
			step(`architecture = "arm64"`, `["x86_64" "aarch64"]`),
			step(`name_regex = "Ubuntu ("`, `Invalid Regular Expression`),
			step(`sort_by = "size"`, `sort_by value must be one of: ["create_time" "name" "id"]`),
			step(`sort_order = "up"`, `sort_order value must be one of: ["asc" "desc"]`),
			step(`image_ids = ["uimage-a", "uimage-a"]`, `duplicate`),
			step(`all_zones = true
  availability_zone = "cn-bj2-05"`, `Invalid Attribute Combination`, `all_zones`),
		},
	})
}

func TestUHostImagesDataSource_errors(t *testing.T) {
	t.Parallel()
	// The emulator knows the default public key with another private key: every signature fails (RetCode 171).
	_, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog(),
		UCloudKeys: map[string]string{emulator.DefaultUCloudPublicKey: "0000000000000000000000000000000000000000"}})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      providerBlock(url, "") + `data "imagepick_uhost_images" "test" {}`,
				ExpectError: errorRegexp("UCloud Authentication Failed", "RetCode 171"),
			},
			{
				Config:      providerBlock(url, "") + `data "imagepick_uhost_image" "test" {}`,
				ExpectError: errorRegexp("UCloud Authentication Failed", "RetCode 171"),
			},
			{
				Config: fmt.Sprintf(`
provider "imagepick" {
  ucloud = {
    public_key  = "pub"
    private_key = "priv"
    base_url    = %q
  }
}

data "imagepick_uhost_images" "test" {}
`, url),
				ExpectError: errorRegexp("Missing Region"),
			},
		},
	})
}

// uhostTiesCatalog has three images created at the same second, so that name and ID decide their order.
func uhostTiesCatalog() *emulator.Catalog {
	return &emulator.Catalog{UHost: []emulator.UHostImage{
		uhostTestImage("uimage-c", "Ubuntu 9.04", uhostT0),
		uhostTestImage("uimage-a", "Ubuntu 22.04", uhostT0),
		uhostTestImage("uimage-d", "Alma 8", uhostT0-100),
		uhostTestImage("uimage-b", "Ubuntu 22.04", uhostT0),
		uhostTestImage("uimage-e", "Newest", uhostT0+100),
	}}
}

// uhostRequestWith checks that some DescribeImage request carried every parameter of want and none of absent.
func uhostRequestWith(emu *emulator.Server, want map[string]string, absent ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		requests := emu.Requests()
	next:
		for _, r := range requests {
			if r.Action != "DescribeImage" {
				continue
			}
			for k, v := range want {
				if r.Params[k] != v {
					continue next
				}
			}
			for _, k := range absent {
				if _, ok := r.Params[k]; ok {
					continue next
				}
			}
			return nil
		}
		var seen []string
		for _, r := range requests {
			seen = append(seen, fmt.Sprint(r.Params))
		}
		return fmt.Errorf("no DescribeImage request with %v and without %v; received:\n%s", want, absent, strings.Join(seen, "\n"))
	}
}

// uhostIDsAt checks the ID of one image of a list data source.
func uhostIDsAt(address string, index int, id string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("images").AtSliceIndex(index).AtMapKey("id"), knownvalue.StringExact(id))
}

func uhostStrings(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(checks)
}
