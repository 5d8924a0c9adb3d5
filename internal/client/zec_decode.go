package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// zecImagesResponse is the response object of ZEC DescribeImages.
type zecImagesResponse struct {
	RequestID  json.RawMessage `json:"requestId"`
	TotalCount json.RawMessage `json:"totalCount"`
	DataSet    json.RawMessage `json:"dataSet"`
}

func (r *zecImagesResponse) requestID() json.RawMessage { return r.RequestID }

// zecImageWire is an image as the API sends it; imageSize and tags are converted by image.
type zecImageWire struct {
	ImageID          string          `json:"imageId"`
	ImageName        string          `json:"imageName"`
	ImageType        string          `json:"imageType"`
	ImageSource      string          `json:"imageSource"`
	ImageSize        json.RawMessage `json:"imageSize"`
	ImageDescription string          `json:"imageDescription"`
	ImageVersion     string          `json:"imageVersion"`
	ImageStatus      string          `json:"imageStatus"`
	NicNetworkType   []string        `json:"nicNetworkType"`
	Category         string          `json:"category"`
	OsType           string          `json:"osType"`
	Tags             *struct {
		Tags []ZECTag `json:"tags"`
	} `json:"tags"`
}

// image converts the wire image. imageSize is documented as a string of GiB; a JSON number, null, "" or a missing
// field are accepted too (0 for the last three), anything else is an error naming the image and the field.
func (w *zecImageWire) image() (ZECImage, error) {
	img := ZECImage{
		ImageID:          w.ImageID,
		ImageName:        w.ImageName,
		ImageType:        w.ImageType,
		ImageSource:      w.ImageSource,
		ImageDescription: w.ImageDescription,
		ImageVersion:     w.ImageVersion,
		ImageStatus:      w.ImageStatus,
		NicNetworkType:   w.NicNetworkType,
		Category:         w.Category,
		OsType:           w.OsType,
	}
	size, err := zecImageSize(w.ImageSize)
	if err != nil {
		return img, fmt.Errorf("image %q: imageSize: %w", w.ImageID, err)
	}
	img.ImageSize = size
	if w.Tags != nil && len(w.Tags.Tags) > 0 {
		img.Tags = make(map[string]string, len(w.Tags.Tags))
		for _, tag := range w.Tags.Tags {
			img.Tags[tag.Key] = tag.Value
		}
	}
	return img, nil
}

func zecImageSize(raw json.RawMessage) (float64, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	text := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0, err
		}
		text = strings.TrimSpace(text)
		if text == "" {
			return 0, nil
		}
	}
	size, err := strconv.ParseFloat(text, 64)
	if err != nil || size < 0 {
		return 0, fmt.Errorf("%s is not a number of GiB", jsonText(raw))
	}
	return size, nil
}

// decodeZECImages turns one ZEC DescribeImages answer into the total and the page's images, or an error, as
// decodeZenlayer does; a 200 without a numeric totalCount, or with an image it cannot read, is malformed. totalCount
// is read as leniently as UCloud's TotalCount and RetCode (a numeric string too).
func decodeZECImages(status int, body []byte, budget *byteBudget) (total int, images []ZECImage, requestID string, err error) {
	resp, requestID, err := decodeZenlayer[zecImagesResponse](status, body, zecErrorKind)
	if err != nil {
		return 0, nil, requestID, err
	}
	malformed := func(reason string) error {
		return &malformedResponseError{cloud: cloudZenlayer, action: "DescribeImages", httpStatus: status,
			requestID: requestID, reason: reason}
	}
	total, ok := parseAPIInt(resp.TotalCount)
	if !ok {
		return 0, nil, requestID, malformed(`no numeric "totalCount" in "response"`)
	}
	var wire []zecImageWire
	if !isJSONNull(resp.DataSet) {
		if wire, err = decodeImages[zecImageWire]("response.dataSet", resp.DataSet, budget); err != nil {
			return 0, nil, requestID, malformed(err.Error())
		}
	}
	images = make([]ZECImage, len(wire))
	for i := range wire {
		if images[i], err = wire[i].image(); err != nil {
			return 0, nil, requestID, malformed(err.Error())
		}
	}
	return total, images, requestID, nil
}

// zecErrorKind is zenlayerErrorKind plus the zone code, which only ZEC's zoneId filter can cause.
func zecErrorKind(status int, code string) ErrorKind {
	if code == zecCodeZoneNotFound {
		return KindZoneNotFound
	}
	return zenlayerErrorKind(status, code)
}
