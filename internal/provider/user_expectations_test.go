package provider

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// What users moving over from the official providers expect.

// With a default zone from the environment, lookups stay in that zone; all_zones = true searches the region.
func TestUHostImagesDataSource_allZones(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	ds := func(name string) string { return "data.imagepick_uhost_images." + name }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactoriesWithEnv(map[string]string{envUCloudZone: "cn-bj2-05"}),
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + `
data "imagepick_uhost_images" "zone" {}

data "imagepick_uhost_images" "region" {
  all_zones = true
}

data "imagepick_uhost_image_ids" "region" {
  all_zones = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs(ds("zone"), "uimage-u22b", "uimage-gt4", "uimage-arm", "uimage-c79", "uimage-w22", "uimage-mkt", "uimage-u22a"),
				statecheck.ExpectKnownValue(ds("zone"), tfjsonpath.New("availability_zone"), knownvalue.StringExact("cn-bj2-05")),
				// Every Available image of cn-bj2, the custom one of cn-bj2-03 included, each with its zone.
				expectIDs(ds("region"), "uimage-cus", "uimage-u22b", "uimage-gt4", "uimage-arm", "uimage-c79", "uimage-w22",
					"uimage-mkt", "uimage-u22a"),
				statecheck.ExpectKnownValue(ds("region"), tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("zone"),
					knownvalue.StringExact("cn-bj2-03")),
				statecheck.ExpectKnownValue(ds("region"), tfjsonpath.New("availability_zone"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds("region"), tfjsonpath.New("all_zones"), knownvalue.Bool(true)),
				statecheck.CompareValuePairs(ds("region"), tfjsonpath.New("ids"),
					"data.imagepick_uhost_image_ids.region", tfjsonpath.New("ids"), compare.ValuesSame()),
			},
		}},
	})
}

// Module variables default to []: an empty list filter means the same as leaving it out.
func TestImagesDataSources_emptyListsAreUnset(t *testing.T) {
	t.Parallel()
	catalog := uhostTestCatalog()
	catalog.PHost = phostTestCatalog().PHost
	catalog.BMC = emulator.DefaultCatalog().BMC
	_, url := newTestEmulator(t, emulator.Options{Catalog: catalog})
	same := func(kind, name string) statecheck.StateCheck {
		return statecheck.CompareValuePairs("data."+kind+".unset", tfjsonpath.New("ids"),
			"data."+kind+"."+name, tfjsonpath.New("ids"), compare.ValuesSame())
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_uhost_images" "unset" {}

data "imagepick_uhost_images" "empty" {
  image_ids = []
  status    = []
  features  = []
}

data "imagepick_phost_image_ids" "unset" {}

data "imagepick_phost_image_ids" "empty" {
  image_ids = []
  status    = []
}

data "imagepick_bmc_image_ids" "unset" {}

data "imagepick_bmc_image_ids" "empty" {
  image_ids = []
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs("data.imagepick_uhost_images.unset", "uimage-u22b", "uimage-gt4", "uimage-arm", "uimage-c79",
					"uimage-w22", "uimage-mkt", "uimage-u22a"),
				same("imagepick_uhost_images", "empty"),
				statecheck.ExpectKnownValue("data.imagepick_uhost_images.empty", tfjsonpath.New("status"), uhostStrings("Available")),
				statecheck.ExpectKnownValue("data.imagepick_uhost_images.empty", tfjsonpath.New("image_ids"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue("data.imagepick_phost_image_ids.unset", tfjsonpath.New("ids"), knownvalue.ListSizeExact(6)),
				same("imagepick_phost_image_ids", "empty"),
				statecheck.ExpectKnownValue("data.imagepick_bmc_image_ids.unset", tfjsonpath.New("ids"), knownvalue.ListSizeExact(15)),
				same("imagepick_bmc_image_ids", "empty"),
			},
		}},
	})
}

// readConfigured configures ds with pd and calls its Read as the framework does, on a configuration of only set
// (others null).
func readConfigured(t *testing.T, ds datasource.DataSource, pd *providerData, set map[string]tftypes.Value) (tftypes.Value, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	_, s := dataSourceSchema(t, ds)
	ds.(datasource.DataSourceWithConfigure).Configure(ctx, datasource.ConfigureRequest{ProviderData: pd}, &datasource.ConfigureResponse{})
	return frameworkRead(ctx, ds, s, nullObject(s.Type().TerraformType(ctx).(tftypes.Object), set))
}

func emulatorProviderData(t *testing.T, opts emulator.Options) *providerData {
	t.Helper()
	srv := httptest.NewServer(emulator.New(opts))
	t.Cleanup(srv.Close)
	return &providerData{
		ucloud: ucloudAccess{region: "cn-bj2", zone: "cn-bj2-05", client: client.NewUCloud(srv.URL,
			client.UCloudCredentials{PublicKey: emulator.DefaultUCloudPublicKey, PrivateKey: emulator.DefaultUCloudPrivateKey},
			client.Options{MaxRetries: 1})},
		zenlayer: zenlayerAccess{client: client.NewZenlayer(srv.URL,
			client.ZenlayerCredentials{AccessKeyID: emulator.DefaultZenlayerAccessKeyID, AccessKeyPassword: emulator.DefaultZenlayerAccessKeyPassword},
			client.Options{MaxRetries: 1})},
	}
}

// A list with image_ids that finds fewer images succeeds with a warning naming each missing one; the
// exactly-one form fails when it finds none, and warns too when it picks one of several requested.
func TestImagesDataSources_missingRequestedIDsWarn(t *testing.T) {
	t.Parallel()
	pd := emulatorProviderData(t, emulator.Options{Catalog: uhostTestCatalog()})
	ids := stringList([]string{"uimage-u22b", "uimage-nope", "uimage-u22m"})
	for _, ds := range []datasource.DataSource{newImageDataSource(uhostFamily, listForm)(), newImageDataSource(uhostFamily, idsForm)()} {
		state, diags := readConfigured(t, ds, pd, map[string]tftypes.Value{imageIDsFilter: ids})
		if diags.HasError() || diags.WarningsCount() != 1 {
			t.Fatalf("want one warning and no error, got %v", diags)
		}
		w := diags.Warnings()[0]
		for _, phrase := range []string{"returns 1 of the 3 images", "uimage-nope: not found",
			"uimage-u22m: found, but left out by status = [\"Available\"] (applied locally; the default)"} {
			if !strings.Contains(w.Detail(), phrase) {
				t.Errorf("warning %q lacks %q", w.Detail(), phrase)
			}
		}
		var got map[string]tftypes.Value
		if err := state.As(&got); err != nil || !got["ids"].Equal(stringList([]string{"uimage-u22b"})) {
			t.Errorf("ids = %v (%v), want [uimage-u22b]", got["ids"], err)
		}
	}
	_, diags := readConfigured(t, newImageDataSource(uhostFamily, oneForm)(), pd, map[string]tftypes.Value{imageIDsFilter: stringList([]string{"uimage-nope"})})
	if !diags.HasError() || diags.Errors()[0].Summary() != "No Matching Image" {
		t.Errorf("exactly-one form: want No Matching Image, got %v", diags)
	}
	_, diags = readConfigured(t, newImageDataSource(uhostFamily, oneForm)(), pd, map[string]tftypes.Value{imageIDsFilter: stringList([]string{"uimage-u22b", "uimage-nope"})})
	if diags.HasError() || diags.WarningsCount() != 1 || !strings.Contains(diags.Warnings()[0].Detail(), "uimage-nope: not found") {
		t.Errorf("exactly-one form, one of two found: want the image and a warning naming uimage-nope, got %v", diags)
	}
	_, diags = readConfigured(t, newImageDataSource(uhostFamily, listForm)(), pd, map[string]tftypes.Value{imageIDsFilter: stringList([]string{"uimage-u22b"})})
	if len(diags) != 0 {
		t.Errorf("every requested ID found: want no diagnostics, got %v", diags)
	}
}

// Images created and deleted while a plan pages: one change is absorbed by reading again, changes that go on
// fail the plan; a partial list is never returned.
func TestImagesDataSources_catalogChangingWhileRead(t *testing.T) {
	t.Parallel()
	catalog := &emulator.Catalog{}
	for _, img := range emulator.GenerateCatalog(250, "cn-bj2", "cn-bj2-05", 3).UHost {
		img.State = "Available"
		catalog.UHost = append(catalog.UHost, img)
	}
	_, url := newTestEmulator(t, emulator.Options{Catalog: catalog, LimitCap: 50, Churn: emulator.Churn{Every: 2, Limit: 1}})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + `data "imagepick_uhost_image_ids" "test" { all_zones = true }`,
			// One image was deleted while the first read paged: the second read is complete.
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.imagepick_uhost_image_ids.test", tfjsonpath.New("ids"), knownvalue.ListSizeExact(249)),
			},
		}},
	})

	_, url = newTestEmulator(t, emulator.Options{Catalog: catalog, LimitCap: 50, Churn: emulator.Churn{Every: 2}})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(url, "") + `data "imagepick_uhost_image_ids" "test" { all_zones = true }`,
			ExpectError: errorRegexp("Image List Changed While Read", "run the plan again"),
		}},
	})
}
