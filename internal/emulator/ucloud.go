package emulator

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// UCloud actions served at "/".
const (
	actionDescribeImage      = "DescribeImage"
	actionDescribePHostImage = "DescribePHostImage"
)

// UCloud RetCodes the emulator answers with (summary/public.md; 220/230 are unofficial but used by UCloud-style
// services for missing/invalid parameters).
const (
	retCodeOK              = 0
	retCodeThrottled       = 153
	retCodeMissingAction   = 160
	retCodeUnknownAction   = 161
	retCodeMissingSig      = 170
	retCodeBadSignature    = 171
	retCodeUserNotExists   = 172
	retCodeMissingParam    = 220
	retCodeParamNotAllowed = 230
)

const (
	ucloudRequestIDHeader = "X-UCLOUD-REQUEST-UUID"
	defaultUCloudLimit    = 20
	defaultPHostCluster   = "25G"
)

// ucloudStatus is the common part of every UCloud answer.
type ucloudStatus struct {
	Action  string `json:"Action"`
	RetCode int    `json:"RetCode"`
	Message string `json:"Message,omitempty"`
}

type describeImageResponse struct {
	ucloudStatus
	TotalCount int   `json:"TotalCount"`
	ImageSet   []any `json:"ImageSet"`
}

type describePHostImageResponse struct {
	ucloudStatus
	TotalCount int   `json:"TotalCount"`
	ImageSet   []any `json:"ImageSet"`
}

// handleUCloud checks a request in the documented order (160, 161, 170, 172, 171, 220, 153) and answers it.
func (s *Server) handleUCloud(r *http.Request, fault faultKind, requestID string) (reply, bool) {
	params, decodeErr := decodeUCloudParams(r)
	action := params.values["Action"]
	logged := make(map[string]string, len(params.values))
	for key, value := range params.values {
		if key != "Signature" {
			logged[key] = value
		}
	}
	known := action == actionDescribeImage || action == actionDescribePHostImage
	s.record(Request{Cloud: cloudUCloud, Action: action, Params: logged}, known)

	answer := func(status ucloudStatus) reply {
		status.Action = action + "Response"
		return ucloudReply(http.StatusOK, status, requestID)
	}
	if fault == faultUnavailable {
		// A gateway in front of the API answers, not the API: HTML, as a proxy would send.
		return reply{
			status:      http.StatusServiceUnavailable,
			contentType: "text/html; charset=utf-8",
			header:      map[string]string{ucloudRequestIDHeader: requestID},
			body:        []byte("<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>\n"),
		}, true
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		resp := ucloudReply(http.StatusMethodNotAllowed, ucloudStatus{Action: action + "Response",
			RetCode: retCodeParamNotAllowed, Message: "Method " + r.Method + " not allowed, use POST or GET"}, requestID)
		resp.header["Allow"] = "GET, POST"
		return resp, false
	}
	if decodeErr != nil {
		return answer(ucloudStatus{RetCode: retCodeParamNotAllowed, Message: "Params [Body] not available: malformed request"}), false
	}
	if action == "" {
		return answer(ucloudStatus{RetCode: retCodeMissingAction, Message: "Missing Action"}), false
	}
	if !known {
		return answer(ucloudStatus{RetCode: retCodeUnknownAction, Message: fmt.Sprintf("Action [%s] not found", action)}), false
	}
	signature := params.values["Signature"]
	if signature == "" {
		s.countSignatureFailure()
		return answer(ucloudStatus{RetCode: retCodeMissingSig, Message: "Missing Signature"}), false
	}
	privateKey, ok := s.ucloudKeys[params.signed["PublicKey"]]
	if !ok {
		s.countSignatureFailure()
		return answer(ucloudStatus{RetCode: retCodeUserNotExists, Message: "User Not Exists"}), false
	}
	if !ucloudSignatureValid(params.signed, privateKey, signature) {
		s.countSignatureFailure()
		return answer(ucloudStatus{RetCode: retCodeBadSignature, Message: "Signature VerifyAC Error"}), false
	}
	required := []string{"Region"}
	if action == actionDescribePHostImage {
		required = append(required, "Zone")
	}
	for _, name := range required {
		if params.values[name] == "" {
			return answer(ucloudStatus{RetCode: retCodeMissingParam, Message: fmt.Sprintf("Missing params [%s]", name)}), false
		}
	}
	page, bad := s.parsePage(params.values)
	if bad != "" {
		return answer(ucloudStatus{RetCode: retCodeParamNotAllowed, Message: fmt.Sprintf("Params [%s] not available", bad)}), false
	}
	if fault == faultThrottle {
		return answer(ucloudStatus{RetCode: retCodeThrottled, Message: "Request Throttled, please retry later"}), true
	}
	ok200 := ucloudStatus{Action: action + "Response", RetCode: retCodeOK}
	catalog := s.listingCatalog(action, params.values)
	if action == actionDescribeImage {
		images := filterUHost(catalog.uhost, params.values)
		start, end := page.bounds(len(images))
		withPrice := params.values["PriceSet"] == "1"
		set := make([]any, 0, end-start)
		for _, img := range images[start:end] {
			set = append(set, toWire(uhostWire, *img, withPrice))
		}
		return ucloudReply(http.StatusOK, describeImageResponse{ucloudStatus: ok200, TotalCount: len(images), ImageSet: set}, requestID), false
	}
	images := filterPHost(catalog.phost, params.values)
	start, end := page.bounds(len(images))
	set := make([]any, 0, end-start)
	for _, img := range images[start:end] {
		set = append(set, toWire(phostWire, *img, false))
	}
	return ucloudReply(http.StatusOK, describePHostImageResponse{ucloudStatus: ok200, TotalCount: len(images), ImageSet: set}, requestID), false
}

func ucloudReply(status int, body any, requestID string) reply {
	resp := jsonReply(status, body)
	resp.header = map[string]string{ucloudRequestIDHeader: requestID}
	return resp
}

// page is a validated Offset/Limit pair.
type page struct{ offset, limit int }

// parsePage reads Offset (default 0) and Limit (default 20, 0 also means 20), applies the silent LimitCap and
// returns the name of the first invalid parameter, if any.
func (s *Server) parsePage(values map[string]string) (page, string) {
	p := page{limit: defaultUCloudLimit}
	if text, ok := values["Offset"]; ok && text != "" {
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 {
			return p, "Offset"
		}
		p.offset = n
	}
	if text, ok := values["Limit"]; ok && text != "" {
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 {
			return p, "Limit"
		}
		if n > 0 {
			p.limit = n
		}
	}
	if s.limitCap > 0 && p.limit > s.limitCap {
		p.limit = s.limitCap
	}
	return p, ""
}

func (p page) bounds(total int) (int, int) {
	start := min(p.offset, total)
	return start, start + min(p.limit, total-start)
}

// requestedIDs is the union of ImageId, ImageIds.N and ImageId.N (0-based, gaps and empty items tolerated).
func requestedIDs(values map[string]string) map[string]bool {
	ids := map[string]bool{}
	for key, value := range values {
		if value == "" {
			continue
		}
		if key == "ImageId" || isListKey(key, "ImageIds") || isListKey(key, "ImageId") {
			ids[value] = true
		}
	}
	return ids
}

func isListKey(key, name string) bool {
	index, ok := strings.CutPrefix(key, name+".")
	if !ok || index == "" {
		return false
	}
	for _, c := range index {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// knownFuncTypes are the documented FuncType values; any other value is ignored, as the API documents.
var knownFuncTypes = map[string]bool{"gpu": true, "app": true, "uhost": true}

// filterUHost returns pointers into the catalog: copying every matching image on every page request made a
// 20,000-image read allocate gigabytes and starve the client under test of CPU.
func filterUHost(images []UHostImage, values map[string]string) []*UHostImage {
	ids := requestedIDs(values)
	funcType := values["FuncType"]
	if !knownFuncTypes[funcType] {
		funcType = ""
	}
	var out []*UHostImage
	for i := range images {
		img := &images[i]
		if img.Region != values["Region"] ||
			!matchOptional(values["Zone"], img.Zone) ||
			!matchOptional(values["ImageType"], img.ImageType) ||
			!matchOptional(values["OsType"], img.OsType) ||
			!matchOptional(funcType, img.FuncType) ||
			!matchOptional(values["Tag"], img.Tag) ||
			(len(ids) > 0 && !ids[img.ImageID]) {
			continue
		}
		out = append(out, img)
	}
	return out
}

func filterPHost(images []PHostImage, values map[string]string) []*PHostImage {
	ids := requestedIDs(values)
	machineType := values["MachineType"]
	cluster := values["Cluster"]
	if machineType != "" && cluster == "" {
		cluster = defaultPHostCluster // documented default when MachineType is sent
	}
	var out []*PHostImage
	for i := range images {
		img := &images[i]
		if img.Region != values["Region"] || img.Zone != values["Zone"] ||
			!matchOptional(values["ImageType"], img.ImageType) ||
			(len(ids) > 0 && !ids[img.ImageID]) ||
			(machineType != "" && !contains(img.Support, machineType)) ||
			(cluster != "" && !contains(phostClusters(*img), cluster)) {
			continue
		}
		out = append(out, img)
	}
	return out
}

func phostClusters(img PHostImage) []string {
	if len(img.Clusters) == 0 {
		return []string{defaultPHostCluster}
	}
	return img.Clusters
}

// matchOptional: an absent (empty) filter matches everything, otherwise the match is exact.
func matchOptional(filter, value string) bool {
	return filter == "" || filter == value
}

func contains(list []string, value string) bool {
	for _, item := range list {
		if item == value {
			return true
		}
	}
	return false
}
