package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
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
		return &jsonBodyError{reason: "unexpected JSON shape: " + decodeErrorText(err)}
	default:
		return &jsonBodyError{reason: "unexpected JSON: " + err.Error()}
	}
	if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
		return &jsonBodyError{reason: "unexpected data after the JSON value"}
	}
	return nil
}

// decodeErrorText describes a decode failure by the API's field names ("ImageSize is a JSON string, not an
// integer"), never by the Go types that hold them.
func decodeErrorText(err error) string {
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) {
		return err.Error()
	}
	field := strings.TrimPrefix(typeErr.Field, "plain.") // PHostImage decodes through a local type named plain
	if field == "" {
		return fmt.Sprintf("the value is a JSON %s, not %s", typeErr.Value, jsonKind(typeErr.Type))
	}
	return fmt.Sprintf("%s is a JSON %s, not %s", field, typeErr.Value, jsonKind(typeErr.Type))
}

// jsonKind names what a Go type expects in JSON words.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "the expected type"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
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
