package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// The generated catalogs put every image in one region and zone.
const (
	benchRegion = "cn-bj2"
	benchZone   = "cn-bj2-02"
	benchSeed   = 1
	// pageSize is the client's default Limit, which the provider does not change.
	pageSize = 100
)

// serverQuery is what a data source sends to DescribeImage; data sources with equal queries share one fetch.
type serverQuery struct {
	imageType, osType string
}

func (q serverQuery) String() string {
	s := "image_type=" + q.imageType
	if q.osType != "" {
		s += ",os_type=" + q.osType
	}
	return s
}

// matches mirrors the emulator's server-side filters for the arguments the benchmark sends.
func (q serverQuery) matches(img emulator.UHostImage) bool {
	return img.Region == benchRegion && img.Zone == benchZone && img.ImageType == q.imageType &&
		(q.osType == "" || img.OsType == q.osType)
}

// dataSourceSpec is one generated data source: its type, server-side query and local filter.
type dataSourceSpec struct {
	name      string // ds_0, ds_1, ...
	single    bool   // imagepick_uhost_image with most_recent = true, else imagepick_uhost_images
	query     serverQuery
	nameRegex string
}

var (
	sharedQuery  = serverQuery{imageType: "Base"}
	windowsQuery = serverQuery{imageType: "Base", osType: "Windows"}
	customQuery  = serverQuery{imageType: "Custom"}
	// Local filters of the shared query; each matches one OS family or release of the generated catalog.
	sharedRegexes = []string{`^Ubuntu 22\.04`, `^Ubuntu 24\.04`, `^CentOS 7\.9`, `^Debian 12`, `^Rocky Linux 9`,
		`^AlmaLinux`, `^Ubuntu 20\.04`, `^Debian 11`, `^Rocky Linux 8`, `^OpenCloudOS`, `^CentOS 7\.6`, `ARM$`,
		`GPU`, `^Ubuntu`, `^(Rocky|Alma)`, `64位$`}
)

// dataSourceSpecs makes k data sources: four in five use the same server-side query (availability_zone +
// image_type = "Base") and differ only in name_regex (one of those four is the exactly-one form with
// most_recent); every fifth asks for something else (Windows base images, or custom images), so a larger
// configuration has two or three distinct server-side queries, not one.
func dataSourceSpecs(k int) []dataSourceSpec {
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
			spec.single = i%5 == 1
			spec.nameRegex = sharedRegexes[shared%len(sharedRegexes)]
			if spec.single {
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

// expectedRequests is what one fetch per distinct query costs: ceil(N/P) pages each (one request even when
// nothing matches).
func expectedRequests(specs []dataSourceSpec, catalog *emulator.Catalog) int64 {
	var total int64
	for _, q := range distinctQueries(specs) {
		n := 0
		for _, img := range catalog.UHost {
			if q.matches(img) {
				n++
			}
		}
		total += int64(max(1, (n+pageSize-1)/pageSize))
	}
	return total
}

// configuration renders the root module: the provider pointed at the emulator and one output per data source,
// so Terraform must read every one of them during plan.
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
		kind, value := "imagepick_uhost_images", "length(data.imagepick_uhost_images.%s.ids)"
		if s.single {
			kind, value = "imagepick_uhost_image", "data.imagepick_uhost_image.%s.id"
		}
		fmt.Fprintf(&b, "\ndata %q %q {\n  availability_zone = %q\n  image_type        = %q\n", kind, s.name, benchZone, s.query.imageType)
		if s.query.osType != "" {
			fmt.Fprintf(&b, "  os_type           = %q\n", s.query.osType)
		}
		fmt.Fprintf(&b, "  name_regex        = %s\n", strconv.Quote(s.nameRegex))
		if s.single {
			b.WriteString("  most_recent       = true\n")
		}
		fmt.Fprintf(&b, "}\n\noutput %q {\n  value = "+value+"\n}\n", s.name, s.name)
	}
	return b.String()
}
