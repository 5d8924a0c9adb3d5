package emulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDefaultCatalog_Valid(t *testing.T) {
	if _, err := parseCatalog(defaultCatalogJSON); err != nil {
		t.Fatalf("embedded catalog: %v", err)
	}
	c := DefaultCatalog()
	if n := len(c.UHost); n < 40 || n > 60 {
		t.Errorf("%d UHost images, want 40-60", n)
	}
	if n := len(c.PHost); n < 12 || n > 20 {
		t.Errorf("%d PHost images, want 12-20", n)
	}
	if n := len(c.BMC); n < 12 || n > 20 {
		t.Errorf("%d BMC images, want 12-20", n)
	}
	c.UHost[0].ImageName = "changed"
	if DefaultCatalog().UHost[0].ImageName == "changed" {
		t.Error("DefaultCatalog returns shared data")
	}
}

// TestDefaultCatalog_Highlights pins the images the tests, the docs and the demo rely on.
func TestDefaultCatalog_Highlights(t *testing.T) {
	c := DefaultCatalog()
	uhost := map[string]UHostImage{}
	for _, img := range c.UHost {
		uhost[img.ImageID] = img
	}

	var newest UHostImage
	for _, img := range c.UHost {
		if img.Zone == "cn-bj2-02" && img.ImageName == "Ubuntu 22.04 64位" && img.State == "Available" && img.CreateTime > newest.CreateTime {
			newest = img
		}
	}
	if newest.ImageID != "uimage-u22bj2c3" {
		t.Errorf("newest available Ubuntu 22.04 in cn-bj2-02 = %q, want uimage-u22bj2c3", newest.ImageID)
	}
	if making := uhost["uimage-u22bj2m4"]; making.State != "Making" || making.CreateTime <= newest.CreateTime {
		t.Errorf("uimage-u22bj2m4 should be a newer Ubuntu 22.04 build still Making: %+v", making)
	}
	if gpu := uhost["uimage-gt4bj2a1"]; gpu.FuncType != "gpu" || !contains(gpu.SupportedGPUTypes, "T4") || !contains(gpu.Features, "GPU") {
		t.Errorf("uimage-gt4bj2a1 should be a T4 GPU image: %+v", gpu)
	}
	if arm := uhost["uimage-arm22b2a"]; !contains(arm.Features, "Aarch64_Type") {
		t.Errorf("uimage-arm22b2a should be aarch64: %+v", arm)
	}
	if centos := uhost["uimage-c79bj2a1"]; centos.MaintainEol != "2024/06/30" {
		t.Errorf("CentOS 7.9 EOL = %q", centos.MaintainEol)
	}
	if market := uhost["uimage-mbtbj2a1"]; market.ImageType != "Business" || market.FuncType != "uhost" || market.Vendor == "" || len(market.PriceSet) == 0 {
		t.Errorf("uimage-mbtbj2a1 should be a priced market image: %+v", market)
	}

	states, regions, zones, imageTypes, osTypes := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	times := map[string]int{}
	for _, img := range c.UHost {
		states[img.State] = true
		regions[img.Region] = true
		zones[img.Zone] = true
		imageTypes[img.ImageType] = true
		osTypes[img.OsType] = true
		times[img.Zone+"/"+itoa(int(img.CreateTime))]++
	}
	for _, want := range []string{"Available", "Making", "Unavailable"} {
		if !states[want] {
			t.Errorf("no UHost image in state %s", want)
		}
	}
	for _, want := range []string{"cn-bj2-02", "cn-bj2-03", "cn-bj2-05", "hk-02"} {
		if !zones[want] {
			t.Errorf("no UHost image in zone %s", want)
		}
	}
	if len(regions) < 2 || len(imageTypes) != 3 || len(osTypes) != 2 {
		t.Errorf("regions %v, image types %v, OS types %v", regions, imageTypes, osTypes)
	}
	if times["cn-bj2-02/1704067200"] < 3 {
		t.Errorf("want at least three cn-bj2-02 images created at the same second, got %d", times["cn-bj2-02/1704067200"])
	}
	now := time.Now().Format("2006/01/02")
	past, future := false, false
	for _, img := range c.UHost {
		if img.MaintainEol != "" && img.MaintainEol < now {
			past = true
		}
		if img.MaintainEol > now {
			future = true
		}
	}
	if !past || !future {
		t.Errorf("want EOL dates both past and future (past %v, future %v)", past, future)
	}

	found := false
	for _, img := range c.PHost {
		if img.ImageID == "pimg-c79b5a01" && img.Zone == "cn-bj2-05" && contains(img.Support, "Standard-C1") && contains(img.Support, "GPU-G4") {
			found = true
		}
	}
	if !found {
		t.Error("pimg-c79b5a01 should be a cn-bj2-05 image for Standard-C1 and GPU-G4")
	}
	found = false
	for _, img := range c.BMC {
		if img.ImageID == "bd5faa16-39d2-4bbf-a5c8-b95a193b1626" && img.ImageName == "CentOS7.4-x86_64" && contains(img.InstanceTypes, "S9I") {
			found = true
		}
	}
	if !found {
		t.Error("the reference CentOS7.4-x86_64 BMC image should install on S9I")
	}
}

func writeCatalog(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "catalog.json")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadCatalog_RoundTrip(t *testing.T) {
	data, err := json.Marshal(DefaultCatalog())
	if err != nil {
		t.Fatal(err)
	}
	got, err := LoadCatalog(writeCatalog(t, string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, DefaultCatalog()) {
		t.Error("a marshalled default catalog does not load back equal")
	}
}

func TestLoadCatalog_Errors(t *testing.T) {
	const uhost = `{"Region":"cn-bj2","Zone":"cn-bj2-02","ImageId":"uimage-1","ImageName":"Ubuntu","OsType":"Linux","ImageType":"Base","State":"Available"}`
	tests := []struct {
		name, content, want string
	}{
		{"not JSON", `{"uhost":[`, "invalid JSON"},
		{"trailing data", `{"uhost":[` + uhost + `]} {}`, "data after the catalog"},
		{"unknown field", `{"uhost":[{"Size":20}]}`, `unknown field "Size"`},
		{"empty", `{}`, "no images"},
		{"duplicate UHost ID", `{"uhost":[` + uhost + `,` + uhost + `]}`, `uhost[1] (uimage-1): duplicate uhost image ID "uimage-1"`},
		{"missing field", `{"uhost":[{"Region":"cn-bj2","Zone":"cn-bj2-02","ImageId":"uimage-1","OsType":"Linux","ImageType":"Base","State":"Available"}]}`,
			"uhost[0] (uimage-1): missing ImageName"},
		{"zone outside region", `{"uhost":[{"Region":"hk","Zone":"cn-bj2-02","ImageId":"uimage-1","ImageName":"x","OsType":"Linux","ImageType":"Base","State":"Available"}]}`,
			`zone "cn-bj2-02" is not in region "hk"`},
		{"phost missing zone", `{"phost":[{"Region":"cn-bj2","ImageId":"pimg-1","ImageName":"x","OsType":"CentOS","ImageType":"Base"}]}`,
			"phost[0] (pimg-1): missing Zone"},
		{"bmc unknown instance type", `{"bmc":[{"imageId":"b-1","imageName":"x","catalog":"centos","imageType":"PUBLIC_IMAGE","osType":"linux","instanceTypeIds":["S9I"]}]}`,
			`instance type "S9I" is not listed in bmc_instance_types`},
		{"bmc duplicate", `{"bmc":[{"imageId":"b-1","imageName":"x","catalog":"centos","imageType":"PUBLIC_IMAGE","osType":"linux"},{"imageId":"b-1","imageName":"y","catalog":"centos","imageType":"PUBLIC_IMAGE","osType":"linux"}]}`,
			`duplicate bmc image ID "b-1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeCatalog(t, tt.content)
			_, err := LoadCatalog(path)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error = %v, want one naming the file and containing %q", err, tt.want)
			}
		})
	}
	if _, err := LoadCatalog(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: error = %v", err)
	}
}

func TestGenerateCatalog(t *testing.T) {
	a := GenerateCatalog(2000, "cn-bj2", "cn-bj2-03", 42)
	b := GenerateCatalog(2000, "cn-bj2", "cn-bj2-03", 42)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same arguments, different catalogs")
	}
	if reflect.DeepEqual(a.UHost, GenerateCatalog(2000, "cn-bj2", "cn-bj2-03", 43).UHost) {
		t.Error("another seed gave the same catalog")
	}
	if len(a.UHost) != 2000 || len(a.BMC) == 0 || len(a.PHost) == 0 {
		t.Fatalf("%d UHost, %d PHost, %d BMC images", len(a.UHost), len(a.PHost), len(a.BMC))
	}
	if err := a.validate(); err != nil {
		t.Fatalf("generated catalog invalid: %v", err)
	}
	names, states, types, ties := map[string]bool{}, map[string]bool{}, map[string]bool{}, 0
	times := map[int64]bool{}
	for _, img := range a.UHost {
		if img.Region != "cn-bj2" || img.Zone != "cn-bj2-03" || !strings.HasPrefix(img.ImageID, "uimage-") || len(img.ImageID) != len("uimage-12345678") {
			t.Fatalf("bad image %+v", img)
		}
		names[img.ImageName] = true
		states[img.State] = true
		types[img.ImageType+"/"+img.OsType+"/"+img.FuncType] = true
		if times[img.CreateTime] {
			ties++
		}
		times[img.CreateTime] = true
	}
	if len(names) < 20 || len(states) != 3 || len(types) < 6 || ties == 0 {
		t.Errorf("%d names, states %v, %d kinds, %d CreateTime ties", len(names), states, len(types), ties)
	}
	if got := GenerateCatalog(3, "", "", 1).UHost[0].Zone; got != "cn-bj2-02" {
		t.Errorf("default zone = %q, want cn-bj2-02", got)
	}
	if got := GenerateCatalog(-1, "", "", 1).UHost; len(got) != 0 {
		t.Errorf("negative count gave %d images", len(got))
	}
}
