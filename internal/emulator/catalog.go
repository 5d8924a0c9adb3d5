package emulator

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"sort"
	"strings"
)

// Catalog is every image the emulator knows. Its JSON form is the -catalog file format.
type Catalog struct {
	UHost            []UHostImage `json:"uhost"`
	PHost            []PHostImage `json:"phost"`
	BMC              []BMCImage   `json:"bmc"`
	BMCInstanceTypes []string     `json:"bmc_instance_types"` // known instance types; any other instanceTypeId => 404 INVALID_INSTANCE_TYPE_NOT_FOUND
	ZEC              []ZECImage   `json:"zec"`
	ZECZones         []string     `json:"zec_zones"` // known zones; any other zoneId => 404 INVALID_ZONE_NOT_FOUND
}

// UHostImage is a UCloud UHost image: Region plus every UHostImageSet field under its API name. The emulator
// sends every field under its JSON name except those tagged wire:"-" (catalog only; see wire.go).
type UHostImage struct {
	Region             string     `json:"Region" wire:"-"` // catalog only
	Zone               string     `json:"Zone"`
	ImageID            string     `json:"ImageId"`
	ImageName          string     `json:"ImageName"`
	Tag                string     `json:"Tag"`
	OsType             string     `json:"OsType"`
	OsName             string     `json:"OsName"`
	ImageType          string     `json:"ImageType"`
	Features           []string   `json:"Features,omitempty"`
	FuncType           string     `json:"FuncType"`
	IntegratedSoftware string     `json:"IntegratedSoftware,omitempty"`
	Vendor             string     `json:"Vendor,omitempty"`
	Links              string     `json:"Links,omitempty"`
	State              string     `json:"State"`
	ImageDescription   string     `json:"ImageDescription"`
	CreateTime         int64      `json:"CreateTime"` // Unix seconds
	ImageSize          int64      `json:"ImageSize"`
	MinimalCPU         string     `json:"MinimalCPU,omitempty"`
	MaintainEol        string     `json:"MaintainEol"` // YYYY/MM/DD
	DataSnapshotIDs    []string   `json:"DataSnapshotIds,omitempty"`
	SupportedGPUTypes  []string   `json:"SupportedGPUTypes,omitempty"`
	SceneCategories    []string   `json:"SceneCategories,omitempty"`
	PrimarySoftware    string     `json:"PrimarySoftware,omitempty"`
	PriceSet           []PriceSet `json:"PriceSet,omitempty" wire:"requested"` // sent only when the request has PriceSet=1
}

// PriceSet is UCloud's BasePriceSet.
type PriceSet struct {
	ChargeType    string  `json:"ChargeType"`
	Price         float64 `json:"Price"`
	OriginalPrice float64 `json:"OriginalPrice"`
}

// PHostImage is a UCloud UPHost image: Region, Zone and Clusters (catalog only) plus the PHostImageSet fields.
type PHostImage struct {
	Region           string   `json:"Region" wire:"-"`
	Zone             string   `json:"Zone" wire:"-"`
	Clusters         []string `json:"Clusters" wire:"-"` // network clusters; empty => ["25G"]
	ImageID          string   `json:"ImageId"`
	ImageName        string   `json:"ImageName"`
	OsName           string   `json:"OsName"`
	OsType           string   `json:"OsType"` // distribution spelling: CentOS, Ubuntu, Windows, Debian, ...
	Support          []string `json:"Support"`
	Version          string   `json:"Version"`
	ImageType        string   `json:"ImageType"`
	CreateTime       string   `json:"CreateTime"` // decimal Unix seconds, or "" (bare metal 1.0)
	State            string   `json:"State"`
	ImageSize        int64    `json:"ImageSize"`
	ImageDescription string   `json:"ImageDescription"`
}

// BMCImage is a Zenlayer bare-metal image: the five ImageInfo fields plus the instance types it installs on.
type BMCImage struct {
	ImageID       string   `json:"imageId"`
	ImageName     string   `json:"imageName"`
	Catalog       string   `json:"catalog"`
	ImageType     string   `json:"imageType"`
	OsType        string   `json:"osType"`
	InstanceTypes []string `json:"instanceTypeIds" wire:"-"`
}

//go:embed catalog_default.json
var defaultCatalogJSON []byte

// DefaultCatalog returns a fresh copy of the built-in catalog (see catalog_default.json).
func DefaultCatalog() *Catalog {
	catalog, err := parseCatalog(defaultCatalogJSON)
	if err != nil {
		// catalog_test.go checks the embedded file; an empty catalog keeps a broken build from panicking.
		return &Catalog{}
	}
	return catalog
}

// LoadCatalog reads a catalog in the catalog_default.json format and validates it: unknown keys, missing
// required fields, duplicate IDs, instance types missing from bmc_instance_types and zones missing from zec_zones
// are errors.
func LoadCatalog(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read catalog: %w", err)
	}
	catalog, err := parseCatalog(data)
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", path, err)
	}
	return catalog, nil
}

func parseCatalog(data []byte) (*Catalog, error) {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	var catalog Catalog
	if err := decoder.Decode(&catalog); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if decoder.More() {
		return nil, errors.New("invalid JSON: data after the catalog object")
	}
	if err := catalog.validate(); err != nil {
		return nil, err
	}
	return &catalog, nil
}

// maxReportedProblems bounds the joined validation error so a bad generated file stays readable.
const maxReportedProblems = 20

func (c *Catalog) validate() error {
	var problems []string
	add := func(format string, args ...any) {
		if len(problems) < maxReportedProblems {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	if len(c.UHost)+len(c.PHost)+len(c.BMC)+len(c.ZEC) == 0 {
		add("no images: uhost, phost, bmc and zec are all empty")
	}
	seen := map[string]bool{}
	for i, img := range c.UHost {
		where := fmt.Sprintf("uhost[%d] (%s)", i, img.ImageID)
		requireFields(add, where, "ImageId", img.ImageID, "Region", img.Region, "Zone", img.Zone,
			"ImageName", img.ImageName, "OsType", img.OsType, "ImageType", img.ImageType, "State", img.State)
		checkZone(add, where, img.Region, img.Zone)
		checkUnique(add, seen, where, "uhost", img.ImageID)
		if img.CreateTime < 0 {
			add("%s: CreateTime %d is negative", where, img.CreateTime)
		}
	}
	seen = map[string]bool{}
	for i, img := range c.PHost {
		where := fmt.Sprintf("phost[%d] (%s)", i, img.ImageID)
		requireFields(add, where, "ImageId", img.ImageID, "Region", img.Region, "Zone", img.Zone,
			"ImageName", img.ImageName, "OsType", img.OsType, "ImageType", img.ImageType)
		checkZone(add, where, img.Region, img.Zone)
		checkUnique(add, seen, where, "phost", img.ImageID)
	}
	knownTypes := map[string]bool{}
	for _, t := range c.BMCInstanceTypes {
		knownTypes[t] = true
	}
	seen = map[string]bool{}
	for i, img := range c.BMC {
		where := fmt.Sprintf("bmc[%d] (%s)", i, img.ImageID)
		requireFields(add, where, "imageId", img.ImageID, "imageName", img.ImageName, "catalog", img.Catalog,
			"imageType", img.ImageType, "osType", img.OsType)
		checkUnique(add, seen, where, "bmc", img.ImageID)
		for _, t := range img.InstanceTypes {
			if !knownTypes[t] {
				add("%s: instance type %q is not listed in bmc_instance_types", where, t)
			}
		}
	}
	c.validateZEC(add)
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("invalid catalog: %s", strings.Join(problems, "; "))
}

// requireFields takes name/value pairs and reports every empty value.
func requireFields(add func(string, ...any), where string, pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			add("%s: missing %s", where, pairs[i])
		}
	}
}

func checkZone(add func(string, ...any), where, region, zone string) {
	if region != "" && zone != "" && !strings.HasPrefix(zone, region+"-") {
		add("%s: zone %q is not in region %q", where, zone, region)
	}
}

func checkUnique(add func(string, ...any), seen map[string]bool, where, list, id string) {
	if id == "" {
		return
	}
	if seen[id] {
		add("%s: duplicate %s image ID %q", where, list, id)
	}
	seen[id] = true
}

// catalogIndex is the catalog as the Server serves it: each list in its stable answer order.
type catalogIndex struct {
	uhost         []UHostImage
	phost         []PHostImage
	bmc           []BMCImage
	instanceTypes map[string]bool
	zec           []ZECImage
	zecZones      map[string]bool
}

// indexCatalog orders every list by the FNV-1a hash of the image ID: stable across runs, and deliberately
// neither by name nor by time, since the real order is undocumented and clients must sort for themselves.
func indexCatalog(c *Catalog) *catalogIndex {
	index := &catalogIndex{
		uhost:         append([]UHostImage(nil), c.UHost...),
		phost:         append([]PHostImage(nil), c.PHost...),
		bmc:           append([]BMCImage(nil), c.BMC...),
		instanceTypes: map[string]bool{},
		zec:           append([]ZECImage(nil), c.ZEC...),
		zecZones:      map[string]bool{},
	}
	sort.SliceStable(index.uhost, func(i, j int) bool {
		return idOrderLess(index.uhost[i].ImageID, index.uhost[j].ImageID)
	})
	sort.SliceStable(index.phost, func(i, j int) bool {
		return idOrderLess(index.phost[i].ImageID, index.phost[j].ImageID)
	})
	sort.SliceStable(index.bmc, func(i, j int) bool {
		return idOrderLess(index.bmc[i].ImageID, index.bmc[j].ImageID)
	})
	sort.SliceStable(index.zec, func(i, j int) bool {
		return idOrderLess(index.zec[i].ImageID, index.zec[j].ImageID)
	})
	for _, z := range c.ZECZones {
		index.zecZones[z] = true
	}
	for _, img := range c.ZEC { // as for instance types: a catalog built in Go may omit zec_zones
		for _, z := range img.Zones {
			index.zecZones[z] = true
		}
	}
	for _, t := range c.BMCInstanceTypes {
		index.instanceTypes[t] = true
	}
	// A catalog built in Go may omit bmc_instance_types; the types its images name are known too.
	for _, img := range c.BMC {
		for _, t := range img.InstanceTypes {
			index.instanceTypes[t] = true
		}
	}
	return index
}

func idOrderLess(a, b string) bool {
	ha, hb := idHash(a), idHash(b)
	if ha != hb {
		return ha < hb
	}
	return a < b
}

func idHash(id string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(id))
	return h.Sum64()
}
