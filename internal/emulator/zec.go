package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// ZEC (Zenlayer Elastic Compute) DescribeImages: the same protocol as BMC (headers, ZC2-HMAC-SHA256, error
// envelope) at its own path, with pageNum/pageSize paging.
const (
	zecPath    = "/api/v2/zec"
	zecService = "zec"
	zecVersion = "2025-09-01"
	// zecDefaultPageSize and zecMaxPageSize are the SDK's documented pageSize default and maximum; a larger
	// pageSize is capped silently.
	zecDefaultPageSize = 20
	zecMaxPageSize     = 1000
	// zecMaxTags is the documented bound of tagKeys and of tags.
	zecMaxTags = 20
	// The real code for an unknown zone is not documented; this is our choice, in the INVALID_*_NOT_FOUND style.
	zecCodeZoneNotFound = "INVALID_ZONE_NOT_FOUND"
)

// ZECImage is a Zenlayer ZEC image: every field of the API's Image, with imageSize a string of GiB as the API
// sends it, plus the zones it is offered in. Tags is a map here; the answer sends {"tags": [{key, value}]}.
type ZECImage struct {
	ImageID          string            `json:"imageId"`
	ImageName        string            `json:"imageName"`
	ImageType        string            `json:"imageType"`   // PUBLIC_IMAGE, CUSTOM_IMAGE
	ImageSource      string            `json:"imageSource"` // OFFICIAL, MARKETING, CUSTOM
	ImageSize        string            `json:"imageSize"`   // GiB, as a string
	ImageDescription string            `json:"imageDescription"`
	ImageVersion     string            `json:"imageVersion"`
	ImageStatus      string            `json:"imageStatus"`
	NicNetworkType   []string          `json:"nicNetworkType"`
	Category         string            `json:"category"`
	OsType           string            `json:"osType"`
	Tags             map[string]string `json:"tags,omitempty"`
	Zones            []string          `json:"zoneIds"` // catalog only: the zones listing it
}

type zecTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// zecImageWire is an image as the API answers it.
type zecImageWire struct {
	ImageID          string   `json:"imageId"`
	ImageName        string   `json:"imageName"`
	ImageType        string   `json:"imageType"`
	ImageSource      string   `json:"imageSource"`
	ImageSize        string   `json:"imageSize"`
	ImageDescription string   `json:"imageDescription"`
	ImageVersion     string   `json:"imageVersion"`
	ImageStatus      string   `json:"imageStatus"`
	NicNetworkType   []string `json:"nicNetworkType"`
	Category         string   `json:"category"`
	OsType           string   `json:"osType"`
	Tags             struct {
		Tags []zecTag `json:"tags"`
	} `json:"tags"`
}

type zecImagesResponse struct {
	RequestID string          `json:"requestId"`
	Response  zecImagesResult `json:"response"`
}

type zecImagesResult struct {
	RequestID  string         `json:"requestId"`
	TotalCount int            `json:"totalCount"`
	DataSet    []zecImageWire `json:"dataSet"`
}

// zecFilter is the request body; every field is optional and "" or null means "no filter".
type zecFilter struct {
	ZoneID      string   `json:"zoneId"`
	ImageIDs    []string `json:"imageIds"`
	ImageName   string   `json:"imageName"`
	Category    string   `json:"category"`
	ImageType   string   `json:"imageType"`
	ImageSource string   `json:"imageSource"`
	OsType      string   `json:"osType"`
	ImageStatus string   `json:"imageStatus"`
	TagKeys     []string `json:"tagKeys"`
	Tags        []zecTag `json:"tags"`
	PageNum     *int     `json:"pageNum"`
	PageSize    *int     `json:"pageSize"`
}

// handleZEC answers ZEC DescribeImages: the checks every Zenlayer service shares, then the body's filters and
// page numbers, throttling and the zone, in that order; then it filters and pages.
func (s *Server) handleZEC(r *http.Request, fault faultKind, uuid string) (reply, bool) {
	object, fail, resp, served := s.checkZenlayer(r, fault, uuid, zecService, zecPath, zecVersion)
	if object == nil {
		return resp, served
	}
	requestID := zenlayerRequestID(uuid)
	filter, filterErr := parseZECFilter(object)
	if filterErr != nil {
		return fail(http.StatusBadRequest, zenlayerCodeBadParam, filterErr.Error()), false
	}
	if fault == faultThrottle {
		return fail(http.StatusTooManyRequests, zenlayerCodeThrottled, "Request limit exceeded, please retry later."), true
	}
	catalog := s.currentCatalog()
	if filter.ZoneID != "" && !catalog.zecZones[filter.ZoneID] {
		return fail(http.StatusNotFound, zecCodeZoneNotFound, fmt.Sprintf("The specified zoneId `%s` is not found.", filter.ZoneID)), false
	}
	var matches []*ZECImage
	for i := range catalog.zec {
		if filter.match(&catalog.zec[i]) {
			matches = append(matches, &catalog.zec[i])
		}
	}
	pageNum, pageSize := 1, zecDefaultPageSize
	if filter.PageNum != nil {
		pageNum = *filter.PageNum
	}
	if filter.PageSize != nil {
		pageSize = min(*filter.PageSize, zecMaxPageSize)
	}
	if s.zecPageSizeCap > 0 {
		pageSize = min(pageSize, s.zecPageSizeCap)
	}
	dataSet := make([]zecImageWire, 0)
	if start := (pageNum - 1) * pageSize; start < len(matches) {
		for _, img := range matches[start:min(start+pageSize, len(matches))] {
			dataSet = append(dataSet, zecWire(img))
		}
	}
	return jsonReply(http.StatusOK, zecImagesResponse{RequestID: requestID,
		Response: zecImagesResult{RequestID: requestID, TotalCount: len(matches), DataSet: dataSet}}), false
}

// parseZECFilter reads the filters and page numbers with their documented types and bounds; unknown keys are
// ignored.
func parseZECFilter(object map[string]json.RawMessage) (zecFilter, error) {
	var filter zecFilter
	fields := []bodyField{
		{"zoneId", &filter.ZoneID, "a string"},
		{"imageIds", &filter.ImageIDs, "an array of strings"},
		{"imageName", &filter.ImageName, "a string"},
		{"category", &filter.Category, "a string"},
		{"imageType", &filter.ImageType, "a string"},
		{"imageSource", &filter.ImageSource, "a string"},
		{"osType", &filter.OsType, "a string"},
		{"imageStatus", &filter.ImageStatus, "a string"},
		{"tagKeys", &filter.TagKeys, "an array of strings"},
		{"tags", &filter.Tags, "an array of {key, value} objects"},
		{"pageNum", &filter.PageNum, "an integer"},
		{"pageSize", &filter.PageSize, "an integer"},
	}
	if err := decodeBodyFields(object, fields); err != nil {
		return filter, err
	}
	switch {
	case filter.PageNum != nil && *filter.PageNum < 1:
		return filter, errors.New("The parameter `pageNum` must be at least 1.") //nolint:staticcheck // sent as the message
	case filter.PageSize != nil && *filter.PageSize < 1:
		return filter, errors.New("The parameter `pageSize` must be at least 1.") //nolint:staticcheck // sent as the message
	case len(filter.TagKeys) > zecMaxTags:
		return filter, fmt.Errorf("The parameter `tagKeys` holds at most %d keys.", zecMaxTags) //nolint:staticcheck // sent as the message
	case len(filter.Tags) > zecMaxTags:
		return filter, fmt.Errorf("The parameter `tags` holds at most %d tags.", zecMaxTags) //nolint:staticcheck // sent as the message
	}
	return filter, nil
}

// match applies every filter: exact values, except imageName, which the API matches as a substring ("fuzzy
// search"; the emulator ignores letter case there, an undocumented detail).
func (f zecFilter) match(img *ZECImage) bool {
	if f.ZoneID != "" && !contains(img.Zones, f.ZoneID) {
		return false
	}
	if len(f.ImageIDs) > 0 && !contains(f.ImageIDs, img.ImageID) {
		return false
	}
	if f.ImageName != "" && !strings.Contains(strings.ToLower(img.ImageName), strings.ToLower(f.ImageName)) {
		return false
	}
	for _, key := range f.TagKeys {
		if _, ok := img.Tags[key]; !ok {
			return false
		}
	}
	for _, tag := range f.Tags {
		if value, ok := img.Tags[tag.Key]; !ok || value != tag.Value {
			return false
		}
	}
	return matchOptional(f.Category, img.Category) &&
		matchOptional(f.ImageType, img.ImageType) &&
		matchOptional(f.ImageSource, img.ImageSource) &&
		matchOptional(f.OsType, img.OsType) &&
		matchOptional(f.ImageStatus, img.ImageStatus)
}

// zecWire is img as the API answers it: tags as {"tags": [...]} sorted by key, lists never null.
func zecWire(img *ZECImage) zecImageWire {
	w := zecImageWire{
		ImageID:          img.ImageID,
		ImageName:        img.ImageName,
		ImageType:        img.ImageType,
		ImageSource:      img.ImageSource,
		ImageSize:        img.ImageSize,
		ImageDescription: img.ImageDescription,
		ImageVersion:     img.ImageVersion,
		ImageStatus:      img.ImageStatus,
		NicNetworkType:   exportList(img.NicNetworkType),
		Category:         img.Category,
		OsType:           img.OsType,
	}
	w.Tags.Tags = make([]zecTag, 0, len(img.Tags))
	keys := make([]string, 0, len(img.Tags))
	for key := range img.Tags {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		w.Tags.Tags = append(w.Tags.Tags, zecTag{Key: key, Value: img.Tags[key]})
	}
	return w
}

// validateZEC checks the zec section: required fields, unique IDs, a size that is a number, zones listed in
// zec_zones.
func (c *Catalog) validateZEC(add func(string, ...any)) {
	known := map[string]bool{}
	for _, z := range c.ZECZones {
		known[z] = true
	}
	seen := map[string]bool{}
	for i, img := range c.ZEC {
		where := fmt.Sprintf("zec[%d] (%s)", i, img.ImageID)
		requireFields(add, where, "imageId", img.ImageID, "imageName", img.ImageName, "imageType", img.ImageType,
			"imageSource", img.ImageSource, "imageStatus", img.ImageStatus, "category", img.Category, "osType", img.OsType)
		checkUnique(add, seen, where, "zec", img.ImageID)
		if img.ImageSize != "" && !isDecimal(img.ImageSize) {
			add("%s: imageSize %q is not a number of GiB", where, img.ImageSize)
		}
		if len(img.Zones) == 0 {
			add("%s: no zoneIds", where)
		}
		for _, z := range img.Zones {
			if !known[z] {
				add("%s: zone %q is not listed in zec_zones", where, z)
			}
		}
	}
}

// isDecimal reports whether s is digits with at most one decimal point, as the API writes sizes.
func isDecimal(s string) bool {
	whole, frac, _ := strings.Cut(s, ".")
	digits := func(t string) bool {
		return strings.Trim(t, "0123456789") == ""
	}
	return whole != "" && digits(whole) && digits(frac)
}
