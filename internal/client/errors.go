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

// ErrorKind says what sort of failure an APIError is, so callers act on it without comparing codes. Each cloud's
// decoder sets it from the HTTP status and the cloud's own code.
type ErrorKind string

const (
	// KindOther is any failure not named below (an unknown Action, an unexpected 4xx, ...); never retried.
	KindOther ErrorKind = "other"
	// KindAuth: the credentials or their permissions were refused (UCloud RetCode 170-174 and 292-299, Zenlayer
	// HTTP 401/403 or an authentication code); never retried.
	KindAuth ErrorKind = "auth"
	// KindThrottled: too many requests (HTTP 429, UCloud RetCode 153, Zenlayer REQUEST_LIMIT_EXCEEDED); retried.
	KindThrottled ErrorKind = "throttled"
	// KindUnavailable: the service is down or failed inside (HTTP 500/502/503/504, UCloud RetCode 150, Zenlayer
	// INTERNAL_SERVER_ERROR and SERVICE_TEMPORARY_UNAVAILABLE); retried.
	KindUnavailable ErrorKind = "unavailable"
	// KindProduct: a UCloud product error (RetCode 2000 or more, e.g. 8889 "get image list failed"); retried,
	// although it may also be caused by a parameter, so it is not called throttling.
	KindProduct ErrorKind = "product"
	// KindParameter: a request parameter is missing or invalid (UCloud RetCode 220-240, Zenlayer MISSING_* and
	// INVALID_* codes); never retried.
	KindParameter ErrorKind = "parameter"
	// KindInstanceTypeNotFound: Zenlayer INVALID_INSTANCE_TYPE_NOT_FOUND, the instanceTypeId filter names no
	// instance type the account knows; never retried.
	KindInstanceTypeNotFound ErrorKind = "instance_type_not_found"
)

// retried reports whether the client sends a request again after a failure of this kind.
func (k ErrorKind) retried() bool {
	return k == KindThrottled || k == KindUnavailable || k == KindProduct
}

// APIError is an answer from UCloud or Zenlayer that says the call failed: an error RetCode, an error envelope,
// or an HTTP status of 400 or more. It never holds a key, password, signature or Authorization value.
type APIError struct {
	Cloud      string // "UCloud" or "Zenlayer"
	Action     string // "DescribeImage", "DescribePHostImage", "DescribeImages"
	HTTPStatus int
	Code       string // UCloud RetCode in decimal ("171"); Zenlayer code ("INVALID_INSTANCE_TYPE_NOT_FOUND")
	Message    string
	RequestID  string    // X-UCLOUD-REQUEST-UUID header / Zenlayer requestId
	Kind       ErrorKind // set by the cloud's decoder; "" reads as KindOther

	// codeName precedes Code in Error(): "RetCode" for UCloud, whose codes are bare numbers; Zenlayer codes
	// name themselves.
	codeName string
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
		if e.codeName != "" {
			what = append(what, e.codeName+" "+e.Code)
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

// statusKind classifies the HTTP statuses both clouds share; ok is false for a status that says nothing more than
// "error" (any other 4xx) or nothing at all (200).
func statusKind(status int) (kind ErrorKind, ok bool) {
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		return KindAuth, true
	case http.StatusTooManyRequests:
		return KindThrottled, true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return KindUnavailable, true
	}
	return "", false
}

// codeKindAtStatus keeps a code's kind unless a 4xx status says the request itself was wrong: a code that would be
// retried then reads as KindOther, because sending the same request again cannot help.
func codeKindAtStatus(kind ErrorKind, status int) ErrorKind {
	if status >= 400 && kind.retried() {
		return KindOther
	}
	return kind
}

// ErrPlainHTTPServer is in the chain of an error when an https:// base URL reached a server that answered in plain
// http (errors.Is). It is never retried: the same URL gets the same answer.
var ErrPlainHTTPServer = errors.New("the server speaks plain http, not https: use an http:// base URL for a local " +
	"emulator, or check the port")

// newNetworkError wraps a failed round trip, naming a plain-http server when that is what the https request met.
func newNetworkError(cloud, action string, err error) *networkError {
	if errors.Is(err, http.ErrSchemeMismatch) {
		err = fmt.Errorf("%w (%w)", ErrPlainHTTPServer, err)
	}
	return &networkError{cloud: cloud, action: action, err: err}
}

// networkError is a failed round trip: no answer, or an answer whose body was cut short while reading.
type networkError struct {
	cloud, action string
	err           error
	reading       bool // the answer had started: err says how far it got
}

func (e *networkError) Error() string {
	if e.reading {
		return e.cloud + " " + e.action + ": " + e.err.Error()
	}
	return e.cloud + " " + e.action + ": request failed: " + e.err.Error()
}

func (e *networkError) Unwrap() error { return e.err }

// retryable is false for certificate failures and a plain-http server: they do not heal by themselves, and TLS
// verification stays on.
func (e *networkError) retryable() bool {
	if errors.Is(e.err, ErrPlainHTTPServer) {
		return false
	}
	var verifyErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	return !errors.As(e.err, &verifyErr) && !errors.As(e.err, &authorityErr) &&
		!errors.As(e.err, &hostErr) && !errors.As(e.err, &invalidErr)
}

// redirectError is a 3xx answer. Redirects are never followed: a signed body or Authorization header would go to
// whatever host the Location names, possibly over plain http. Not retried: the same request gets the same answer.
type redirectError struct {
	cloud, action string
	status        int
	location      string // scheme, host and path only
}

func (e *redirectError) Error() string {
	to := "without a Location"
	if e.location != "" {
		to = "to " + e.location
	}
	return fmt.Sprintf("%s %s: the server answered HTTP %d, a redirect %s; redirects are not followed, so nothing "+
		"signed leaves base_url: set base_url to the final address", e.cloud, e.action, e.status, to)
}

// proxyAuthError is a proxy's HTTP 407: the proxy, not the cloud, refused the request. Not retried.
type proxyAuthError struct {
	cloud, action string
	proxy         string // host[:port] of the proxy, never its credentials; "" when unknown
}

func (e *proxyAuthError) Error() string {
	who := "a proxy between the provider and base_url"
	if e.proxy != "" {
		who = "the proxy " + e.proxy
	}
	return fmt.Sprintf("%s %s: %s answered HTTP 407 Proxy Authentication Required before the request reached %s: "+
		"put the proxy's credentials in HTTPS_PROXY or HTTP_PROXY (http://user:password@host:port), or use a proxy "+
		"that needs none", e.cloud, e.action, who, e.cloud)
}

// malformedResponseError is an HTTP 200 whose body is not the JSON the action answers with.
type malformedResponseError struct {
	cloud, action string
	httpStatus    int
	requestID     string
	reason        string
	url           string // scheme, host and path the answer came from; set by the transport
	// truncated marks a body that is a valid JSON prefix cut short: a connection dropped mid-answer (or a proxy
	// gave up), so sending again is likely to work. Empty, HTML or wrongly typed bodies are a broken server and
	// are not retried.
	truncated bool
}

func (e *malformedResponseError) Error() string {
	from := ""
	if e.url != "" {
		from = " from " + e.url
	}
	msg := fmt.Sprintf("%s %s: malformed response (HTTP %d)%s: %s", e.cloud, e.action, e.httpStatus, from, e.reason)
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
	attempts := "1 attempt" // max_retries = 0
	if e.attempts != 1 {
		attempts = strconv.Itoa(e.attempts) + " attempts"
	}
	return fmt.Sprintf("%s %s: giving up after %s: %s", e.cloud, e.action, attempts, e.last)
}

func (e *retriesExhaustedError) Unwrap() error { return e.last }

// attemptsError carries how many attempts a failed request made; its text is the failure's own.
type attemptsError struct {
	attempts int
	err      error
}

func (e *attemptsError) Error() string { return e.err.Error() }

func (e *attemptsError) Unwrap() error { return e.err }

// Attempts returns how many attempts were made for the request whose failure err reports: 1 when it was not
// retried, 1+max_retries when every attempt failed. It is 0 when err did not come from a request (nil, or
// ErrListChanged, which is about a whole listing).
func Attempts(err error) int {
	var withAttempts *attemptsError
	if errors.As(err, &withAttempts) {
		return withAttempts.attempts
	}
	return 0
}

// Retryable reports whether err is a kind of failure the client sends again: throttling, unavailability, UCloud
// product errors, network failures and answers cut short. Authentication, parameter, certificate and plain-http
// errors, malformed answers, cancellation and ErrListChanged are not. Together with Attempts it says whether a
// failure was retried: Retryable(err) && Attempts(err) > 1.
func Retryable(err error) bool { return isRetryable(err) }

// isRetryable classifies one failed attempt.
func isRetryable(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Kind.retried()
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

// ErrListChanged is in the chain of an error (errors.Is) when a listing's pages disagreed on two reads in a row (or
// on one that spent every request a listing may make): images were created or deleted while they were paged
// through, or the server's answers contradict each other, so no complete list could be read.
var ErrListChanged = errors.New("the image list changed while it was read; run the plan again")

// listChangedError is ErrListChanged with the facts: what each read saw. The listing was read from scratch twice
// (once if the first read spent the listing's requests) before this error; it is not retried further.
type listChangedError struct {
	Cloud  string     // "UCloud"
	Action string     // "DescribeImage", "DescribePHostImage"
	Reads  []listRead // the reads made, first first
}

// listRead is what one read of a listing saw.
type listRead struct {
	Totals   []int  // every TotalCount the pages reported, each once, in the order first seen
	Received int    // distinct images received
	Requests int    // requests made
	Problem  string // the first disagreement, e.g. "TotalCount changed from 250 to 251"
}

// Error reads like `UCloud DescribeImage: the image list changed while it was read; run the plan again (read 1:
// TotalCount changed from 250 to 249; read 2: TotalCount changed from 249 to 250; TotalCount seen: 250, 249)`.
func (e *listChangedError) Error() string {
	var facts, totals []string
	seen := map[int]bool{}
	for i, read := range e.Reads {
		facts = append(facts, fmt.Sprintf("read %d: %s", i+1, read.Problem))
		for _, total := range read.Totals {
			if !seen[total] {
				seen[total] = true
				totals = append(totals, strconv.Itoa(total))
			}
		}
	}
	if len(totals) > 0 {
		facts = append(facts, "TotalCount seen: "+strings.Join(totals, ", "))
	}
	if e.repeated() {
		facts = append(facts, fmt.Sprintf("both reads agreed on TotalCount %d and %d images, so the server may "+
			"count images it never returns", e.Reads[0].Totals[0], e.Reads[0].Received))
	}
	return fmt.Sprintf("%s %s: %s (%s)", e.Cloud, e.Action, ErrListChanged, strings.Join(facts, "; "))
}

// Is makes errors.Is(err, ErrListChanged) true.
func (e *listChangedError) Is(target error) bool { return target == ErrListChanged }

// repeated reports two reads that saw one and the same TotalCount and received as many images: nothing moved, the
// server's count and its pages simply differ.
func (e *listChangedError) repeated() bool {
	if len(e.Reads) != 2 {
		return false
	}
	a, b := e.Reads[0], e.Reads[1]
	return len(a.Totals) == 1 && len(b.Totals) == 1 && a.Totals[0] == b.Totals[0] && a.Received == b.Received
}
