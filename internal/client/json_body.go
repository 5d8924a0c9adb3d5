package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonBodyError says why a body is not the JSON expected; truncated marks a valid prefix cut short.
type jsonBodyError struct {
	reason    string
	truncated bool
}

// decodeJSONBody decodes one JSON value filling v and rejects anything else: an empty body, non-JSON (a proxy's
// HTML page), a body cut short, trailing garbage, or values of the wrong JSON type.
func decodeJSONBody(body []byte, v any) *jsonBodyError {
	dec := json.NewDecoder(bytes.NewReader(body))
	err := dec.Decode(v)
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.Is(err, io.EOF):
		return &jsonBodyError{reason: "empty body"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &jsonBodyError{reason: fmt.Sprintf("body cut short after %d bytes", len(body)), truncated: true}
	case errors.As(err, &syntaxErr):
		return &jsonBodyError{reason: "body is not JSON: " + syntaxErr.Error()}
	case errors.As(err, &typeErr):
		return &jsonBodyError{reason: "unexpected JSON shape: " + typeErr.Error()}
	default:
		return &jsonBodyError{reason: "unexpected JSON: " + err.Error()}
	}
	if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
		return &jsonBodyError{reason: "unexpected data after the JSON value"}
	}
	return nil
}

// jsonText renders a JSON string value as its text and anything else as its raw JSON, shortened.
func jsonText(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	const limit = 200
	if len(raw) > limit {
		return string(raw[:limit]) + "..."
	}
	return string(raw)
}
