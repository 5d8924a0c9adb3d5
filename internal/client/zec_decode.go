package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// zecEnvelope covers both shapes: success {requestId, response:{requestId, totalCount, dataSet}} and error
// {requestId, code, message}.
type zecEnvelope struct {
	RequestID json.RawMessage `json:"requestId"`
	Code      json.RawMessage `json:"code"`
	Message   json.RawMessage `json:"message"`
	Response  *struct {
		RequestID  json.RawMessage `json:"requestId"`
		TotalCount *int            `json:"totalCount"`
		DataSet    []zecImageWire  `json:"dataSet"`
	} `json:"response"`
}

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
// decodeZenlayerImages does for BMC; a 200 without totalCount is malformed, since paging depends on it.
func decodeZECImages(status int, body []byte) (total int, images []ZECImage, requestID string, err error) {
	const action = "DescribeImages"
	var env zecEnvelope
	bodyErr := decodeJSONBody(body, &env)
	if bodyErr == nil {
		requestID = jsonText(env.RequestID)
		if requestID == "" && env.Response != nil {
			requestID = jsonText(env.Response.RequestID)
		}
	}
	if status != http.StatusOK {
		apiErr := &APIError{Cloud: cloudZenlayer, Action: action, HTTPStatus: status, RequestID: requestID,
			Message: http.StatusText(status)}
		if bodyErr == nil {
			apiErr.Code = jsonText(env.Code)
			if msg := jsonText(env.Message); msg != "" {
				apiErr.Message = msg
			}
		}
		apiErr.Kind = zecErrorKind(status, apiErr.Code)
		return 0, nil, requestID, apiErr
	}
	malformed := func(reason string) error {
		return &malformedResponseError{cloud: cloudZenlayer, action: action, httpStatus: status, requestID: requestID,
			reason: reason}
	}
	if bodyErr != nil {
		return 0, nil, "", &malformedResponseError{cloud: cloudZenlayer, action: action, httpStatus: status,
			reason: bodyErr.reason, truncated: bodyErr.truncated}
	}
	if env.Response == nil {
		if code := jsonText(env.Code); code != "" {
			return 0, nil, requestID, &APIError{Cloud: cloudZenlayer, Action: action, HTTPStatus: status, Code: code,
				Message: jsonText(env.Message), RequestID: requestID, Kind: zecErrorKind(status, code)}
		}
		return 0, nil, requestID, malformed(`no "response" object`)
	}
	if env.Response.TotalCount == nil {
		return 0, nil, requestID, malformed(`no "totalCount" in "response"`)
	}
	images = make([]ZECImage, len(env.Response.DataSet))
	for i := range env.Response.DataSet {
		if images[i], err = env.Response.DataSet[i].image(); err != nil {
			return 0, nil, requestID, malformed(err.Error())
		}
	}
	return *env.Response.TotalCount, images, requestID, nil
}

// zecErrorKind is zenlayerErrorKind plus the zone code, which only ZEC's zoneId filter can cause.
func zecErrorKind(status int, code string) ErrorKind {
	if code == zecCodeZoneNotFound {
		return KindZoneNotFound
	}
	return zenlayerErrorKind(status, code)
}
