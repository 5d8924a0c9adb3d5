package client

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// DescribePHostImageRequest holds the DescribePHostImage filters; empty strings are not sent.
type DescribePHostImageRequest struct {
	Region, Zone, ProjectID, ImageType string
	ImageIDs                           []string // sent ImageId.0, ImageId.1, ... (singular name!)
	MachineType, Cluster               string
}

func (r DescribePHostImageRequest) filterParams() ucloudParams {
	p := ucloudParams{}
	p.setString("Region", r.Region)
	p.setString("Zone", r.Zone)
	p.setString("ProjectId", r.ProjectID)
	p.setString("ImageType", r.ImageType)
	p.setList("ImageId", r.ImageIDs)
	p.setString("MachineType", r.MachineType)
	p.setString("Cluster", r.Cluster)
	return p
}

// describePHostImageResponse is one DescribePHostImage page.
type describePHostImageResponse struct {
	TotalCount int
	ImageSet   []PHostImage
	RequestID  string
}

// PHostImage is one PHostImageSet entry; JSON tags are the API's field names.
type PHostImage struct {
	ImageID          string   `json:"ImageId"`
	ImageName        string   `json:"ImageName"`
	OsName           string   `json:"OsName"`
	OsType           string   `json:"OsType"`
	Support          []string `json:"Support"`
	Version          string   `json:"Version"`
	ImageType        string   `json:"ImageType"`
	CreateTime       string   `json:"CreateTime"` // as the API sends it (format undocumented); a JSON number is kept as its text
	State            string   `json:"State"`
	ImageSize        int64    `json:"ImageSize"`
	ImageDescription string   `json:"ImageDescription"`
}

// UnmarshalJSON accepts CreateTime as a string or a number: its format is undocumented, and one surprise there
// must not make the whole listing fail.
func (p *PHostImage) UnmarshalJSON(data []byte) error {
	type plain PHostImage
	aux := struct {
		*plain
		CreateTime json.RawMessage `json:"CreateTime"`
	}{plain: (*plain)(p)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	p.CreateTime = ""
	if len(aux.CreateTime) == 0 || string(aux.CreateTime) == "null" {
		return nil
	}
	if err := json.Unmarshal(aux.CreateTime, &p.CreateTime); err == nil {
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(aux.CreateTime, &n); err != nil {
		return fmt.Errorf("CreateTime is neither a string nor a number")
	}
	p.CreateTime = n.String()
	return nil
}

// validate rejects a CreateTime in Unix seconds (plain digits) that RFC 3339 cannot write; other forms are read
// by the provider.
func (p *PHostImage) validate() error {
	text := p.CreateTime
	if text == "" || strings.Trim(text, "0123456789") != "" {
		return nil
	}
	sec, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return fmt.Errorf("CreateTime %s is not a time between the years 0000 and 9999 (Unix seconds)", text)
	}
	return checkUnixSeconds("CreateTime", sec)
}

// describePHostImage fetches one page, with retries; limit 0 is not sent.
func (c *UCloud) describePHostImage(ctx context.Context, req DescribePHostImageRequest, offset, limit int) (*describePHostImageResponse, error) {
	params := req.filterParams()
	params.setInt("Offset", offset)
	if limit > 0 {
		params.setInt("Limit", limit)
	}
	resp := &describePHostImageResponse{}
	err := c.post(ctx, "DescribePHostImage", req.Region, params, func(status int, requestID string, body []byte,
		budget *byteBudget) (int, error) {
		total, items, err := decodeUCloudPage[PHostImage]("DescribePHostImage", status, requestID, body, budget)
		resp.TotalCount, resp.ImageSet, resp.RequestID = total, items, requestID
		return len(items), err
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// ListPHostImages returns every image matching req, sorted by ImageID, each ID once. When the catalog changes while
// it is paged, the listing is read again once; an error that is ErrListChanged reports a second read that
// disagreed too.
// Identical calls on the same client are sent once; the returned slice is shared, so callers must not modify it.
func (c *UCloud) ListPHostImages(ctx context.Context, req DescribePHostImageRequest) ([]PHostImage, error) {
	key := c.coalesceKey("DescribePHostImage", req.filterParams())
	return coalesced(ctx, &c.coalesce, key, func(ctx context.Context) ([]PHostImage, error) {
		return pagedListing[PHostImage]{
			cloud:       cloudUCloud,
			action:      "DescribePHostImage",
			pageSize:    c.t.opts.PageSize,
			concurrency: c.t.opts.Concurrency,
			fetch: func(ctx context.Context, offset, limit int) (int, []PHostImage, error) {
				resp, err := c.describePHostImage(ctx, req, offset, limit)
				if err != nil {
					return 0, nil, err
				}
				return resp.TotalCount, resp.ImageSet, nil
			},
			idOf: func(image *PHostImage) string { return image.ImageID },
		}.list(ctx)
	})
}
