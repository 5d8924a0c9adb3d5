package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

const (
	zenlayerPath           = "/api/v2/bmc"
	zenlayerService        = "bmc"
	actionDescribeImages   = "DescribeImages"
	zenlayerVersion2022    = "2022-11-20"
	zenlayerVersion2026    = "2026-02-01"
	zenlayerCodeThrottled  = "REQUEST_LIMIT_EXCEEDED"
	zenlayerCodeNoInstance = "INVALID_INSTANCE_TYPE_NOT_FOUND"
	zenlayerCodeBadParam   = "INVALID_PARAMETER"
	zenlayerCodeMissing    = "MISSING_PARAMETER"
	zenlayerCodeNoService  = "SERVICE_TEMPORARY_UNAVAILABLE"
	// The real codes for an unsupported method, action or version are not documented; these are our choice.
	zenlayerCodeBadMethod  = "UNSUPPORTED_OPERATION"
	zenlayerCodeBadAction  = "INVALID_ACTION"
	zenlayerCodeBadVersion = "INVALID_VERSION"
)

type zenlayerError struct {
	RequestID string `json:"requestId"`
	Code      string `json:"code"`
	Message   string `json:"message"`
}

type describeImagesResponse struct {
	RequestID string               `json:"requestId"`
	Response  describeImagesResult `json:"response"`
}

type describeImagesResult struct {
	RequestID string `json:"requestId"`
	Images    []any  `json:"images"`
}

// describeImagesFilter is the request body; every field is optional and "" or null means "no filter".
type describeImagesFilter struct {
	ImageIDs       []string `json:"imageIds"`
	ImageName      string   `json:"imageName"`
	Catalog        string   `json:"catalog"`
	ImageType      string   `json:"imageType"`
	OsType         string   `json:"osType"`
	InstanceTypeID string   `json:"instanceTypeId"`
}

// handleZenlayer answers BMC DescribeImages: the checks every Zenlayer service shares, then the body's filters,
// throttling and the instance type, in that order.
func (s *Server) handleZenlayer(r *http.Request, fault faultKind, uuid string) (reply, bool) {
	object, fail, resp, served := s.checkZenlayer(r, fault, uuid, zenlayerService, zenlayerPath, zenlayerVersion2022, zenlayerVersion2026)
	if object == nil {
		return resp, served
	}
	requestID := zenlayerRequestID(uuid)
	filter, filterErr := zenlayerFilter(object)
	if filterErr != nil {
		return fail(http.StatusBadRequest, zenlayerCodeBadParam, filterErr.Error()), false
	}
	if fault == faultThrottle {
		return fail(http.StatusTooManyRequests, zenlayerCodeThrottled, "Request limit exceeded, please retry later."), true
	}
	catalog := s.currentCatalog()
	if filter.InstanceTypeID != "" && !catalog.instanceTypes[filter.InstanceTypeID] {
		return fail(http.StatusNotFound, zenlayerCodeNoInstance, fmt.Sprintf("The specified instanceTypeId `%s` is not found.", filter.InstanceTypeID)), false
	}
	images := make([]any, 0)
	for _, img := range catalog.bmc {
		if filter.match(img) {
			images = append(images, toWire(bmcWire, img, false))
		}
	}
	return jsonReply(http.StatusOK, describeImagesResponse{RequestID: requestID,
		Response: describeImagesResult{RequestID: requestID, Images: images}}), false
}

// checkZenlayer runs the checks every Zenlayer service shares, in order: the unavailable fault, method, routing
// headers (service, action, version), body, signature, JSON. It returns the body as an object and an error
// builder for the handler to go on with, or a nil object and the answer to send (served: the fault was served).
func (s *Server) checkZenlayer(r *http.Request, fault faultKind, uuid, service, path string, versions ...string) (
	object map[string]json.RawMessage, fail func(status int, code, message string) reply, resp reply, served bool) {
	requestID := zenlayerRequestID(uuid)
	fail = func(status int, code, message string) reply {
		return jsonReply(status, zenlayerError{RequestID: requestID, Code: code, Message: message})
	}
	action := r.Header.Get("X-Zc-Action")
	if action == "" {
		action = r.Header.Get("X-Tc-Action") // lenient alias from the seed's documentation leftover
	}
	body, readErr := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if readErr == nil && len(body) > maxBodyBytes {
		readErr = errors.New("body too large")
	}
	parsed, parseErr := decodeZenlayerObject(body)
	s.record(Request{Cloud: cloudZenlayer, Action: action, Params: zenlayerLogParams(parsed)}, action == actionDescribeImages)

	if fault == faultUnavailable {
		return nil, fail, fail(http.StatusServiceUnavailable, zenlayerCodeNoService, "The service is temporarily unavailable, please retry later."), true
	}
	if r.Method != http.MethodPost {
		resp := fail(http.StatusMethodNotAllowed, zenlayerCodeBadMethod, "Only POST is supported.")
		resp.header = map[string]string{"Allow": "POST"}
		return nil, fail, resp, false
	}
	if got := r.Header.Get("X-Zc-Service"); got != "" && got != service {
		return nil, fail, fail(http.StatusBadRequest, zenlayerCodeBadAction, fmt.Sprintf("The service `%s` is not served at %s.", got, path)), false
	}
	if action == "" {
		return nil, fail, fail(http.StatusBadRequest, zenlayerCodeMissing, "The x-zc-action header is empty."), false
	}
	if action != actionDescribeImages {
		return nil, fail, fail(http.StatusBadRequest, zenlayerCodeBadAction, fmt.Sprintf("The action `%s` is not supported.", action)), false
	}
	switch version := r.Header.Get("X-Zc-Version"); {
	case version == "":
		return nil, fail, fail(http.StatusBadRequest, zenlayerCodeMissing, "The x-zc-version header is empty."), false
	case !slices.Contains(versions, version):
		return nil, fail, fail(http.StatusBadRequest, zenlayerCodeBadVersion, fmt.Sprintf("The version `%s` is not supported.", version)), false
	}
	if readErr != nil {
		return nil, fail, fail(http.StatusBadRequest, zenlayerCodeBadParam, "The request body could not be read."), false
	}
	if authErr := s.verifyZenlayer(r, body); authErr != nil {
		s.countSignatureFailure()
		return nil, fail, fail(http.StatusUnauthorized, authErr.code, authErr.message), false
	}
	if parseErr != nil {
		return nil, fail, fail(http.StatusBadRequest, zenlayerCodeBadParam, "The request body is not valid JSON: "+parseErr.Error()), false
	}
	return parsed, fail, reply{}, false
}

// zenlayerRequestID is the request ID of an answer, in Zenlayer's style.
func zenlayerRequestID(uuid string) string { return "T" + strings.ToUpper(uuid) }

// decodeZenlayerObject parses the body as a JSON object; an empty body counts as {}.
func decodeZenlayerObject(body []byte) (map[string]json.RawMessage, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return map[string]json.RawMessage{}, nil
	}
	if trimmed[0] != '{' {
		return nil, errors.New("the body must be a JSON object")
	}
	var object map[string]json.RawMessage
	decoder := json.NewDecoder(bytes.NewReader(trimmed))
	if err := decoder.Decode(&object); err != nil {
		return nil, errors.New("malformed JSON")
	}
	if decoder.More() {
		return nil, errors.New("data after the JSON object")
	}
	return object, nil
}

// zenlayerFilter reads the six filters with their documented types; unknown keys are ignored.
func zenlayerFilter(object map[string]json.RawMessage) (describeImagesFilter, error) {
	var filter describeImagesFilter
	fields := []bodyField{
		{"imageIds", &filter.ImageIDs, "an array of strings"},
		{"imageName", &filter.ImageName, "a string"},
		{"catalog", &filter.Catalog, "a string"},
		{"imageType", &filter.ImageType, "a string"},
		{"osType", &filter.OsType, "a string"},
		{"instanceTypeId", &filter.InstanceTypeID, "a string"},
	}
	return filter, decodeBodyFields(object, fields)
}

// bodyField is one parameter of a Zenlayer request body: its key, where it is decoded to, and its type in words.
type bodyField struct {
	key    string
	target any
	kind   string
}

// decodeBodyFields decodes the fields present in object, with the API's message for a value of the wrong type;
// unknown keys are ignored.
func decodeBodyFields(object map[string]json.RawMessage, fields []bodyField) error {
	for _, field := range fields {
		raw, ok := object[field.key]
		if !ok {
			continue
		}
		if err := json.Unmarshal(raw, field.target); err != nil {
			return fmt.Errorf("The parameter `%s` must be %s.", field.key, field.kind) //nolint:staticcheck // the API's own wording, sent as the message
		}
	}
	return nil
}

func (f describeImagesFilter) match(img BMCImage) bool {
	if len(f.ImageIDs) > 0 && !contains(f.ImageIDs, img.ImageID) {
		return false
	}
	if f.InstanceTypeID != "" && !contains(img.InstanceTypes, f.InstanceTypeID) {
		return false
	}
	return matchOptional(f.ImageName, img.ImageName) &&
		matchOptional(f.Catalog, img.Catalog) &&
		matchOptional(f.ImageType, img.ImageType) &&
		matchOptional(f.OsType, img.OsType)
}

// zenlayerLogParams renders the body's top-level keys for Requests(): strings as they are, lists joined with
// ",", other values as their JSON text, null as "".
func zenlayerLogParams(object map[string]json.RawMessage) map[string]string {
	params := make(map[string]string, len(object))
	for key, raw := range object {
		params[key] = jsonLogString(raw)
	}
	return params
}

func jsonLogString(raw json.RawMessage) string {
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return text
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil && list != nil {
		items := make([]string, len(list))
		for i, item := range list {
			items[i] = jsonLogString(item)
		}
		return strings.Join(items, ",")
	}
	trimmed := strings.TrimSpace(string(raw))
	if trimmed == "null" {
		return ""
	}
	return trimmed
}
