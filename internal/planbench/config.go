package main

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// The generated catalogs put every image in one region and zone.
const (
	benchRegion = "cn-bj2"
	benchZone   = "cn-bj2-02"
	benchSeed   = 1
	pageSize    = client.DefaultPageSize // the provider does not change it
	// scenarioImages is the catalog the scenarios plan over.
	scenarioImages = 3000
)

// The three UHost data sources; a spec without a kind is a list.
const (
	kindList   = "imagepick_uhost_images"
	kindSingle = "imagepick_uhost_image" // planned with most_recent = true
	kindIDs    = "imagepick_uhost_image_ids"
)

// serverQuery is what a data source sends to DescribeImage; data sources with equal queries share one fetch.
// An empty zone is a region-wide query (the benchmark's provider configuration sets no zone).
type serverQuery struct{ zone, imageType, osType string }

// dataSourceSpec is one generated data source: its type, server-side query and local arguments.
type dataSourceSpec struct {
	name, kind                   string
	query                        serverQuery
	nameRegex, sortBy, sortOrder string
}

// cell is one configuration planned over one generated catalog.
type cell struct {
	name     string // "K = 5", or a scenario's name
	scenario bool
	images   int
	specs    []dataSourceSpec
}

// isFloor reports whether the cell reads nothing: its figures are what starting Terraform and the provider cost.
func (c cell) isFloor() bool { return len(c.specs) == 0 }

// scenario is a named configuration planned over scenarioImages images, named by what it plans.
type scenario struct {
	name, description string
	specs             []dataSourceSpec
}

var scenarios = []scenario{
	{"full-lists", "three unfiltered `imagepick_uhost_images`, one with `name_regex`, one `imagepick_uhost_image` " +
		"with `most_recent = true`, all region-wide", []dataSourceSpec{{name: "all_0"}, {name: "all_1"},
		{name: "all_2"}, {name: "ubuntu", nameRegex: `^Ubuntu 22\.04`}, {name: "newest", kind: kindSingle}}},
	{"picks", "five `imagepick_uhost_image` exactly-one lookups region-wide, each with its own `name_regex` and " +
		"`most_recent = true`", []dataSourceSpec{{name: "pick_0", kind: kindSingle, nameRegex: `^Ubuntu 22\.04 64位$`},
		{name: "pick_1", kind: kindSingle, nameRegex: `^Ubuntu 24\.04 64位$`}, {name: "pick_2", kind: kindSingle, nameRegex: `^Debian 12`},
		{name: "pick_3", kind: kindSingle, nameRegex: `^Rocky Linux 9`},
		{name: "pick_4", kind: kindSingle, nameRegex: `^Windows Server 2022 64位 英文版$`}}},
	{"ids", "three unfiltered `imagepick_uhost_image_ids` region-wide: default order, `sort_by = \"name\"`, " +
		"`sort_order = \"asc\"`", []dataSourceSpec{{name: "ids_newest", kind: kindIDs},
		{name: "ids_by_name", kind: kindIDs, sortBy: "name"}, {name: "ids_oldest", kind: kindIDs, sortOrder: "asc"}}},
}

func scenarioNames() string {
	names := make([]string, len(scenarios))
	for i, s := range scenarios {
		names[i] = s.name
	}
	return strings.Join(names, ",")
}

// planCells lists, per catalog size (smallest first), the K = 0 floor, the K matrix, and over scenarioImages the
// named scenarios.
func planCells(images, ks []int, names []string) ([]cell, error) {
	var named []cell
	for _, name := range names {
		i := slices.IndexFunc(scenarios, func(s scenario) bool { return s.name == name })
		if i < 0 {
			return nil, fmt.Errorf("unknown scenario %q: use some of %s", name, scenarioNames())
		}
		named = append(named, cell{name: name, scenario: true, images: scenarioImages, specs: scenarios[i].specs})
	}
	sizes := slices.Clone(images)
	if len(named) > 0 {
		sizes = append(sizes, scenarioImages)
	}
	slices.Sort(sizes)
	var cells []cell
	for _, n := range slices.Compact(sizes) {
		cells = append(cells, cell{name: "K = 0", images: n})
		for _, k := range ks {
			if k > 0 && slices.Contains(images, n) {
				cells = append(cells, cell{name: fmt.Sprintf("K = %d", k), images: n, specs: matrixSpecs(k)})
			}
		}
		if n == scenarioImages {
			cells = append(cells, named...)
		}
	}
	return cells, nil
}

var (
	sharedQuery  = serverQuery{zone: benchZone, imageType: "Base"}
	windowsQuery = serverQuery{zone: benchZone, imageType: "Base", osType: "Windows"}
	customQuery  = serverQuery{zone: benchZone, imageType: "Custom"}
	// Local filters of the shared query; each matches one OS family or release of the generated catalog.
	sharedRegexes = []string{`^Ubuntu 22\.04`, `^Ubuntu 24\.04`, `^CentOS 7\.9`, `^Debian 12`, `^Rocky Linux 9`,
		`^AlmaLinux`, `^Ubuntu 20\.04`, `^Debian 11`, `^Rocky Linux 8`, `^OpenCloudOS`, `^CentOS 7\.6`, `ARM$`,
		`GPU`, `^Ubuntu`, `^(Rocky|Alma)`, `64位$`}
)

// matrixSpecs makes k data sources: four in five use the same server-side query (availability_zone +
// image_type = "Base") and differ only in name_regex (one of those four is the exactly-one form with
// most_recent); every fifth asks for something else (Windows base images, or custom images), so a larger
// configuration has two or three distinct server-side queries, not one.
func matrixSpecs(k int) []dataSourceSpec {
	specs := make([]dataSourceSpec, 0, k)
	shared := 0
	for i := range k {
		spec := dataSourceSpec{name: fmt.Sprintf("ds_%d", i), query: sharedQuery}
		switch {
		case i%5 == 4 && (i/5)%2 == 0:
			spec.query, spec.nameRegex = windowsQuery, `Server 2022`
		case i%5 == 4:
			spec.query, spec.nameRegex = customQuery, `^custom-`
		case i%5 == 1:
			spec.kind, spec.nameRegex = kindSingle, `^Ubuntu 22\.04 64位$` // the newest base Ubuntu 22.04 image
			shared++
		default:
			spec.nameRegex = sharedRegexes[shared%len(sharedRegexes)]
			shared++
		}
		specs = append(specs, spec)
	}
	return specs
}

// expectedRequests is what one fetch per distinct query costs: ceil(N/P) pages each (one request even when
// nothing matches), N counted with the emulator's server-side filters for the arguments the benchmark sends.
func expectedRequests(specs []dataSourceSpec, catalog *emulator.Catalog) int64 {
	var total int64
	var queries []serverQuery
	for _, s := range specs {
		if !slices.Contains(queries, s.query) {
			queries = append(queries, s.query)
		}
	}
	for _, q := range queries {
		n := 0
		for _, img := range catalog.UHost {
			if img.Region == benchRegion && (q.zone == "" || img.Zone == q.zone) &&
				(q.imageType == "" || img.ImageType == q.imageType) && (q.osType == "" || img.OsType == q.osType) {
				n++
			}
		}
		total += int64(max(1, (n+pageSize-1)/pageSize))
	}
	return total
}

// configuration renders the root module: the provider pointed at the emulator (region only, so a query without
// availability_zone is region-wide) and one output per data source, so Terraform must read every one of them
// during plan. It uses only long-standing arguments, so that a baseline provider can plan it too.
func configuration(baseURL string, specs []dataSourceSpec) string {
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    imagepick = { source = \"imagepick/imagepick\" }\n  }\n}\n\n"+
		"provider \"imagepick\" {\n  ucloud = {\n    public_key  = %q\n    private_key = %q\n    region      = %q\n    base_url    = %q\n  }\n}\n",
		emulator.DefaultUCloudPublicKey, emulator.DefaultUCloudPrivateKey, benchRegion, baseURL)
	for _, s := range specs {
		kind := cmp.Or(s.kind, kindList)
		fmt.Fprintf(&b, "\ndata %q %q {\n", kind, s.name)
		for _, arg := range [][2]string{{"availability_zone", s.query.zone}, {"image_type", s.query.imageType},
			{"os_type", s.query.osType}, {"name_regex", s.nameRegex}, {"sort_by", s.sortBy}, {"sort_order", s.sortOrder}} {
			if arg[1] != "" {
				fmt.Fprintf(&b, "  %s = %s\n", arg[0], strconv.Quote(arg[1]))
			}
		}
		value := fmt.Sprintf("length(data.%s.%s.ids)", kind, s.name)
		if kind == kindSingle {
			b.WriteString("  most_recent = true\n")
			value = fmt.Sprintf("data.%s.%s.id", kind, s.name)
		}
		fmt.Fprintf(&b, "}\n\noutput %q {\n  value = %s\n}\n", s.name, value)
	}
	return b.String()
}
