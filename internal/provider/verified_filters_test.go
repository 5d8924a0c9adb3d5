package provider

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// An API that ignores filters (a white-label endpoint, a proxy that drops parameters) must not put images that do
// not match what was asked into state: every sent filter whose value the image carries is checked on the answer.

// standIn answers every request with the same images, whatever its filters, or with a fixed UCloud error.
type standIn struct {
	uhost    []client.UHostImage
	phost    []client.PHostImage
	bmc      []client.BMCImage
	retCode  int    // a UCloud error to answer with instead, when not 0
	message  string // its Message
	requests atomic.Int32
}

func (s *standIn) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	w.Header().Set("Content-Type", "application/json")
	if action := r.Header.Get("x-zc-action"); action != "" {
		_ = json.NewEncoder(w).Encode(map[string]any{"requestId": "stand-in",
			"response": map[string]any{"requestId": "stand-in", "images": s.bmc}})
		return
	}
	_ = r.ParseForm()
	action := r.Form.Get("Action")
	if s.retCode != 0 {
		_ = json.NewEncoder(w).Encode(map[string]any{"Action": action + "Response", "RetCode": s.retCode, "Message": s.message})
		return
	}
	offset, _ := strconv.Atoi(r.Form.Get("Offset"))
	var set any
	total := 0
	switch action {
	case "DescribeImage":
		total, set = len(s.uhost), s.uhost[min(offset, len(s.uhost)):]
	case "DescribePHostImage":
		total, set = len(s.phost), s.phost[min(offset, len(s.phost)):]
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"Action": action + "Response", "RetCode": 0, "TotalCount": total, "ImageSet": set})
}

// serve starts the stand-in on loopback.
func (s *standIn) serve(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv.URL
}

// testProviderData reaches both clouds at baseURL with the emulator's credentials, in region cn-bj2 and the
// default zone zone ("" for none).
func testProviderData(baseURL, zone string) *providerData {
	return &providerData{
		ucloud: ucloudAccess{region: "cn-bj2", zone: zone, client: client.NewUCloud(baseURL,
			client.UCloudCredentials{PublicKey: emulator.DefaultUCloudPublicKey, PrivateKey: emulator.DefaultUCloudPrivateKey},
			client.Options{MaxRetries: 1})},
		zenlayer: zenlayerAccess{client: client.NewZenlayer(baseURL,
			client.ZenlayerCredentials{AccessKeyID: emulator.DefaultZenlayerAccessKeyID, AccessKeyPassword: emulator.DefaultZenlayerAccessKeyPassword},
			client.Options{MaxRetries: 1})},
	}
}

// resolveWith runs resolve, everything Read does but encoding state, on a configuration of set only (others null).
func resolveWith[R, I any](t *testing.T, f *family[R, I], fm form, pd *providerData, set map[string]tftypes.Value) (*readResult[I], diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	d := &imageDataSource[R, I]{family: f, form: fm, data: pd}
	var resp datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &resp)
	typ := resp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	values := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
		if v, ok := set[name]; ok {
			values[name] = v
		}
	}
	return d.resolve(ctx, pd, tftypes.NewValue(typ, values))
}

// queryWith runs a family's query, the selection before ordering, on a configuration of set only.
func queryWith[R, I any](t *testing.T, f *family[R, I], pd *providerData, set map[string]tftypes.Value) ([]string, diag.Diagnostics) {
	t.Helper()
	config := map[string]tftypes.Value{}
	for _, flt := range f.filters {
		config[flt.name] = tftypes.NewValue(flt.attribute().GetType().TerraformType(context.Background()), nil)
		if v, ok := set[flt.name]; ok {
			config[flt.name] = v
		}
	}
	sel, diags := f.query(context.Background(), pd, "imagepick_"+f.name+"_images", config)
	if sel == nil {
		return nil, diags
	}
	ids := make([]string, len(sel.images))
	for i, img := range sel.images {
		ids[i] = f.key(img).ID
	}
	return ids, diags
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// warningWith returns the detail of the one warning with this summary, failing the test when there is none or
// several.
func warningWith(t *testing.T, diags diag.Diagnostics, summary string) string {
	t.Helper()
	var found []string
	for _, d := range diags.Warnings() {
		if d.Summary() == summary {
			found = append(found, d.Detail())
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %q warning, got %v", summary, diags)
	}
	return found[0]
}

func expectPhrases(t *testing.T, what, text string, phrases ...string) {
	t.Helper()
	for _, p := range phrases {
		if !strings.Contains(text, p) {
			t.Errorf("%s lacks %q:\n%s", what, p, text)
		}
	}
}

// sameIDs compares IDs in any order: a query's images are in the client's order, which the forms then sort.
func sameIDs(t *testing.T, got []string, want ...string) {
	t.Helper()
	got, want = slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("ids = %v, want %v", got, want)
	}
}

// uhostStandInImage is an Available Linux base image of cn-bj2-05.
func uhostStandInImage(id string, mods ...func(*client.UHostImage)) client.UHostImage {
	img := client.UHostImage{Zone: "cn-bj2-05", ImageID: id, ImageName: "Ubuntu 22.04 64位", OsType: "Linux",
		ImageType: "Base", State: "Available", Tag: "Default", CreateTime: uhostT0}
	for _, mod := range mods {
		mod(&img)
	}
	return img
}

func TestVerifiedFilters_uhostAnswerIgnoringFiltersIsLeftOut(t *testing.T) {
	t.Parallel()
	s := &standIn{uhost: []client.UHostImage{
		uhostStandInImage("uimage-ok", func(i *client.UHostImage) { i.OsType, i.ImageType = "linux", "BASE" }), // case differs: kept
		uhostStandInImage("uimage-zone", func(i *client.UHostImage) { i.Zone = "cn-bj2-03" }),
		uhostStandInImage("uimage-zone2", func(i *client.UHostImage) { i.Zone = "cn-bj2-04" }),
		uhostStandInImage("uimage-unasked"),
		uhostStandInImage("uimage-custom", func(i *client.UHostImage) { i.ImageType = "Custom" }),
		uhostStandInImage("uimage-win", func(i *client.UHostImage) { i.OsType = "Windows" }),
		uhostStandInImage("uimage-gpu", func(i *client.UHostImage) { i.FuncType = "app" }),
		uhostStandInImage("uimage-group", func(i *client.UHostImage) { i.Tag = "Market" }),
	}}
	pd := testProviderData(s.serve(t), "")
	asked := []string{"uimage-ok", "uimage-zone", "uimage-zone2", "uimage-custom", "uimage-win", "uimage-gpu", "uimage-group", "uimage-gone"}
	ids, diags := queryWith(t, uhostFamily, pd, map[string]tftypes.Value{
		"availability_zone": str("cn-bj2-05"),
		imageIDsFilter:      stringList(asked),
		"image_type":        str("base"),
		"os_type":           str("LINUX"),
		"business_group":    str("Default"),
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	sameIDs(t, ids, "uimage-ok", "uimage-gpu")
	expectPhrases(t, "warning", warningWith(t, diags, "API Returned Images Not Asked For"),
		`the API returned 6 images that do not match what was asked: availability_zone = "cn-bj2-05" (2), image_ids (1), `+
			`image_type = "Base" (1), os_type = "Linux" (1), business_group = "Default" (1). They were left out.`)

	// func_type is checked too; an image that does not carry a value (an empty Tag) is not judged.
	ids, diags = queryWith(t, uhostFamily, pd, map[string]tftypes.Value{"func_type": str("GPU")})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(ids) != 7 {
		t.Errorf("func_type = gpu: want the 7 images without a func_type, got %v", ids)
	}
	expectPhrases(t, "warning", warningWith(t, diags, "API Returned Images Not Asked For"), `func_type = "gpu" (1)`)

	// The missing-ID warning counts what is returned, and says which filter left each ID out.
	_, diags = resolveWith(t, uhostFamily, listForm, pd, map[string]tftypes.Value{
		"availability_zone": str("cn-bj2-05"),
		imageIDsFilter:      stringList(asked),
	})
	expectPhrases(t, "missing-ID warning", warningWith(t, diags, "Requested Images Missing"),
		"returns 5 of the 8 images in image_ids",
		`- uimage-zone: found, but left out by availability_zone = "cn-bj2-05" (sent as Zone)`,
		"- uimage-gone: not found")
}

// The exactly-one form never picks an image that is not in image_ids, whatever the API returns.
func TestVerifiedFilters_exactlyOneNeverPicksAnUnrequestedImage(t *testing.T) {
	t.Parallel()
	s := &standIn{uhost: []client.UHostImage{uhostStandInImage("uimage-b")}}
	url := s.serve(t)
	_, diags := resolveWith(t, uhostFamily, oneForm, testProviderData(url, ""), map[string]tftypes.Value{
		imageIDsFilter: stringList([]string{"uimage-a"}),
	})
	if !diags.HasError() || diags.Errors()[0].Summary() != "No Matching Image" {
		t.Fatalf("want No Matching Image, got %v", diags)
	}
	expectPhrases(t, "error", diags.Errors()[0].Detail(), "found none of the images in image_ids", "- uimage-a: not found")
	expectPhrases(t, "warning", warningWith(t, diags, "API Returned Images Not Asked For"), "image_ids (1)")

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(url, "") + `data "imagepick_uhost_image" "test" { image_ids = ["uimage-a"] }`,
			ExpectError: errorRegexp("No Matching Image", "found none of the images in image_ids", "uimage-a: not found"),
		}},
	})
}

// In state too: images of other zones and unrequested IDs are left out.
func TestVerifiedFilters_stateHoldsOnlyWhatWasAsked(t *testing.T) {
	t.Parallel()
	s := &standIn{
		uhost: []client.UHostImage{
			uhostStandInImage("uimage-a"),
			uhostStandInImage("uimage-z", func(i *client.UHostImage) { i.Zone = "cn-bj2-03" }),
			uhostStandInImage("uimage-x"),
		},
		phost: []client.PHostImage{
			{ImageID: "pimg-a", ImageName: "Ubuntu 22.04", OsType: "Ubuntu", ImageType: "Base", Support: []string{"G4"}, State: "Available"},
			{ImageID: "pimg-c", ImageName: "Ubuntu 22.04", OsType: "Ubuntu", ImageType: "Custom", Support: []string{"G4"}, State: "Available"},
		},
		bmc: []client.BMCImage{
			{ImageID: "img-a", ImageName: "Ubuntu22.04-x86_64", Catalog: "Ubuntu", ImageType: "PUBLIC_IMAGE", OsType: "Linux"},
			{ImageID: "img-c", ImageName: "CentOS7.9-x86_64", Catalog: "centos", ImageType: "PUBLIC_IMAGE", OsType: "linux"},
		},
	}
	url := s.serve(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, `zone = "cn-bj2-05"`) + `
data "imagepick_uhost_images" "test" {
  image_ids = ["uimage-a", "uimage-z"]
}

data "imagepick_phost_image_ids" "test" {
  image_type = "Base"
}

data "imagepick_bmc_image" "test" {
  catalog = "ubuntu"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs("data.imagepick_uhost_images.test", "uimage-a"),
				expectIDs("data.imagepick_phost_image_ids.test", "pimg-a"),
				statecheck.ExpectKnownValue("data.imagepick_bmc_image.test", tfjsonpath.New("id"), knownvalue.StringExact("img-a")),
			},
		}},
	})
}

func TestVerifiedFilters_phostAnswerIgnoringFiltersIsLeftOut(t *testing.T) {
	t.Parallel()
	image := func(id, imageType string, support ...string) client.PHostImage {
		return client.PHostImage{ImageID: id, ImageName: "Ubuntu 22.04 64位", OsType: "Ubuntu", ImageType: imageType,
			Support: support, CreateTime: "1710000000", State: "Available"}
	}
	s := &standIn{phost: []client.PHostImage{
		image("pimg-ok", "base", "g4"),  // letter case differs: kept
		image("pimg-nosupport", "Base"), // lists no machine types: not judged
		image("pimg-custom", "Custom", "G4"),
		image("pimg-other", "Base", "Standard-C1"),
		image("pimg-unasked", "Base", "G4"),
	}}
	pd := testProviderData(s.serve(t), "cn-bj2-05")
	ids, diags := queryWith(t, phostFamily, pd, map[string]tftypes.Value{
		imageIDsFilter: stringList([]string{"pimg-ok", "pimg-nosupport", "pimg-custom", "pimg-other"}),
		"image_type":   str("Base"),
		"machine_type": str("G4"),
		"os_type":      str("Ubuntu"),
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	sameIDs(t, ids, "pimg-ok", "pimg-nosupport")
	expectPhrases(t, "warning", warningWith(t, diags, "API Returned Images Not Asked For"),
		`the API returned 3 images that do not match what was asked: image_ids (1), image_type = "Base" (1), `+
			`machine_type = "G4" (1).`)
}

func TestVerifiedFilters_bmcAnswerIgnoringFiltersIsLeftOut(t *testing.T) {
	t.Parallel()
	image := func(id, name, catalog, imageType, osType string) client.BMCImage {
		return client.BMCImage{ImageID: id, ImageName: name, Catalog: catalog, ImageType: imageType, OsType: osType}
	}
	s := &standIn{bmc: []client.BMCImage{
		image("img-ok", "Ubuntu22.04-x86_64", "Ubuntu", "public_image", "LINUX"),   // enumerations in another case: kept
		image("img-name", "ubuntu22.04-x86_64", "ubuntu", "PUBLIC_IMAGE", "linux"), // the name is exact
		image("img-catalog", "Ubuntu22.04-x86_64", "centos", "PUBLIC_IMAGE", "linux"),
		image("img-type", "Ubuntu22.04-x86_64", "ubuntu", "CUSTOM_IMAGE", "linux"),
		image("img-os", "Ubuntu22.04-x86_64", "ubuntu", "PUBLIC_IMAGE", "windows"),
		image("img-unasked", "Ubuntu22.04-x86_64", "ubuntu", "PUBLIC_IMAGE", "linux"),
	}}
	pd := testProviderData(s.serve(t), "")
	ids, diags := queryWith(t, bmcFamily, pd, map[string]tftypes.Value{
		imageIDsFilter: stringList([]string{"img-ok", "img-name", "img-catalog", "img-type", "img-os"}),
		"name":         str("Ubuntu22.04-x86_64"),
		"catalog":      str("Ubuntu"),
		"image_type":   str("public_image"),
		"os_type":      str("Linux"),
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	sameIDs(t, ids, "img-ok")
	expectPhrases(t, "warning", warningWith(t, diags, "API Returned Images Not Asked For"),
		`the API returned 5 images that do not match what was asked: image_ids (1), name = "Ubuntu22.04-x86_64" (1), `+
			`catalog = "ubuntu" (1), image_type = "PUBLIC_IMAGE" (1), os_type = "linux" (1).`)
}

// An API that honours every filter gets no such warning, and the funnel of a "no match" error counts what the
// check of the answer left out.
func TestVerifiedFilters_honouredFiltersWarnNothing(t *testing.T) {
	t.Parallel()
	pd := emulatorProviderData(t, emulator.Options{Catalog: uhostTestCatalog()})
	ids, diags := queryWith(t, uhostFamily, pd, map[string]tftypes.Value{
		"image_type": str("Base"), "os_type": str("Linux"), "business_group": str("Default"),
		imageIDsFilter: stringList([]string{"uimage-u22a", "uimage-u22b"}),
	})
	if len(diags) != 0 {
		t.Errorf("want no diagnostics, got %v", diags)
	}
	sameIDs(t, ids, "uimage-u22a", "uimage-u22b")

	s := &standIn{uhost: []client.UHostImage{uhostStandInImage("uimage-w", func(i *client.UHostImage) { i.OsType = "Windows" })}}
	_, diags = resolveWith(t, uhostFamily, oneForm, testProviderData(s.serve(t), ""), map[string]tftypes.Value{"os_type": str("Linux")})
	if !diags.HasError() {
		t.Fatalf("want No Matching Image, got %v", diags)
	}
	expectPhrases(t, "error", diags.Errors()[0].Detail(),
		"1 fetched, 0 after checking the answer against the request, 0 after status")
}
