package client

import (
	"encoding/json"
	"net/http"
	"strings"
)

// zenlayerEnvelope covers both shapes of every Zenlayer answer: success {requestId, response:{requestId, ...}} and
// error {requestId, code, message}. R is the action's response object.
type zenlayerEnvelope[R any] struct {
	RequestID json.RawMessage `json:"requestId"`
	Code      json.RawMessage `json:"code"`
	Message   json.RawMessage `json:"message"`
	Response  *R              `json:"response"`
}

// bmcImagesResponse is the response object of BMC DescribeImages; images are decoded one by one, within budget.
type bmcImagesResponse struct {
	RequestID json.RawMessage `json:"requestId"`
	Images    json.RawMessage `json:"images"`
}

func (r *bmcImagesResponse) requestID() json.RawMessage { return r.RequestID }

// decodeZenlayerImages turns one BMC DescribeImages answer into images, or an error, as decodeZenlayer does.
func decodeZenlayerImages(status int, body []byte, budget *byteBudget) (images []BMCImage, requestID string, err error) {
	resp, requestID, err := decodeZenlayer[bmcImagesResponse](status, body, zenlayerErrorKind)
	if err != nil {
		return nil, requestID, err
	}
	if isJSONNull(resp.Images) {
		return []BMCImage{}, requestID, nil
	}
	images, err = decodeImages[BMCImage]("response.images", resp.Images, budget)
	if err != nil {
		return nil, requestID, &malformedResponseError{cloud: cloudZenlayer, action: "DescribeImages",
			httpStatus: status, requestID: requestID, reason: err.Error()}
	}
	return images, requestID, nil
}

// decodeZenlayer turns one Zenlayer answer into its response object, or an error: *APIError for any status other
// than 200 (keeping the status, whatever the body) or a 200 carrying an error code, classified by kind;
// *malformedResponseError for a 200 that is not the expected JSON (a 200 without "response" included). It never
// panics.
func decodeZenlayer[R any, PR interface {
	*R
	requestID() json.RawMessage
}](status int, body []byte, kind func(status int, code string) ErrorKind) (*R, string, error) {
	const action = "DescribeImages"
	var env zenlayerEnvelope[R]
	bodyErr := decodeJSONBody(body, &env)
	var requestID string
	if bodyErr == nil {
		requestID = jsonText(env.RequestID)
		if requestID == "" && env.Response != nil {
			requestID = jsonText(PR(env.Response).requestID())
		}
	}
	if status != http.StatusOK {
		apiErr := &APIError{Cloud: cloudZenlayer, Action: action, HTTPStatus: status, RequestID: requestID,
			Message: http.StatusText(status)}
		if bodyErr == nil { // keep what a JSON error envelope says, best effort
			apiErr.Code = jsonText(env.Code)
			if msg := jsonText(env.Message); msg != "" {
				apiErr.Message = msg
			}
		}
		apiErr.Kind = kind(status, apiErr.Code)
		return nil, requestID, apiErr
	}
	if bodyErr != nil {
		return nil, "", &malformedResponseError{cloud: cloudZenlayer, action: action, httpStatus: status,
			reason: bodyErr.reason, truncated: bodyErr.truncated}
	}
	if env.Response == nil {
		if code := jsonText(env.Code); code != "" {
			return nil, requestID, &APIError{Cloud: cloudZenlayer, Action: action, HTTPStatus: status, Code: code,
				Message: jsonText(env.Message), RequestID: requestID, Kind: kind(status, code)}
		}
		return nil, requestID, &malformedResponseError{cloud: cloudZenlayer, action: action, httpStatus: status,
			requestID: requestID, reason: `no "response" object`}
	}
	return env.Response, requestID, nil
}

// zenlayerErrorKind classifies a Zenlayer failure. Zenlayer does not document its authentication codes, so a code
// naming authentication counts as one, whatever the status.
func zenlayerErrorKind(status int, code string) ErrorKind {
	if zenlayerAuthCode(code) {
		return KindAuth
	}
	if kind, ok := statusKind(status); ok {
		return kind
	}
	return codeKindAtStatus(zenlayerCodeKind(code), status)
}

func zenlayerAuthCode(code string) bool {
	for _, word := range []string{"AUTH", "SIGNATURE", "CREDENTIAL", "ACCESS_KEY", "PERMISSION", "FORBIDDEN"} {
		if strings.Contains(code, word) {
			return true
		}
	}
	return false
}

// zenlayerCodeKind follows the error-code table of the API reference; 4xx codes name the parameter at fault.
func zenlayerCodeKind(code string) ErrorKind {
	switch {
	case code == "REQUEST_LIMIT_EXCEEDED":
		return KindThrottled
	case code == "INTERNAL_SERVER_ERROR" || code == "SERVICE_TEMPORARY_UNAVAILABLE":
		return KindUnavailable
	case code == "INVALID_INSTANCE_TYPE_NOT_FOUND":
		return KindInstanceTypeNotFound
	case strings.HasPrefix(code, "INVALID_") || strings.HasPrefix(code, "MISSING_"):
		return KindParameter
	}
	return KindOther
}
