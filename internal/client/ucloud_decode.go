package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// ucloudEnvelope holds the top level of a UCloud answer undecoded, so RetCode is read from one place and
// checked before ImageSet is looked at (ucloud-sdk-go once decoded every error as success by shadowing it).
type ucloudEnvelope struct {
	RetCode    json.RawMessage `json:"RetCode"`
	Message    json.RawMessage `json:"Message"`
	TotalCount json.RawMessage `json:"TotalCount"`
	ImageSet   json.RawMessage `json:"ImageSet"`
}

// decodeUCloudPage turns one answer to a DescribeImage-like action into TotalCount and items, or an error:
// *APIError for an HTTP status other than 200 (whatever the body) or a RetCode other than 0, and
// *malformedResponseError for a 200 that is not the expected JSON. It never panics.
func decodeUCloudPage[T any](action string, status int, requestID string, body []byte,
	budget *byteBudget) (total int, items []T, err error) {
	var env ucloudEnvelope
	bodyErr := decodeJSONBody(body, &env)
	if status != http.StatusOK {
		apiErr := &APIError{Cloud: cloudUCloud, Action: action, HTTPStatus: status, RequestID: requestID,
			Message: http.StatusText(status), codeName: "RetCode"}
		if bodyErr == nil { // keep what a JSON error body says, best effort
			if code, ok := parseAPIInt(env.RetCode); ok && code != 0 {
				apiErr.Code = strconv.Itoa(code)
			}
			if msg := jsonText(env.Message); msg != "" {
				apiErr.Message = msg
			}
		}
		apiErr.Kind = ucloudErrorKind(status, apiErr.Code)
		return 0, nil, apiErr
	}
	malformed := func(reason string, truncated bool) error {
		return &malformedResponseError{cloud: cloudUCloud, action: action, httpStatus: status, requestID: requestID,
			reason: reason, truncated: truncated}
	}
	if bodyErr != nil {
		return 0, nil, malformed(bodyErr.reason, bodyErr.truncated)
	}
	if isJSONNull(env.RetCode) {
		return 0, nil, malformed("no RetCode", false)
	}
	code, ok := parseAPIInt(env.RetCode)
	if !ok {
		return 0, nil, malformed("RetCode is not an integer", false)
	}
	if code != 0 {
		return 0, nil, &APIError{Cloud: cloudUCloud, Action: action, HTTPStatus: status, codeName: "RetCode",
			Code: strconv.Itoa(code), Message: jsonText(env.Message), RequestID: requestID,
			Kind: ucloudErrorKind(status, strconv.Itoa(code))}
	}
	if !isJSONNull(env.ImageSet) {
		if items, err = decodeImages[T]("ImageSet", env.ImageSet, budget); err != nil {
			return 0, nil, malformed(err.Error(), false)
		}
	}
	if isJSONNull(env.TotalCount) {
		// Tolerated only for an empty answer: paging needs the total whenever there is anything to page.
		if len(items) > 0 {
			return 0, nil, malformed("no TotalCount", false)
		}
		return 0, items, nil
	}
	if total, ok = parseAPIInt(env.TotalCount); !ok || total < 0 {
		return 0, nil, malformed("TotalCount is not a non-negative integer", false)
	}
	return total, items, nil
}

// decodeImages decodes the array named field one image at a time, charging each image's size to budget first: a
// body of empty objects would otherwise decode to dozens or hundreds of times its own size.
func decodeImages[T any](field string, raw json.RawMessage, budget *byteBudget) ([]T, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, fmt.Errorf("%s is not an array", field)
	}
	size := int64(reflect.TypeFor[T]().Size())
	items := []T{}
	for dec.More() {
		if !budget.take(size) {
			return nil, fmt.Errorf("%s decodes to more than the %d MiB one listing may hold: check that base_url "+
				"points at the API, or narrow the filters", field, maxListingBytes>>20)
		}
		var item T
		if err := dec.Decode(&item); err != nil {
			return nil, fmt.Errorf("%s[%d]: %s", field, len(items), decodeErrorText(err))
		}
		if v, ok := any(&item).(interface{ validate() error }); ok {
			if err := v.validate(); err != nil {
				return nil, fmt.Errorf("%s[%d]: %w", field, len(items), err)
			}
		}
		items = append(items, item)
	}
	return items, nil // the closing bracket was checked with the rest of the body
}

// parseAPIInt reads RetCode and TotalCount alike: a JSON integer or a numeric string ("RetCode":"171" has been
// seen), so one leniency holds for both.
func parseAPIInt(raw json.RawMessage) (int, bool) {
	text := strings.TrimSpace(string(raw))
	if strings.HasPrefix(text, `"`) {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, false
		}
		text = strings.TrimSpace(s)
	}
	code, err := strconv.Atoi(text)
	if err != nil {
		return 0, false
	}
	return code, true
}

func isJSONNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// ucloudErrorKind classifies a UCloud failure. An authentication RetCode wins over the status; without a RetCode
// only the status speaks (a gateway's 401 or 503 page).
func ucloudErrorKind(status int, code string) ErrorKind {
	retCode, err := strconv.Atoi(code)
	if err != nil {
		if kind, ok := statusKind(status); ok {
			return kind
		}
		return KindOther
	}
	codeKind := ucloudRetCodeKind(retCode)
	if codeKind == KindAuth {
		return KindAuth
	}
	if kind, ok := statusKind(status); ok && kind != KindAuth {
		return kind
	}
	return codeKindAtStatus(codeKind, status)
}

// ucloudRetCodeKind follows the RetCode table of the API reference (summary/public.md plus the 220-240 parameter
// codes UCloud-style services use).
func ucloudRetCodeKind(code int) ErrorKind {
	switch {
	case (code >= 170 && code <= 174) || (code >= 292 && code <= 299):
		return KindAuth
	case code == 150:
		return KindUnavailable
	case code == 153:
		return KindThrottled
	case code >= 220 && code <= 240:
		return KindParameter
	case code >= 2000:
		return KindProduct
	}
	return KindOther
}

// The Unix seconds of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the times RFC 3339 can write.
const (
	minRFC3339Seconds = -62167219200
	maxRFC3339Seconds = 253402300799
)

// checkUnixSeconds rejects a time no image has and RFC 3339 cannot write: before year 0 or after year 9999.
func checkUnixSeconds(field string, sec int64) error {
	if sec < minRFC3339Seconds || sec > maxRFC3339Seconds {
		return fmt.Errorf("%s %d is not a time between the years 0000 and 9999 (Unix seconds)", field, sec)
	}
	return nil
}
