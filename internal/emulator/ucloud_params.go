package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strconv"
)

// maxBodyBytes bounds request bodies; the real requests are a few hundred bytes.
const maxBodyBytes = 1 << 20

// ucloudParams is a decoded UCloud request.
type ucloudParams struct {
	// values holds every parameter with lists flattened (ImageIds.0, ...): what filters and the log read.
	values map[string]string
	// signed holds what the client signed. It equals values except for an unflattened JSON array, which the Go
	// SDK's JSON encoder signs as the bare key followed by the concatenated elements (reference vector E).
	signed map[string]string
}

var errMalformedBody = errors.New("malformed request body")

// decodeUCloudParams reads GET query parameters, a form POST (merged with the query copy, body first) or a JSON
// POST with flattened keys. The first value of a repeated key wins.
func decodeUCloudParams(r *http.Request) (ucloudParams, error) {
	query, queryErr := url.ParseQuery(r.URL.RawQuery)
	if r.Method != http.MethodPost {
		values := firstValues(query)
		return ucloudParams{values: values, signed: values}, queryErr
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil || len(body) > maxBodyBytes {
		return ucloudParams{values: map[string]string{}, signed: map[string]string{}}, errMalformedBody
	}
	var params ucloudParams
	var bodyErr error
	if isJSONContentType(r.Header.Get("Content-Type")) {
		params, bodyErr = decodeUCloudJSON(body)
	} else {
		form, formErr := url.ParseQuery(string(body))
		values := firstValues(form)
		params, bodyErr = ucloudParams{values: values, signed: values}, formErr
	}
	// The ?Action= query copy is cosmetic; merge it (and any other query key) only where the body is silent.
	for key, list := range query {
		if _, inBody := params.values[key]; !inBody && len(list) > 0 {
			params.values[key] = list[0]
			if _, signed := params.signed[key]; !signed {
				params.signed[key] = list[0]
			}
		}
	}
	if bodyErr != nil {
		return params, errMalformedBody
	}
	return params, queryErr
}

func firstValues(values url.Values) map[string]string {
	out := make(map[string]string, len(values))
	for key, list := range values {
		if len(list) > 0 {
			out[key] = list[0]
		}
	}
	return out
}

func isJSONContentType(value string) bool {
	mediaType, _, err := mime.ParseMediaType(value)
	return err == nil && mediaType == "application/json"
}

// decodeUCloudJSON decodes the JS SDK's shape: a flat object whose scalar values sign as their string form.
func decodeUCloudJSON(body []byte) (ucloudParams, error) {
	params := ucloudParams{values: map[string]string{}, signed: map[string]string{}}
	decoder := json.NewDecoder(bytes.NewReader(body))
	decoder.UseNumber()
	var object map[string]any
	if err := decoder.Decode(&object); err != nil || object == nil {
		return params, errMalformedBody
	}
	if decoder.More() {
		return params, errMalformedBody
	}
	for key, value := range object {
		if list, ok := value.([]any); ok {
			joined := ""
			for i, item := range list {
				text, ok := jsonScalarString(item)
				if !ok {
					return params, fmt.Errorf("%w: %s holds a nested value", errMalformedBody, key)
				}
				params.values[key+"."+strconv.Itoa(i)] = text
				joined += text
			}
			params.signed[key] = joined
			continue
		}
		if value == nil {
			continue // like a nil pointer: not sent, not signed
		}
		text, ok := jsonScalarString(value)
		if !ok {
			return params, fmt.Errorf("%w: %s holds a nested value", errMalformedBody, key)
		}
		params.values[key] = text
		params.signed[key] = text
	}
	return params, nil
}

// jsonScalarString renders a JSON scalar as the SDKs sign it: numbers base-10 without exponent, true/false.
func jsonScalarString(value any) (string, bool) {
	switch v := value.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case json.Number:
		if _, err := strconv.ParseInt(v.String(), 10, 64); err == nil {
			return v.String(), true
		}
		f, err := v.Float64()
		if err != nil || math.IsInf(f, 0) {
			return v.String(), true
		}
		return strconv.FormatFloat(f, 'f', -1, 64), true
	}
	return "", false
}
