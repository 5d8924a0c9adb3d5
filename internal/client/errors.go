package client

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

const (
	cloudUCloud   = "UCloud"
	cloudZenlayer = "Zenlayer"
)

// APIError is an answer from UCloud or Zenlayer that says the call failed: an error RetCode, an error envelope,
// or an HTTP status of 400 or more. It never holds a key, password, signature or Authorization value.
type APIError struct {
	Cloud      string // "UCloud" or "Zenlayer"
	Action     string // "DescribeImage", "DescribePHostImage", "DescribeImages"
	HTTPStatus int
	Code       string // UCloud RetCode in decimal ("171"); Zenlayer code ("INVALID_INSTANCE_TYPE_NOT_FOUND")
	Message    string
	RequestID  string // X-UCLOUD-REQUEST-UUID header / Zenlayer requestId
}

// Error reads like `UCloud DescribeImage: RetCode 171: Signature VerifyAC Error (request id abc)`.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Cloud + " " + e.Action + ": ")
	var what []string
	if e.HTTPStatus != 0 && e.HTTPStatus != http.StatusOK {
		what = append(what, "HTTP "+strconv.Itoa(e.HTTPStatus))
	}
	if e.Code != "" {
		if e.Cloud == cloudUCloud {
			what = append(what, "RetCode "+e.Code)
		} else {
			what = append(what, e.Code)
		}
	}
	if len(what) == 0 {
		what = append(what, "API error")
	}
	b.WriteString(strings.Join(what, " "))
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	return b.String()
}

// Retryable reports whether sending the same request again may succeed: throttling, unavailability and server
// errors. Authentication and parameter errors never are.
func (e *APIError) Retryable() bool {
	if e.IsAuth() {
		return false
	}
	switch e.HTTPStatus {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	if e.HTTPStatus >= 400 {
		return false // other 4xx: the request itself is wrong
	}
	if e.Cloud == cloudUCloud {
		code, err := strconv.Atoi(e.Code)
		if err != nil {
			return false
		}
		// 150 service unavailable, 153 throttled, >= 2000 product errors such as 8889 "get image list failed".
		return code == 150 || code == 153 || code >= 2000
	}
	switch e.Code {
	case "REQUEST_LIMIT_EXCEEDED", "INTERNAL_SERVER_ERROR", "SERVICE_TEMPORARY_UNAVAILABLE":
		return true
	}
	return false
}

// IsAuth reports an authentication or permission failure: UCloud RetCode 170-174 and 292-299, Zenlayer HTTP 401
// or 403 or a code that names authentication (Zenlayer does not document its auth codes).
func (e *APIError) IsAuth() bool {
	if e.Cloud == cloudUCloud {
		code, err := strconv.Atoi(e.Code)
		if err != nil {
			return e.HTTPStatus == http.StatusUnauthorized || e.HTTPStatus == http.StatusForbidden
		}
		return (code >= 170 && code <= 174) || (code >= 292 && code <= 299)
	}
	if e.HTTPStatus == http.StatusUnauthorized || e.HTTPStatus == http.StatusForbidden {
		return true
	}
	for _, word := range []string{"AUTH", "SIGNATURE", "CREDENTIAL", "ACCESS_KEY", "PERMISSION", "FORBIDDEN"} {
		if strings.Contains(e.Code, word) {
			return true
		}
	}
	return false
}

// networkError is a failed round trip: no answer, or an answer whose body was cut short while reading.
type networkError struct {
	cloud, action string
	err           error
}

func (e *networkError) Error() string {
	return e.cloud + " " + e.action + ": request failed: " + e.err.Error()
}

func (e *networkError) Unwrap() error { return e.err }

// retryable is false for certificate failures: they do not heal by themselves and TLS verification stays on.
func (e *networkError) retryable() bool {
	var verifyErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	return !errors.As(e.err, &verifyErr) && !errors.As(e.err, &authorityErr) &&
		!errors.As(e.err, &hostErr) && !errors.As(e.err, &invalidErr)
}

// malformedResponseError is an HTTP 200 whose body is not the JSON the action answers with.
type malformedResponseError struct {
	cloud, action string
	httpStatus    int
	requestID     string
	reason        string
	// truncated marks a body that is a valid JSON prefix cut short: a connection dropped mid-answer (or a proxy
	// gave up), so sending again is likely to work. Empty, HTML or wrongly typed bodies are a broken server and
	// are not retried.
	truncated bool
}

func (e *malformedResponseError) Error() string {
	msg := fmt.Sprintf("%s %s: malformed response (HTTP %d): %s", e.cloud, e.action, e.httpStatus, e.reason)
	if e.requestID != "" {
		msg += " (request id " + e.requestID + ")"
	}
	return msg
}

// retriesExhaustedError wraps the last error once every attempt has failed with a retryable error.
type retriesExhaustedError struct {
	cloud, action string
	attempts      int
	last          error
}

func (e *retriesExhaustedError) Error() string {
	return fmt.Sprintf("%s %s: giving up after %d attempts: %s", e.cloud, e.action, e.attempts, e.last)
}

func (e *retriesExhaustedError) Unwrap() error { return e.last }

// isRetryable classifies one failed attempt.
func isRetryable(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Retryable()
	}
	var netErr *networkError
	if errors.As(err, &netErr) {
		return netErr.retryable()
	}
	var badErr *malformedResponseError
	if errors.As(err, &badErr) {
		return badErr.truncated
	}
	return false
}
