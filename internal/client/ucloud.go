package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// UCloudCredentials is a UCloud API key pair. PrivateKey never appears in logs or errors.
type UCloudCredentials struct{ PublicKey, PrivateKey string }

// UCloud calls DescribeImage (UHost) and DescribePHostImage (UPHost). It is safe for concurrent use.
type UCloud struct {
	baseURL  string
	creds    UCloudCredentials
	t        *transport
	coalesce coalescer
}

// NewUCloud returns a client for baseURL, e.g. "https://api.ucloud.cn"; every action is POSTed to its path "/".
func NewUCloud(baseURL string, creds UCloudCredentials, opts Options) *UCloud {
	return &UCloud{
		baseURL: strings.TrimRight(baseURL, "/"),
		creds:   creds,
		t:       newTransport(opts, creds.PrivateKey),
	}
}

// DescribeImageRequest holds the DescribeImage filters; empty strings are not sent.
type DescribeImageRequest struct {
	Region, Zone, ProjectID     string
	ImageType, FuncType, OsType string
	ImageID                     string
	ImageIDs                    []string // sent ImageIds.0, ImageIds.1, ...
	Tag                         string
	PriceSet                    bool // sent as PriceSet=1
}

func (r DescribeImageRequest) filterParams() ucloudParams {
	p := ucloudParams{}
	p.setString("Region", r.Region)
	p.setString("Zone", r.Zone)
	p.setString("ProjectId", r.ProjectID)
	p.setString("ImageType", r.ImageType)
	p.setString("FuncType", r.FuncType)
	p.setString("OsType", r.OsType)
	p.setString("ImageId", r.ImageID)
	p.setList("ImageIds", r.ImageIDs)
	p.setString("Tag", r.Tag)
	if r.PriceSet {
		p.setInt("PriceSet", 1)
	}
	return p
}

// describeImageResponse is one DescribeImage page.
type describeImageResponse struct {
	TotalCount int
	ImageSet   []UHostImage
	RequestID  string
}

// UHostImage is one UHostImageSet entry; JSON tags are the API's field names.
type UHostImage struct {
	Zone               string         `json:"Zone"`
	ImageID            string         `json:"ImageId"`
	ImageName          string         `json:"ImageName"`
	Tag                string         `json:"Tag"`
	OsType             string         `json:"OsType"`
	OsName             string         `json:"OsName"`
	ImageType          string         `json:"ImageType"`
	Features           []string       `json:"Features"`
	FuncType           string         `json:"FuncType"`
	IntegratedSoftware string         `json:"IntegratedSoftware"`
	Vendor             string         `json:"Vendor"`
	Links              string         `json:"Links"`
	State              string         `json:"State"`
	ImageDescription   string         `json:"ImageDescription"`
	CreateTime         int64          `json:"CreateTime"` // Unix seconds
	ImageSize          int64          `json:"ImageSize"`
	MinimalCPU         string         `json:"MinimalCPU"`
	MaintainEol        string         `json:"MaintainEol"` // "YYYY/MM/DD"
	DataSnapshotIDs    []string       `json:"DataSnapshotIds"`
	SupportedGPUTypes  []string       `json:"SupportedGPUTypes"`
	SceneCategories    []string       `json:"SceneCategories"`
	PrimarySoftware    string         `json:"PrimarySoftware"`
	PriceSet           []BasePriceSet `json:"PriceSet"`
}

// validate rejects an answer the provider could not state truthfully: a CreateTime RFC 3339 cannot write.
func (i *UHostImage) validate() error { return checkUnixSeconds("CreateTime", i.CreateTime) }

// BasePriceSet is an image price, present only when the request set PriceSet.
type BasePriceSet struct {
	ChargeType    string  `json:"ChargeType"`
	Price         float64 `json:"Price"`
	OriginalPrice float64 `json:"OriginalPrice"`
}

// describeImage fetches one page, with retries; limit 0 is not sent (the server's default, 20).
func (c *UCloud) describeImage(ctx context.Context, req DescribeImageRequest, offset, limit int) (*describeImageResponse, error) {
	params := req.filterParams()
	params.setInt("Offset", offset)
	if limit > 0 {
		params.setInt("Limit", limit)
	}
	resp := &describeImageResponse{}
	err := c.post(ctx, "DescribeImage", req.Region, params, func(status int, requestID string, body []byte,
		budget *byteBudget) (int, error) {
		total, items, err := decodeUCloudPage[UHostImage]("DescribeImage", status, requestID, body, budget)
		resp.TotalCount, resp.ImageSet, resp.RequestID = total, items, requestID
		return len(items), err
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// ListUHostImages returns every image matching req, sorted by ImageID, each ID once. When the catalog changes while
// it is paged, the listing is read again once; an error that is ErrListChanged reports a second read that
// disagreed too.
// Identical calls on the same client are sent once; the returned slice is shared, so callers must not modify it.
func (c *UCloud) ListUHostImages(ctx context.Context, req DescribeImageRequest) ([]UHostImage, error) {
	key := c.coalesceKey("DescribeImage", req.filterParams())
	return coalesced(ctx, &c.coalesce, key, func(ctx context.Context) ([]UHostImage, error) {
		return pagedListing[UHostImage]{
			cloud:       cloudUCloud,
			action:      "DescribeImage",
			pageSize:    c.t.opts.PageSize,
			concurrency: c.t.opts.Concurrency,
			fetch: func(ctx context.Context, offset, limit int) (int, []UHostImage, error) {
				resp, err := c.describeImage(ctx, req, offset, limit)
				if err != nil {
					return 0, nil, err
				}
				return resp.TotalCount, resp.ImageSet, nil
			},
			idOf: func(image *UHostImage) string { return image.ImageID },
		}.list(ctx)
	})
}

// coalesceKey identifies a listing: cloud, action, endpoint, a hash of the public key, and every filter.
func (c *UCloud) coalesceKey(action string, params ucloudParams) string {
	form := make(url.Values, len(params))
	for k, v := range params {
		form.Set(k, v)
	}
	return strings.Join([]string{cloudUCloud, action, c.baseURL, credentialKey(c.creds.PublicKey), form.Encode()}, "\n")
}

// post sends one signed form POST to "<base>/?Action=<action>" with retries; decode sees every answer.
func (c *UCloud) post(ctx context.Context, action, region string, params ucloudParams,
	decode func(status int, requestID string, body []byte, budget *byteBudget) (items int, err error)) error {
	signed := make(ucloudParams, len(params)+1)
	for k, v := range params {
		signed[k] = v
	}
	signed["Action"] = action
	endpoint := c.baseURL + "/?Action=" + url.QueryEscape(action) // the query copy is cosmetic; the body's is signed
	return c.t.do(ctx, apiCall{
		cloud:  cloudUCloud,
		action: action,
		region: region,
		newRequest: func(ctx context.Context) (*http.Request, []string, error) {
			body, signature := ucloudSignedBody(signed, c.creds) // signed again for every attempt
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(body))
			if err != nil {
				return nil, nil, err
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("U-Timestamp-Ms", strconv.FormatInt(time.Now().UnixMilli(), 10))
			return req, []string{signature}, nil
		},
		decode: func(status int, header http.Header, body []byte, budget *byteBudget) (int, string, error) {
			requestID := header.Get("X-UCLOUD-REQUEST-UUID")
			items, err := decode(status, requestID, body, budget)
			return items, requestID, err
		},
	})
}
