package client

import (
	"encoding/json"
	"net/http"
	"strings"
)

// zenlayerEnvelope covers both shapes: success {requestId, response:{requestId, images}} and error
// {requestId, code, message}.
type zenlayerEnvelope struct {
	RequestID json.RawMessage `json:"requestId"`
	Code      json.RawMessage `json:"code"`
	Message   json.RawMessage `json:"message"`
	Response  *struct {
		RequestID json.RawMessage `json:"requestId"`
		Images    json.RawMessage `json:"images"`
	} `json:"response"`
}

// decodeZenlayerImages turns one DescribeImages answer into images, or an error: *APIError for any status other
// than 200 (keeping the status, whatever the body) or a 200 carrying an error code, *malformedResponseError for a
// 200 that is not the expected JSON (a 200 without "response" included). It never panics.
func decodeZenlayerImages(status int, body []byte, budget *byteBudget) (images []BMCImage, requestID string, err error) {
	const action = "DescribeImages"
	var env zenlayerEnvelope
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
		if bodyErr == nil { // keep what a JSON error envelope says, best effort
			apiErr.Code = jsonText(env.Code)
			if msg := jsonText(env.Message); msg != "" {
				apiErr.Message = msg
			}
		}
		apiErr.Kind = zenlayerErrorKind(status, apiErr.Code)
		return nil, requestID, apiErr
	}
	if bodyErr != nil {
		return nil, "", &malformedResponseError{cloud: cloudZenlayer, action: action, httpStatus: status,
			reason: bodyErr.reason, truncated: bodyErr.truncated}
	}
	if env.Response == nil {
		if code := jsonText(env.Code); code != "" {
			return nil, requestID, &APIError{Cloud: cloudZenlayer, Action: action, HTTPStatus: status, Code: code,
				Message: jsonText(env.Message), RequestID: requestID, Kind: zenlayerErrorKind(status, code)}
		}
		return nil, requestID, &malformedResponseError{cloud: cloudZenlayer, action: action, httpStatus: status,
			requestID: requestID, reason: `no "response" object`}
	}
	if isJSONNull(env.Response.Images) {
		return []BMCImage{}, requestID, nil
	}
	images, err = decodeImages[BMCImage]("response.images", env.Response.Images, budget)
	if err != nil {
		return nil, requestID, &malformedResponseError{cloud: cloudZenlayer, action: action, httpStatus: status,
			requestID: requestID, reason: err.Error()}
	}
	return images, requestID, nil
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
