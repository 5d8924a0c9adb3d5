package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

const zenlayerContentType = "application/json"

// zenlayerService is one product of the Zenlayer API v2: its endpoint is "/api/v2/" + name below the base URL,
// and name and version go into the signed headers.
type zenlayerService struct{ name, version string }

var bmcService = zenlayerService{name: "bmc", version: "2026-02-01"}

// path is where the service lives below the base URL.
func (s zenlayerService) path() string { return "/api/v2/" + s.name }

// ZenlayerCredentials is a Zenlayer access key. AccessKeyPassword never appears in logs or errors.
type ZenlayerCredentials struct{ AccessKeyID, AccessKeyPassword string }

// Zenlayer calls the DescribeImages actions of BMC (zenlayer.go) and ZEC (zec.go). It is safe for concurrent use.
type Zenlayer struct {
	base     string // scheme://host[:port][/prefix], without a service path
	endpoint string // the BMC endpoint
	creds    ZenlayerCredentials
	t        *transport
	coalesce coalescer
}

// NewZenlayer returns a client that POSTs to baseURL + "/api/v2/bmc", e.g. "https://console.zenlayer.com". A
// baseURL that already ends in "/api/v2/bmc" (the URL the API documents) is accepted as the same endpoint.
func NewZenlayer(baseURL string, creds ZenlayerCredentials, opts Options) *Zenlayer {
	base := strings.TrimRight(strings.TrimSuffix(strings.TrimRight(baseURL, "/"), bmcService.path()), "/")
	return &Zenlayer{
		base:     base,
		endpoint: base + bmcService.path(),
		creds:    creds,
		t:        newTransport(opts, creds.AccessKeyPassword),
	}
}

// DescribeImagesRequest holds the six filters. JSON field order = SDK struct order; empty values are omitted.
type DescribeImagesRequest struct {
	ImageIDs       []string `json:"imageIds,omitempty"`
	ImageName      string   `json:"imageName,omitempty"`
	Catalog        string   `json:"catalog,omitempty"`
	ImageType      string   `json:"imageType,omitempty"`
	OsType         string   `json:"osType,omitempty"`
	InstanceTypeID string   `json:"instanceTypeId,omitempty"`
}

// BMCImage is one ImageInfo: exactly what the API returns.
type BMCImage struct {
	ImageID   string `json:"imageId"`
	ImageName string `json:"imageName"`
	Catalog   string `json:"catalog"`
	ImageType string `json:"imageType"`
	OsType    string `json:"osType"`
}

// DescribeImages returns every image matching req (the action has no paging), in the server's order. An image
// repeated with identical content is kept once; one repeated with other content means the catalog changed while
// it was read: the list is read once more, and a second conflict is a *listChangedError (ErrListChanged).
// Identical calls on the same client are sent once; the returned slice is shared, so callers must not modify it.
func (c *Zenlayer) DescribeImages(ctx context.Context, req DescribeImagesRequest) ([]BMCImage, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	key := strings.Join([]string{cloudZenlayer, "DescribeImages", c.endpoint, credentialKey(c.creds.AccessKeyID), string(body)}, "\n")
	return coalesced(ctx, &c.coalesce, key, func(ctx context.Context) ([]BMCImage, error) {
		var reads []listRead
		for len(reads) < 2 {
			images, err := c.describeImages(ctx, body)
			if err != nil {
				return nil, err
			}
			set := distinct[BMCImage]{idOf: func(image *BMCImage) string { return image.ImageID },
				items: make([]BMCImage, 0, len(images))}
			problem := ""
			for i := range images {
				if _, conflict := set.add(&images[i]); conflict != "" && problem == "" {
					problem = conflict
				}
			}
			if problem == "" {
				return set.items, nil
			}
			reads = append(reads, listRead{Received: len(set.items), Requests: 1, Problem: problem})
		}
		return nil, &listChangedError{Cloud: cloudZenlayer, Action: "DescribeImages", Reads: reads}
	})
}

// describeImages makes one DescribeImages call, with retries.
func (c *Zenlayer) describeImages(ctx context.Context, body []byte) ([]BMCImage, error) {
	var images []BMCImage
	err := c.t.do(ctx, apiCall{
		cloud:  cloudZenlayer,
		action: "DescribeImages",
		newRequest: func(ctx context.Context) (*http.Request, []string, error) {
			return c.newRequest(ctx, bmcService, "DescribeImages", body)
		},
		decode: func(status int, _ http.Header, respBody []byte, budget *byteBudget) (int, string, error) {
			var requestID string
			var err error
			images, requestID, err = decodeZenlayerImages(status, respBody, budget)
			return len(images), requestID, err
		},
	})
	return images, err
}

// newRequest builds a request signed with a fresh timestamp: every attempt is signed again. It also returns the
// signature and Authorization value, to be kept out of errors.
func (c *Zenlayer) newRequest(ctx context.Context, svc zenlayerService, action string, body []byte) (*http.Request, []string, error) {
	endpoint := c.base + svc.path()
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	host := u.Host // host[:port] exactly as signed; set explicitly so the Host header cannot differ
	req.Host = host
	timestamp := strconv.FormatInt(c.t.opts.now().Unix(), 10)
	signature := zenlayerSignature(c.creds.AccessKeyPassword,
		zenlayerStringToSign(timestamp, zenlayerCanonicalRequest(zenlayerContentType, host, body)))
	req.Header.Set("Content-Type", zenlayerContentType)
	authorization := zenlayerAuthorization(c.creds.AccessKeyID, signature)
	req.Header.Set("Authorization", authorization)
	req.Header.Set("x-zc-version", svc.version)
	req.Header.Set("x-zc-action", action)
	req.Header.Set("x-zc-service", svc.name)
	req.Header.Set("x-zc-signature-method", zenlayerSignatureMethod)
	req.Header.Set("x-zc-timestamp", timestamp)
	return req, []string{authorization, signature}, nil
}
