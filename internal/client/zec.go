package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// zecService is Zenlayer Elastic Compute, the virtual machines; version 2025-09-01 is the SDK package zec20250901.
var zecService = zenlayerService{name: "zec", version: "2025-09-01"}

const (
	// ZECPageSize is the pageSize asked for: the API's documented maximum. A server that caps it lower is noticed
	// from the first page's length and paged at its cap.
	ZECPageSize = 1000

	// KindZoneNotFound: the zoneId filter names no zone the API knows; never retried.
	KindZoneNotFound ErrorKind = "zone_not_found"

	zecCodeZoneNotFound = "INVALID_ZONE_NOT_FOUND"
)

// ZECTag is one tag filter: images carrying key with exactly value.
type ZECTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// ZECImagesRequest holds the ZEC DescribeImages filters; JSON field order = SDK struct order, empty values are
// not sent. Paging is the client's: pageNum and pageSize are set by ListZECImages.
type ZECImagesRequest struct {
	ZoneID      string   `json:"zoneId,omitempty"`
	ImageIDs    []string `json:"imageIds,omitempty"`
	ImageName   string   `json:"imageName,omitempty"` // the API matches it as a substring
	Category    string   `json:"category,omitempty"`
	ImageType   string   `json:"imageType,omitempty"`
	ImageSource string   `json:"imageSource,omitempty"`
	OsType      string   `json:"osType,omitempty"`
	ImageStatus string   `json:"imageStatus,omitempty"`
	TagKeys     []string `json:"tagKeys,omitempty"`
	Tags        []ZECTag `json:"tags,omitempty"`
}

// zecPageRequest is a ZECImagesRequest with one page's numbers.
type zecPageRequest struct {
	ZECImagesRequest
	PageNum  int `json:"pageNum"`
	PageSize int `json:"pageSize"`
}

// ZECImage is one image of the answer's dataSet. ImageSize is the API's string of GiB read as a number; Tags is
// the API's {"tags": [{key, value}]} as a map (nil when the image has none).
type ZECImage struct {
	ImageID          string
	ImageName        string
	ImageType        string
	ImageSource      string
	ImageSize        float64
	ImageDescription string
	ImageVersion     string
	ImageStatus      string
	NicNetworkType   []string
	Category         string
	OsType           string
	Tags             map[string]string
}

// ListZECImages returns every image matching req, reading every page, sorted by ImageID. When the catalog changes
// while it is paged, the listing is read again once; an error matching ErrListChanged reports a second read
// that disagreed too. Identical calls on the same client are sent once; the returned slice is shared, so callers
// must not modify it.
func (c *Zenlayer) ListZECImages(ctx context.Context, req ZECImagesRequest) ([]ZECImage, error) {
	filters, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	endpoint := c.base + zecService.path()
	key := strings.Join([]string{cloudZenlayer, "zec", "DescribeImages", endpoint, credentialKey(c.creds.AccessKeyID), string(filters)}, "\n")
	return coalesced(ctx, &c.coalesce, key, func(ctx context.Context) ([]ZECImage, error) {
		return pagedListing[ZECImage]{
			cloud:        cloudZenlayer,
			action:       "DescribeImages",
			pageSize:     ZECPageSize,
			concurrency:  c.t.opts.Concurrency,
			byPageNumber: true,
			fetch: func(ctx context.Context, offset, limit int) (int, []ZECImage, error) {
				return c.describeZECPage(ctx, req, offset, limit)
			},
			idOf: func(img *ZECImage) string { return img.ImageID },
		}.list(ctx)
	})
}

// describeZECPage fetches the page at offset. pageNum counts pages of pageSize from 1, so only an offset that is
// a multiple of limit can be asked for.
func (c *Zenlayer) describeZECPage(ctx context.Context, req ZECImagesRequest, offset, limit int) (int, []ZECImage, error) {
	if limit <= 0 || offset%limit != 0 {
		return 0, nil, fmt.Errorf("zenlayer DescribeImages (zec): cannot ask for %d images from offset %d: pageNum "+
			"counts whole pages of pageSize, so the offset must be a multiple of the page size", limit, offset)
	}
	body, err := json.Marshal(zecPageRequest{ZECImagesRequest: req, PageNum: offset/limit + 1, PageSize: limit})
	if err != nil {
		return 0, nil, err
	}
	var total int
	var images []ZECImage
	err = c.t.do(ctx, apiCall{
		cloud:  cloudZenlayer,
		action: "DescribeImages",
		region: req.ZoneID,
		newRequest: func(ctx context.Context) (*http.Request, []string, error) {
			return c.newRequest(ctx, zecService, "DescribeImages", body)
		},
		decode: func(status int, _ http.Header, respBody []byte, budget *byteBudget) (int, string, error) {
			var requestID string
			var err error
			total, images, requestID, err = decodeZECImages(status, respBody, budget)
			return len(images), requestID, err
		},
	})
	return total, images, err
}
