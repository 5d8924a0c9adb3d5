package main

import (
	"fmt"
	"sort"
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
	// pageSize is the client's default Limit, which the provider does not change.
	pageSize = client.DefaultPageSize
	// officialPageSize is the Limit of the official UCloud provider, which pages serially.
	officialPageSize = 100
)

// serverQuery is what a data source sends to DescribeImage; data sources with equal queries share one fetch.
// An empty zone is a region-wide query (the benchmark's provider configuration sets no zone).
type serverQuery struct {
	zone, imageType, osType string
}

func (q serverQuery) String() string {
	var parts []string
	if q.zone == "" {
		parts = append(parts, "region-wide")
	}
	if q.imageType != "" {
		parts = append(parts, "image_type="+q.imageType)
	}
	if q.osType != "" {
		parts = append(parts, "os_type="+q.osType)
	}
	return strings.Join(parts, ",")
}

// matches mirrors the emulator's server-side filters for the arguments the benchmark sends.
func (q serverQuery) matches(img emulator.UHostImage) bool {
	return img.Region == benchRegion && (q.zone == "" || img.Zone == q.zone) &&
		(q.imageType == "" || img.ImageType == q.imageType) && (q.osType == "" || img.OsType == q.osType)
}

// dataSourceKind is which of the three UHost data sources a generated block uses.
type dataSourceKind int

const (
	kindList   dataSourceKind = iota // imagepick_uhost_images
	kindSingle                       // imagepick_uhost_image with most_recent = true
	kindIDs                          // imagepick_uhost_image_ids
)

func (k dataSourceKind) typeName() string {
	switch k {
	case kindSingle:
		return "imagepick_uhost_image"
	case kindIDs:
		return "imagepick_uhost_image_ids"
	default:
		return "imagepick_uhost_images"
	}
}

// dataSourceSpec is one generated data source: its type, server-side query and local arguments.
type dataSourceSpec struct {
	name      string // ds_0, ds_1, ...
	kind      dataSourceKind
	query     serverQuery
	nameRegex string
	sortBy    string
	sortOrder string
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
	for i := 0; i < k; i++ {
		spec := dataSourceSpec{name: fmt.Sprintf("ds_%d", i)}
		switch {
		case i%5 == 4 && (i/5)%2 == 0:
			spec.query, spec.nameRegex = windowsQuery, `Server 2022`
		case i%5 == 4:
			spec.query, spec.nameRegex = customQuery, `^custom-`
		default:
			spec.query = sharedQuery
			spec.nameRegex = sharedRegexes[shared%len(sharedRegexes)]
			if i%5 == 1 {
				spec.kind = kindSingle
				spec.nameRegex = `^Ubuntu 22\.04 64位$` // the newest base Ubuntu 22.04 image
			}
			shared++
		}
		specs = append(specs, spec)
	}
	return specs
}

// distinctQueries lists the server-side queries of specs, sorted.
func distinctQueries(specs []dataSourceSpec) []serverQuery {
	seen := map[serverQuery]bool{}
	var out []serverQuery
	for _, s := range specs {
		if !seen[s.query] {
			seen[s.query] = true
			out = append(out, s.query)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// matching counts the catalog's images a server-side query returns.
func matching(q serverQuery, catalog *emulator.Catalog) int {
	n := 0
	for _, img := range catalog.UHost {
		if q.matches(img) {
			n++
		}
	}
	return n
}

// expectedRequests is what one fetch per distinct query costs: ceil(N/P) pages each (one request even when
// nothing matches).
func expectedRequests(specs []dataSourceSpec, catalog *emulator.Catalog) int64 {
	var total int64
	for _, q := range distinctQueries(specs) {
		total += int64(max(1, ceilDiv(matching(q, catalog), pageSize)))
	}
	return total
}

// configuration renders the root module: the provider pointed at the emulator (region only, so a query without
// availability_zone is region-wide) and one output per data source, so Terraform must read every one of them
// during plan. It uses only arguments that the provider had before and after the redesign of issue 11.
func configuration(baseURL string, specs []dataSourceSpec) string {
	var b strings.Builder
	fmt.Fprintf(&b, `terraform {
  required_providers {
    imagepick = { source = "imagepick/imagepick" }
  }
}

provider "imagepick" {
  ucloud = {
    public_key  = %s
    private_key = %s
    region      = %s
    base_url    = %s
  }
}
`, strconv.Quote(emulator.DefaultUCloudPublicKey), strconv.Quote(emulator.DefaultUCloudPrivateKey),
		strconv.Quote(benchRegion), strconv.Quote(baseURL))
	for _, s := range specs {
		kind := s.kind.typeName()
		fmt.Fprintf(&b, "\ndata %q %q {\n", kind, s.name)
		argument := func(name, value string) {
			if value != "" {
				fmt.Fprintf(&b, "  %s = %s\n", name, strconv.Quote(value))
			}
		}
		argument("availability_zone", s.query.zone)
		argument("image_type", s.query.imageType)
		argument("os_type", s.query.osType)
		argument("name_regex", s.nameRegex)
		argument("sort_by", s.sortBy)
		argument("sort_order", s.sortOrder)
		value := fmt.Sprintf("length(data.%s.%s.ids)", kind, s.name)
		if s.kind == kindSingle {
			b.WriteString("  most_recent = true\n")
			value = fmt.Sprintf("data.%s.%s.id", kind, s.name)
		}
		fmt.Fprintf(&b, "}\n\noutput %q {\n  value = %s\n}\n", s.name, value)
	}
	return b.String()
}
