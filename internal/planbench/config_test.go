package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

func TestConfiguration(t *testing.T) {
	tests := []struct {
		name          string
		spec          dataSourceSpec
		want, wantNot []string
	}{
		{
			name: "zone list with every server-side argument",
			spec: dataSourceSpec{name: "ds_0", query: windowsQuery, nameRegex: `Server 2022`},
			want: []string{`data "imagepick_uhost_images" "ds_0" {`, `availability_zone = "cn-bj2-02"`,
				`image_type = "Base"`, `os_type = "Windows"`, `name_regex = "Server 2022"`,
				`value = length(data.imagepick_uhost_images.ds_0.ids)`},
			wantNot: []string{"most_recent", "sort_by"},
		},
		{
			name:    "region-wide exactly-one sends no zone and picks the newest",
			spec:    dataSourceSpec{name: "pick", kind: kindSingle, nameRegex: `^Debian 12`},
			want:    []string{`data "imagepick_uhost_image" "pick" {`, "most_recent = true", `value = data.imagepick_uhost_image.pick.id`},
			wantNot: []string{"availability_zone", "image_type", "os_type"},
		},
		{
			name:    "ID-only with a sort",
			spec:    dataSourceSpec{name: "ids", kind: kindIDs, sortBy: "name", sortOrder: "asc"},
			want:    []string{`data "imagepick_uhost_image_ids" "ids" {`, `sort_by = "name"`, `sort_order = "asc"`, `value = length(data.imagepick_uhost_image_ids.ids.ids)`},
			wantNot: []string{"most_recent", "name_regex"},
		},
		{
			name: "a regex with backslashes is quoted for HCL",
			spec: dataSourceSpec{name: "re", nameRegex: `^Ubuntu 22\.04`},
			want: []string{`name_regex = "^Ubuntu 22\\.04"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := configuration("http://127.0.0.1:1", []dataSourceSpec{tt.spec})
			for _, w := range append(tt.want, `base_url    = "http://127.0.0.1:1"`, `region      = "cn-bj2"`) {
				if !strings.Contains(got, w) {
					t.Errorf("configuration lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("configuration has %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestExpectedRequests(t *testing.T) {
	zone := func(id, imageType, osType string) emulator.UHostImage {
		return emulator.UHostImage{ImageID: id, Region: benchRegion, Zone: benchZone, ImageType: imageType, OsType: osType}
	}
	var images []emulator.UHostImage
	for i := 0; i < 1250; i++ {
		images = append(images, zone("base", "Base", "Linux"))
	}
	for i := 0; i < 101; i++ {
		images = append(images, zone("win", "Base", "Windows"))
	}
	images = append(images, emulator.UHostImage{Region: "cn-sh2", Zone: "cn-sh2-01", ImageType: "Base"})
	catalog := &emulator.Catalog{UHost: images}

	tests := []struct {
		name  string
		specs []dataSourceSpec
		want  int64
	}{
		{name: "nothing to read", want: 0},
		// Pages of 500 (the client's default Limit).
		{name: "one query over 1,351 base images", specs: []dataSourceSpec{{query: sharedQuery}}, want: 3},
		{name: "equal queries share one fetch", specs: []dataSourceSpec{{query: sharedQuery}, {query: sharedQuery, kind: kindSingle}}, want: 3},
		{name: "a second query adds its own pages", specs: []dataSourceSpec{{query: sharedQuery}, {query: windowsQuery}}, want: 3 + 1},
		{name: "a query matching nothing still costs one request", specs: []dataSourceSpec{{query: customQuery}}, want: 1},
		{name: "region-wide leaves other regions out", specs: []dataSourceSpec{{kind: kindIDs}}, want: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := expectedRequests(tt.specs, catalog); got != tt.want {
				t.Errorf("expectedRequests() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestPlanCells(t *testing.T) {
	tests := []struct {
		name      string
		images    []int
		ks        []int
		scenarios []string
		want      []string // "images/name/data sources"
		wantErr   string
	}{
		{
			name: "matrix keeps its K = 0", images: []int{200}, ks: []int{0, 5},
			want: []string{"200/K = 0/0", "200/K = 5/5"},
		},
		{
			name: "scenarios get a floor of their own, grouped by catalog", images: []int{200}, ks: []int{1},
			scenarios: []string{"ids", "full-lists", "picks"},
			want: []string{"200/K = 0/0", "200/K = 1/1", "3000/K = 0/0", "3000/ids/3", "3000/full-lists/5",
				"3000/picks/5"},
		},
		{name: "unknown scenario", scenarios: []string{"pick"}, wantErr: `unknown scenario "pick": use some of full-lists,picks,ids`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells, err := planCells(tt.images, tt.ks, tt.scenarios)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("planCells() error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			var got []string
			for _, c := range cells {
				got = append(got, strings.Join([]string{strconv.Itoa(c.images), c.name, strconv.Itoa(len(c.specs))}, "/"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("planCells() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestScenarioCatalog pins what the scenarios read: a catalog of 3,000 images, every one in the region of the
// region-wide query (all of them in pages of 500), each exactly-one lookup of "picks" matching at least one Available image.
func TestScenarioCatalog(t *testing.T) {
	catalog := emulator.GenerateCatalog(scenarioImages, benchRegion, benchZone, benchSeed)
	if got := expectedRequests(scenarios[0].specs, catalog); got != scenarioImages/pageSize {
		t.Errorf("full-lists expects %d requests, want %d", got, scenarioImages/pageSize)
	}
	for _, s := range scenarios[1].specs {
		re := regexp.MustCompile(s.nameRegex)
		found := false
		for _, img := range catalog.UHost {
			found = found || img.State == "Available" && re.MatchString(img.ImageName)
		}
		if !found {
			t.Errorf("lookup %s (name_regex %q) matches no Available image", s.name, s.nameRegex)
		}
	}
}
