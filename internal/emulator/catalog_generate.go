package emulator

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// generatedFamily is one OS a generated image can carry.
type generatedFamily struct {
	name, osType, eol string
}

var generatedFamilies = []generatedFamily{
	{"Ubuntu 24.04 64位", "Linux", "2029/05/31"},
	{"Ubuntu 22.04 64位", "Linux", "2027/04/30"},
	{"Ubuntu 20.04 64位", "Linux", "2025/05/31"},
	{"CentOS 7.9 64位", "Linux", "2024/06/30"},
	{"CentOS 7.6 64位", "Linux", "2024/06/30"},
	{"Rocky Linux 9.3 64位", "Linux", "2032/05/31"},
	{"Rocky Linux 8.9 64位", "Linux", "2029/05/31"},
	{"Debian 12.4 64位", "Linux", "2028/06/30"},
	{"Debian 11.8 64位", "Linux", "2026/06/30"},
	{"AlmaLinux 9.3 64位", "Linux", "2032/05/31"},
	{"OpenCloudOS 9.0 64位", "Linux", ""},
	{"Windows Server 2022 64位 中文版", "Windows", "2031/10/14"},
	{"Windows Server 2022 64位 英文版", "Windows", "2031/10/14"},
	{"Windows Server 2019 64位 中文版", "Windows", "2029/01/09"},
}

var generatedStates = []string{"Available", "Available", "Available", "Available", "Available", "Available",
	"Available", "Making", "Unavailable", "Available"}

// generatedEpoch is 2020-01-01T00:00:00Z; generated CreateTimes fall in the five years after it.
const generatedEpoch = 1577836800

// base36Span is 36^8, the number of 8-character lowercase alphanumeric IDs.
const base36Span = 2821109907456

// GenerateCatalog makes a large deterministic catalog for benchmarks: uhostImages UHost images in one region and
// zone (defaults cn-bj2 and <region>-02) with varied names, OS types, image types, states and CreateTimes
// (every seventh image repeats its predecessor's CreateTime, so ties exist), plus the default catalog's PHost
// BMC and ZEC images so the other APIs keep working. The same arguments always give the same catalog.
func GenerateCatalog(uhostImages int, region, zone string, seed int64) *Catalog {
	if region == "" {
		region = "cn-bj2"
	}
	if zone == "" {
		zone = region + "-02"
	}
	base := DefaultCatalog()
	rng := rand.New(rand.NewPCG(uint64(seed), 0x696d616765706963)) // "imagepic"
	// id(i) = (i*multiplier + offset) mod 36^8 is a bijection, so IDs never collide; the offset varies with the seed.
	const multiplier = 1_000_003
	offset := rng.Uint64N(base36Span)
	images := make([]UHostImage, 0, max(uhostImages, 0))
	for i := 0; i < uhostImages; i++ {
		family := generatedFamilies[rng.IntN(len(generatedFamilies))]
		img := UHostImage{
			Region:      region,
			Zone:        zone,
			ImageID:     "uimage-" + base36(((uint64(i)%base36Span)*multiplier+offset)%base36Span),
			ImageName:   family.name,
			Tag:         "Default",
			OsType:      family.osType,
			OsName:      family.name,
			ImageType:   "Base",
			State:       generatedStates[rng.IntN(len(generatedStates))],
			CreateTime:  generatedEpoch + rng.Int64N(5*365*86400),
			ImageSize:   20,
			MaintainEol: family.eol,
			Features:    []string{"NetEnhnced", "HotPlug", "CloudInit"},
		}
		if family.osType == "Windows" {
			img.ImageSize = 40
			img.PriceSet = []PriceSet{{ChargeType: "Month", Price: 96, OriginalPrice: 120}}
		}
		switch kind := rng.IntN(10); {
		case kind == 0:
			img.ImageType = "Custom"
			img.ImageName = fmt.Sprintf("custom-%s-%d", strings.ToLower(strings.Fields(family.name)[0]), i)
		case kind == 1:
			img.ImageType = "Business"
			img.FuncType = "uhost"
			img.ImageName = fmt.Sprintf("Market App %d on %s", i, family.name)
			img.Vendor = "Example Vendor"
			img.Links = "https://example.com/market"
			img.IntegratedSoftware = "Nginx 1.24, MySQL 8.0"
		case kind == 2 && family.osType == "Linux":
			img.FuncType = "gpu"
			img.ImageName = family.name + " GPU 驱动版"
			img.Features = append(img.Features, "GPU")
			img.SupportedGPUTypes = []string{[]string{"T4", "V100S", "A100", "4090"}[rng.IntN(4)]}
			img.SceneCategories = []string{"PreInstalledDrivers"}
		case kind == 3 && family.osType == "Linux":
			img.Features = append(img.Features, "Aarch64_Type")
			img.ImageName = family.name + " ARM"
		}
		if i%7 == 6 && len(images) > 0 {
			img.CreateTime = images[len(images)-1].CreateTime
		}
		images = append(images, img)
	}
	return &Catalog{UHost: images, PHost: base.PHost, BMC: base.BMC, BMCInstanceTypes: base.BMCInstanceTypes,
		ZEC: base.ZEC, ZECZones: base.ZECZones}
}

func base36(n uint64) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	var out [8]byte
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = digits[n%36]
		n /= 36
	}
	return string(out[:])
}
