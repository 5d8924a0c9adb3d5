package provider

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	msgpack "github.com/vmihailenco/msgpack/v5"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// zecTestPageSize caps the emulator's pageSize far below the client's 1000, so that every listing below takes
// several pages.
const zecTestPageSize = 4

// zecCatalogMatches is what the emulator's built-in catalog holds for a zone and a test, judged here from the
// catalog itself: the expectation does not come from the code under test.
func zecCatalogMatches(zone string, keep func(img emulator.ZECImage) bool) []string {
	var ids []string
	for _, img := range emulator.DefaultCatalog().ZEC {
		if slices.Contains(img.Zones, zone) && keep(img) {
			ids = append(ids, img.ImageID)
		}
	}
	slices.Sort(ids)
	return ids
}

func zecAvailable(img emulator.ZECImage) bool { return img.ImageStatus == "AVAILABLE" }

// expectIDSet checks that a data source's ids are exactly want, in any order, and that want is not empty unless
// allowed, so that a case proves something.
func expectIDSet(address string, want []string, mayBeEmpty bool) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[address]
		if !ok {
			return fmt.Errorf("%s: not in state", address)
		}
		n, _ := strconv.Atoi(rs.Primary.Attributes["ids.#"])
		got := make([]string, n)
		for i := range got {
			got[i] = rs.Primary.Attributes[fmt.Sprintf("ids.%d", i)]
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			return fmt.Errorf("%s: ids %v, want the catalog's %v", address, got, want)
		}
		if len(want) == 0 && !mayBeEmpty {
			return fmt.Errorf("%s: the catalog has no match: the case proves nothing", address)
		}
		return nil
	}
}

// expectZECPages checks that the listings were read in several capped pages.
func expectZECPages(emu *emulator.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		pages := map[string]bool{}
		for _, r := range emu.Requests() {
			if r.Params["zoneId"] != "" {
				pages[r.Params["pageNum"]] = true
			}
		}
		if !pages["1"] || !pages["2"] || !pages["3"] {
			return fmt.Errorf("pages read: %v; want several pages of %d", pages, zecTestPageSize)
		}
		return nil
	}
}

func TestZECImagesDataSource_eachFilterReturnsTheCatalogsMatches(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{ZECPageSize: zecTestPageSize})
	const zone = "asia-east-1a"
	ds := func(name string) string { return "data.imagepick_zec_images." + name }
	hasTags := func(img emulator.ZECImage, want map[string]string) bool {
		for k, v := range want {
			if got, ok := img.Tags[k]; !ok || got != v {
				return false
			}
		}
		return true
	}
	cases := []struct {
		name, args string
		zone       string
		keep       func(emulator.ZECImage) bool
	}{
		{"defaults", ``, zone, zecAvailable},
		{"other_zone", ``, "na-west-1a", zecAvailable},
		{"ids", `image_ids = ["img-win-2022", "img-web-v11", "img-nope"]`, zone, func(img emulator.ZECImage) bool {
			return zecAvailable(img) && slices.Contains([]string{"img-win-2022", "img-web-v11", "img-nope"}, img.ImageID)
		}},
		{"name", `name = "golden"`, zone, func(img emulator.ZECImage) bool {
			return zecAvailable(img) && strings.Contains(strings.ToLower(img.ImageName), "golden")
		}},
		{"name_regex", `name_regex = "^Ubuntu Server 2[24]"`, zone, func(img emulator.ZECImage) bool {
			return zecAvailable(img) && regexp.MustCompile(`^Ubuntu Server 2[24]`).MatchString(img.ImageName)
		}},
		{"category", `category = "Debian"`, zone, func(img emulator.ZECImage) bool {
			return zecAvailable(img) && img.Category == "Debian"
		}},
		{"image_type", `image_type = "custom_image"`, zone, func(img emulator.ZECImage) bool {
			return zecAvailable(img) && img.ImageType == "CUSTOM_IMAGE"
		}},
		{"image_source", `image_source = "Marketing"`, zone, func(img emulator.ZECImage) bool {
			return zecAvailable(img) && img.ImageSource == "MARKETING"
		}},
		{"os_type", `os_type = "WINDOWS"`, zone, func(img emulator.ZECImage) bool {
			return zecAvailable(img) && img.OsType == "windows"
		}},
		{"statuses", `status = ["creating", "FAILED"]`, zone, func(img emulator.ZECImage) bool {
			return img.ImageStatus == "CREATING" || img.ImageStatus == "FAILED"
		}},
		{"one_status", `status = ["SYNCING"]`, zone, func(img emulator.ZECImage) bool { return img.ImageStatus == "SYNCING" }},
		{"tag_keys", `tag_keys = ["env"]`, zone, func(img emulator.ZECImage) bool {
			_, ok := img.Tags["env"]
			return zecAvailable(img) && ok
		}},
		{"tags", `tags = { team = "web", env = "prod" }`, zone, func(img emulator.ZECImage) bool {
			return zecAvailable(img) && hasTags(img, map[string]string{"team": "web", "env": "prod"})
		}},
	}
	var config strings.Builder
	config.WriteString(providerBlock(url, ""))
	var checks []resource.TestCheckFunc
	for _, c := range cases {
		fmt.Fprintf(&config, "data \"imagepick_zec_images\" %q {\n  availability_zone = %q\n  %s\n}\n\n", c.name, c.zone, c.args)
		checks = append(checks, expectIDSet(ds(c.name), zecCatalogMatches(c.zone, c.keep), false))
	}
	checks = append(checks,
		expectZECPages(emu),
		// Every API filter is sent in the API's spelling; a single status too, a list of them is judged locally.
		expectZenlayerRequestKeys(emu, map[string]string{"zoneId": zone, "imageStatus": "AVAILABLE", "category": "Debian"}),
		expectZenlayerRequestKeys(emu, map[string]string{"zoneId": zone, "imageStatus": "AVAILABLE", "imageType": "CUSTOM_IMAGE"}),
		expectZenlayerRequestKeys(emu, map[string]string{"zoneId": zone, "imageStatus": "AVAILABLE", "imageSource": "MARKETING"}),
		expectZenlayerRequestKeys(emu, map[string]string{"zoneId": zone, "imageStatus": "AVAILABLE", "osType": "windows"}),
		expectZenlayerRequestKeys(emu, map[string]string{"zoneId": zone, "imageStatus": "AVAILABLE", "imageName": "golden"}),
		expectZenlayerRequestKeys(emu, map[string]string{"zoneId": zone, "imageStatus": "AVAILABLE", "tagKeys": "env"}),
		expectZenlayerRequestKeys(emu, map[string]string{"zoneId": zone, "imageStatus": "AVAILABLE",
			"tags": `{"key":"env","value":"prod"},{"key":"team","value":"web"}`}),
		expectZenlayerRequestKeys(emu, map[string]string{"zoneId": zone, "imageStatus": "SYNCING"}),
		expectZenlayerRequestKeys(emu, map[string]string{"zoneId": zone, "pageNum": "1", "pageSize": "1000"}),
	)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config.String(),
			ConfigStateChecks: []statecheck.StateCheck{
				// Filters read back as configured, enumerations in the API's spelling, the status default shown.
				statecheck.ExpectKnownValue(ds("image_type"), tfjsonpath.New("image_type"), knownvalue.StringExact("CUSTOM_IMAGE")),
				statecheck.ExpectKnownValue(ds("os_type"), tfjsonpath.New("os_type"), knownvalue.StringExact("windows")),
				statecheck.ExpectKnownValue(ds("defaults"), tfjsonpath.New("status"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("AVAILABLE")})),
				statecheck.ExpectKnownValue(ds("statuses"), tfjsonpath.New("status"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("CREATING"), knownvalue.StringExact("FAILED")})),
				statecheck.ExpectKnownValue(ds("tags"), tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"team": knownvalue.StringExact("web"), "env": knownvalue.StringExact("prod")})),
				statecheck.ExpectKnownValue(ds("defaults"), tfjsonpath.New("tags"), knownvalue.Null()),
				// Every field of the API's image, the size a number and the tags a map.
				statecheck.ExpectKnownValue(ds("tags"), tfjsonpath.New("images").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                knownvalue.StringExact("img-web-v10a"),
					"name":              knownvalue.StringExact("web-golden-v10"),
					"type":              knownvalue.StringExact("CUSTOM_IMAGE"),
					"source":            knownvalue.StringExact("CUSTOM"),
					"size":              knownvalue.Float64Exact(25),
					"description":       knownvalue.StringExact("web tier, tenth build"),
					"version":           knownvalue.StringExact("v10"),
					"status":            knownvalue.StringExact("AVAILABLE"),
					"nic_network_types": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("vf"), knownvalue.StringExact("virtio")}),
					"category":          knownvalue.StringExact("Ubuntu"),
					"os_type":           knownvalue.StringExact("linux"),
					"tags":              knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("web"), "env": knownvalue.StringExact("prod")}),
				})),
				// An image without tags has {}, not null.
				statecheck.ExpectKnownValue(ds("os_type"), tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("tags"), knownvalue.MapSizeExact(0)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(checks...),
		}},
	})
}

// expectZenlayerRequestKeys checks that the emulator received a DescribeImages request with at least these body
// keys and values (others, such as pageNum, may be there too).
func expectZenlayerRequestKeys(emu *emulator.Server, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range emu.Requests() {
			ok := r.Cloud == "zenlayer"
			for k, v := range want {
				ok = ok && r.Params[k] == v
			}
			if ok {
				return nil
			}
		}
		return fmt.Errorf("no DescribeImages request with %v", want)
	}
}

// Names whose versions sort differently as text and as numbers, and two images of the same name.
func TestZECImagesDataSource_order(t *testing.T) {
	t.Parallel()
	_, url := newTestEmulator(t, emulator.Options{ZECPageSize: zecTestPageSize})
	ids := func(want ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(want))
		for i, id := range want {
			checks[i] = knownvalue.StringExact(id)
		}
		return knownvalue.ListExact(checks)
	}
	ds := func(name string) string { return "data.imagepick_zec_images." + name }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, "") + `
data "imagepick_zec_images" "versions" {
  availability_zone = "asia-east-1a"
  name_regex        = "^(Rocky|Debian) "
  status            = ["AVAILABLE", "UNAVAILABLE"]
}

data "imagepick_zec_images" "golden" {
  availability_zone = "asia-east-1a"
  name              = "web-golden"
  status            = ["AVAILABLE", "CREATING"]
}

data "imagepick_zec_images" "golden_asc" {
  availability_zone = "asia-east-1a"
  name              = "web-golden"
  sort_order        = "asc"
}

data "imagepick_zec_image_ids" "by_id" {
  availability_zone = "asia-east-1a"
  tag_keys          = ["team"]
  sort_by           = "ID"
  sort_order        = "asc"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds("versions"), tfjsonpath.New("ids"),
					ids("img-rocky-8-10", "img-rocky-8-9", "img-debian-12", "img-debian-10", "img-debian-9")),
				// Same name: by ID A→Z whatever the direction of the names.
				statecheck.ExpectKnownValue(ds("golden"), tfjsonpath.New("ids"),
					ids("img-web-v11", "img-web-v10a", "img-web-v10b", "img-web-v2")),
				statecheck.ExpectKnownValue(ds("golden_asc"), tfjsonpath.New("ids"),
					ids("img-web-v2", "img-web-v10a", "img-web-v10b")),
				statecheck.ExpectKnownValue(ds("golden"), tfjsonpath.New("sort_by"), knownvalue.StringExact("name")),
				statecheck.ExpectKnownValue(ds("golden"), tfjsonpath.New("sort_order"), knownvalue.StringExact("desc")),
				statecheck.ExpectKnownValue("data.imagepick_zec_image_ids.by_id", tfjsonpath.New("ids"),
					ids("img-db-base", "img-web-v10a", "img-web-v10b", "img-web-v2")),
			},
		}},
	})
}

// zecTagsValue is a tags filter as Terraform sends it.
func zecTagsValue(pairs map[string]string) tftypes.Value {
	elems := make(map[string]tftypes.Value, len(pairs))
	for k, v := range pairs {
		elems[k] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, elems)
}

// hasMapType reports whether typ holds a map anywhere.
func hasMapType(typ tftypes.Type) bool {
	switch typ := typ.(type) {
	case tftypes.Map:
		return true
	case tftypes.List:
		return hasMapType(typ.ElementType)
	case tftypes.Object:
		for _, at := range typ.AttributeTypes {
			if hasMapType(at) {
				return true
			}
		}
	}
	return false
}

// sameMsgpack compares two msgpack encodings value for value, map entries in any order, but every scalar in the
// same msgpack type (an integer written as a float differs).
func sameMsgpack(a, b []byte) bool {
	var va, vb any
	if msgpack.Unmarshal(a, &va) != nil || msgpack.Unmarshal(b, &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// The tags of an image are written with their keys sorted, whatever Go's map order: the same state gives the
// same bytes, as Terraform's own encoding does.
func TestTextMapField_writesKeysSorted(t *testing.T) {
	t.Parallel()
	img := zecImage{Tags: map[string]string{"b": "2", "a": "1", "B": "3", "数": "4", "ä": ""}}
	field := textMap("tags", "", func(img *zecImage) map[string]string { return img.Tags })
	var want bytes.Buffer
	enc := msgpack.NewEncoder(&want)
	_ = enc.EncodeMapLen(5)
	for _, kv := range [][2]string{{"B", "3"}, {"a", "1"}, {"b", "2"}, {"ä", ""}, {"数", "4"}} {
		_ = enc.EncodeString(kv[0])
		_ = enc.EncodeString(kv[1])
	}
	for range 20 {
		var got bytes.Buffer
		if err := field.writeMsgpack(msgpack.NewEncoder(&got), &img); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("tags written as %x, want %x", got.Bytes(), want.Bytes())
		}
	}
	// and the value is the one tftypes decodes from those bytes
	dv := tfprotov6.DynamicValue{MsgPack: want.Bytes()}
	decoded, err := dv.Unmarshal(field.terraformType())
	if err != nil || !decoded.Equal(field.value(&img)) {
		t.Fatalf("decoded %v (%v), want %v", decoded, err, field.value(&img))
	}
	none := zecImage{}
	var empty bytes.Buffer
	if err := field.writeMsgpack(msgpack.NewEncoder(&empty), &none); err != nil || !bytes.Equal(empty.Bytes(), []byte{0x80}) {
		t.Errorf("no tags written as %x (%v), want an empty map", empty.Bytes(), err)
	}
}

// Every ZEC filter sent whose meaning is exact is checked on the answer (verify, or the local keep of status),
// the check holds on every image the emulator answers, and it rejects images the filter leaves out: checking the
// answer against the request neither misses a filter nor drops a good image.
func TestZECFilters_checkedOnTheAnswer(t *testing.T) {
	t.Parallel()
	holds := map[string]func(filterValue) func(*zecImage) bool{}
	for _, flt := range zecFamily.filters {
		switch {
		case flt.verify != nil:
			holds[flt.name] = flt.verify
		case flt.keep != nil && flt.send != nil:
			keep := flt.keep
			holds[flt.name] = func(v filterValue) func(*zecImage) bool { k, _ := keep(v); return k }
		}
		_, checked := holds[flt.name]
		exact := flt.send != nil && flt.name != "availability_zone" && flt.name != "name"
		if checked != exact {
			t.Errorf("filter %s: checked on the answer %v, sent with an exact meaning %v", flt.name, checked, exact)
		}
	}
	srv := httptest.NewServer(emulator.New(emulator.Options{ZECPageSize: zecTestPageSize}))
	t.Cleanup(srv.Close)
	pd := &providerData{zenlayer: zenlayerAccess{client: client.NewZenlayer(srv.URL, client.ZenlayerCredentials{
		AccessKeyID: emulator.DefaultZenlayerAccessKeyID, AccessKeyPassword: emulator.DefaultZenlayerAccessKeyPassword},
		client.Options{})}}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	for name, value := range map[string]tftypes.Value{
		imageIDsFilter: stringList([]string{"img-win-2022", "img-web-v2"}),
		"category":     str("Debian"),
		"image_type":   str("CUSTOM_IMAGE"),
		"image_source": str("MARKETING"),
		"os_type":      str("windows"),
		"status":       stringList([]string{"FAILED", "CREATING"}),
		"tag_keys":     stringList([]string{"env"}),
		"tags":         zecTagsValue(map[string]string{"team": "web", "env": "prod"}),
	} {
		config := map[string]tftypes.Value{"availability_zone": str("asia-east-1a"), name: value}
		sel, diags := zecFamily.query(context.Background(), pd, "imagepick_zec_images", config)
		if diags.HasError() {
			t.Fatalf("%s: %v", name, diags)
		}
		check := holds[name](sel.values[name])
		if len(sel.images) == 0 {
			t.Errorf("%s: no image answered; the case proves nothing", name)
		}
		for _, img := range sel.images {
			if !check(img) {
				t.Errorf("%s: the answer's %s does not hold", name, img.ImageID)
			}
		}
		rejected := 0
		for _, wire := range emulator.DefaultCatalog().ZEC {
			img := zecImage{ImageID: wire.ImageID, Category: wire.Category, ImageType: wire.ImageType,
				ImageSource: wire.ImageSource, OsType: wire.OsType, ImageStatus: wire.ImageStatus, Tags: wire.Tags}
			if !check(&img) {
				rejected++
			}
		}
		if rejected == 0 {
			t.Errorf("%s: holds for every image of the catalog; it checks nothing", name)
		}
	}
}
