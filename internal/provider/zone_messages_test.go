package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
	"github.com/imagepick/terraform-provider-imagepick/internal/provider/validators"
)

// Lookups that come up short say where they looked and how to look further; values the API refuses are named.

// With the provider's default zone set (ucloud.zone, as UCLOUD_ZONE sets it), an ID of another zone is not found
// in that zone: the warning and the error name the zone and all_zones.
func TestZoneMessages_defaultZoneNamedWhenAnIDIsMissing(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	pd := testProviderData(url, "cn-bj2-05")
	otherZone := map[string]tftypes.Value{imageIDsFilter: stringList([]string{"uimage-cus"})} // in cn-bj2-03

	_, diags := resolveWith(t, uhostFamily, listForm, pd, otherZone)
	if diags.HasError() {
		t.Fatal(diags)
	}
	expectPhrases(t, "missing-ID warning", warningWith(t, diags, "Requested Images Missing"),
		"returns 0 of the 1 images in image_ids", "- uimage-cus: not found",
		`availability_zone = "cn-bj2-05" (sent as Zone; the default)`,
		`"cn-bj2-05" is the provider's default zone (ucloud.zone or UCLOUD_ZONE), so the lookup looked in that zone only: all_zones = true searches every zone of the region.`)
	// The answer was empty: one more request without Zone finds where the image is.
	expectPhrases(t, "empty-answer warning", warningWith(t, diags, "No Images Where the Lookup Looked"),
		`availability_zone = "cn-bj2-05"`,
		"Without availability_zone, one more request finds images these filters select in: cn-bj2-03 (1). Set "+
			"availability_zone to one of them, or set all_zones = true to search every zone.")

	_, diags = resolveWith(t, uhostFamily, oneForm, pd, otherZone)
	if !diags.HasError() {
		t.Fatalf("want No Matching Image, got %v", diags)
	}
	expectPhrases(t, "error", diags.Errors()[0].Detail(), "found none of the images in image_ids", "- uimage-cus: not found",
		`availability_zone = "cn-bj2-05"`, "all_zones = true searches every zone of the region")

	// all_zones finds it, in one request (a new client: the client answers a request it has sent from memory).
	emu.Reset()
	_, diags = resolveWith(t, uhostFamily, listForm, testProviderData(url, "cn-bj2-05"), map[string]tftypes.Value{
		imageIDsFilter: stringList([]string{"uimage-cus"}), "all_zones": tftypes.NewValue(tftypes.Bool, true),
	})
	if len(diags) != 0 || len(emu.Requests()) != 1 {
		t.Errorf("all_zones: want no diagnostics and one request, got %v and %d requests", diags, len(emu.Requests()))
	}

	// Through Terraform: the error a user reads.
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(url, `zone = "cn-bj2-05"`) + `data "imagepick_uhost_image" "test" { image_ids = ["uimage-cus"] }`,
			ExpectError: errorRegexp("No Matching Image", "uimage-cus: not found", `"cn-bj2-05"`, "all_zones = true"),
		}},
	})
}

// phost needs a zone: the advice is to set availability_zone.
func TestZoneMessages_phostDefaultZoneNamed(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{Catalog: phostTestCatalog()})
	_, diags := resolveWith(t, phostFamily, oneForm, testProviderData(url, "cn-bj2-05"), map[string]tftypes.Value{
		imageIDsFilter: stringList([]string{"pimg-g"}), // in cn-bj2-02
	})
	if !diags.HasError() {
		t.Fatalf("want No Matching Image, got %v", diags)
	}
	expectPhrases(t, "error", diags.Errors()[0].Detail(), "- pimg-g: not found", `availability_zone = "cn-bj2-05"`,
		"DescribePHostImage needs a zone, so set availability_zone to the zone the images are in")
	expectPhrases(t, "empty-answer warning", warningWith(t, diags, "No Images Where the Lookup Looked"),
		`availability_zone = "cn-bj2-05"`)
}

// A zone or region the user typed that has no image at all is named; the zones that have images are named after
// one more request, which is sent only when the answer is empty.
func TestZoneMessages_emptyZoneOrRegionNamed(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{Catalog: uhostTestCatalog()})
	pd := testProviderData(url, "")

	ids, diags := queryWith(t, uhostFamily, pd, map[string]tftypes.Value{"availability_zone": str("cn-bj2-99")})
	if diags.HasError() || len(ids) != 0 {
		t.Fatalf("want no images and no error, got %v, %v", ids, diags)
	}
	expectPhrases(t, "warning", warningWith(t, diags, "No Images Where the Lookup Looked"),
		`the API returned no image at all for region = "cn-bj2" (sent as Region; the default), availability_zone = "cn-bj2-99" (sent as Zone)`,
		"cn-bj2-03 (1), cn-bj2-05 (7)", "Set availability_zone to one of them")
	if n := len(emu.Requests()); n != 2 {
		t.Errorf("an empty answer: want the lookup and one request without Zone, got %d requests", n)
	}

	emu.Reset()
	_, diags = queryWith(t, uhostFamily, pd, map[string]tftypes.Value{"region": str("cn-bj9")})
	expectPhrases(t, "warning", warningWith(t, diags, "No Images Where the Lookup Looked"), `region = "cn-bj9"`)
	if n := len(emu.Requests()); n != 1 {
		t.Errorf("an empty region: want one request, got %d", n)
	}

	// The zone is not the cause when the region has no such image either.
	_, diags = queryWith(t, uhostFamily, pd, map[string]tftypes.Value{
		"availability_zone": str("cn-bj2-05"), "image_type": str("Custom"),
	})
	expectPhrases(t, "warning", warningWith(t, diags, "No Images Where the Lookup Looked"),
		"cn-bj2-03 (1)")
	_, diags = queryWith(t, uhostFamily, pd, map[string]tftypes.Value{
		"availability_zone": str("cn-bj2-05"), imageIDsFilter: stringList([]string{"uimage-nowhere"}),
	})
	expectPhrases(t, "warning", warningWith(t, diags, "No Images Where the Lookup Looked"),
		"Without availability_zone the API returns no such image either, so availability_zone is not the cause.")

	// A result that is not empty costs no extra request and warns nothing.
	emu.Reset()
	ids, diags = queryWith(t, uhostFamily, pd, map[string]tftypes.Value{"availability_zone": str("cn-bj2-05"), "name_regex": str("^Nothing")})
	if len(ids) != 0 || len(diags) != 0 || len(emu.Requests()) != 1 {
		t.Errorf("images fetched, none kept locally: want no diagnostics and one request, got %v, %v, %d requests",
			ids, diags, len(emu.Requests()))
	}
}

// An API that refuses a value (UCloud: RetCode 230 "Params [Zone] not available") is reported on the attribute,
// with the value sent.
func TestZoneMessages_refusedValueNamesTheAttribute(t *testing.T) {
	t.Parallel()
	s := &standIn{retCode: 230, message: "Params [Zone] not available"}
	url := s.serve(t)
	_, diags := resolveWith(t, uhostFamily, listForm, testProviderData(url, ""), map[string]tftypes.Value{
		"availability_zone": str("cn-bj2-99"),
	})
	if !diags.HasError() {
		t.Fatalf("want an error, got %v", diags)
	}
	e := diags.Errors()[0]
	if e.Summary() != "Invalid Availability Zone" {
		t.Errorf("summary = %q", e.Summary())
	}
	if withPath, ok := e.(interface{ Path() path.Path }); !ok || !withPath.Path().Equal(path.Root("availability_zone")) {
		t.Errorf("the error is not on availability_zone: %v", e)
	}
	expectPhrases(t, "error", e.Detail(), `sent availability_zone = "cn-bj2-99" (sent as Zone), and UCloud refused it: `+
		`Params [Zone] not available. Correct availability_zone in this data source.`, "It was not retried")
	if n := s.requests.Load(); n != 1 {
		t.Errorf("a refused value is not retried: %d requests", n)
	}

	// The provider's default zone: the message says where the value comes from.
	_, diags = resolveWith(t, uhostFamily, listForm, testProviderData(url, "cn-bj2-99"), nil)
	if !diags.HasError() {
		t.Fatalf("want an error, got %v", diags)
	}
	expectPhrases(t, "error", diags.Errors()[0].Detail(), `availability_zone = "cn-bj2-99" (sent as Zone; the default)`,
		"The value is availability_zone's default")

	// A parameter error that names no filter that was sent keeps the generic message.
	s.message = "Params [Limit] not available"
	_, diags = resolveWith(t, uhostFamily, listForm, testProviderData(url, ""), map[string]tftypes.Value{
		"availability_zone": str("cn-bj2-99"),
	})
	if !diags.HasError() || diags.Errors()[0].Summary() != "UCloud API Error" {
		t.Errorf("want UCloud API Error, got %v", diags)
	}
	s.message = "Params [Zone] not available"

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(url, "") + `data "imagepick_phost_image_ids" "test" { availability_zone = "cn-bj2-99" }`,
			ExpectError: errorRegexp("Invalid Availability Zone", `availability_zone = "cn-bj2-99"`, "UCloud refused it"),
		}},
	})
}

func TestNamesWord(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		text, word string
		want       bool
	}{
		{"Params [Zone] not available", "Zone", true},
		{"Params [ZoneId] not available", "Zone", false},
		{"Missing params [Region]", "Region", true},
		{"invalid instanceTypeId", "instanceTypeId", true},
		{"ImageIds.0 is invalid", "ImageIds", true},
		{"Zone", "Zone", true},
		{"AZone", "Zone", false},
		{"anything", "", false},
	} {
		if got := namesWord(tt.text, tt.word); got != tt.want {
			t.Errorf("namesWord(%q, %q) = %v", tt.text, tt.word, got)
		}
	}
}

// An invalid name_regex is one error: its detail says why in a sentence, without a line that Terraform shows as a
// second "Error:".
func TestNameRegex_invalidReportedOnce(t *testing.T) {
	t.Parallel()
	var resp validator.StringResponse
	validators.Regexp().ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("name_regex"), ConfigValue: types.StringValue("Ubuntu("),
	}, &resp)
	if resp.Diagnostics.ErrorsCount() != 1 {
		t.Fatalf("want one error, got %v", resp.Diagnostics)
	}
	detail := resp.Diagnostics.Errors()[0].Detail()
	expectPhrases(t, "detail", detail, "name_regex must be an RE2 regular expression",
		"\"Ubuntu(\" does not compile: missing closing ) in `Ubuntu(`.")
	for _, line := range strings.Split(detail, "\n") {
		if strings.HasPrefix(line, "Error:") {
			t.Errorf("a line reads as a second error: %q", line)
		}
	}
}
