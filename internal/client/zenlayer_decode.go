package client

import (
	"encoding/json"
	"net/http"
)

// zenlayerEnvelope covers both shapes: success {requestId, response:{requestId, images}} and error
// {requestId, code, message}.
type zenlayerEnvelope struct {
	RequestID json.RawMessage `json:"requestId"`
	Code      json.RawMessage `json:"code"`
	Message   json.RawMessage `json:"message"`
	Response  *struct {
		RequestID json.RawMessage `json:"requestId"`
		Images    []BMCImage      `json:"images"`
	} `json:"response"`
}

// decodeZenlayerImages turns one DescribeImages answer into images, or an error: *APIError for any status other
// than 200 (keeping the status, whatever the body) or a 200 carrying an error code, *malformedResponseError for a
// 200 that is not the expected JSON (a 200 without "response" included). It never panics.
func decodeZenlayerImages(status int, body []byte) (images []BMCImage, requestID string, err error) {
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
		return nil, requestID, apiErr
	}
	if bodyErr != nil {
		return nil, "", &malformedResponseError{cloud: cloudZenlayer, action: action, httpStatus: status,
			reason: bodyErr.reason, truncated: bodyErr.truncated}
	}
	if env.Response == nil {
		if code := jsonText(env.Code); code != "" {
			return nil, requestID, &APIError{Cloud: cloudZenlayer, Action: action, HTTPStatus: status, Code: code,
				Message: jsonText(env.Message), RequestID: requestID}
		}
		return nil, requestID, &malformedResponseError{cloud: cloudZenlayer, action: action, httpStatus: status,
			requestID: requestID, reason: `no "response" object`}
	}
	images = env.Response.Images
	if images == nil {
		images = []BMCImage{}
	}
	return images, requestID, nil
}
