package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
)

const (
	zc2Algorithm         = "ZC2-HMAC-SHA256"
	zc2SignedHeaders     = "content-type;host"
	zenlayerCodeAuth     = "AUTH_FAILED"
	zenlayerCodeSigMatch = "SIGNATURE_NOT_MATCH"
)

// zenlayerAuthError is an authentication failure, answered with HTTP 401. The real status and codes are not
// documented (no SDK names one); AUTH_FAILED and SIGNATURE_NOT_MATCH are the emulator's choice.
type zenlayerAuthError struct{ code, message string }

// zenlayerSignature is ZC2-HMAC-SHA256: canonical URI "/" whatever the path, empty query, the literal
// Content-Type value, host[:port], the SHA-256 of the raw body; HMAC keyed by the password, no key derivation.
func zenlayerSignature(password, timestamp, contentType, host string, body []byte) string {
	payloadHash := sha256.Sum256(body)
	canonical := "POST\n/\n\n" +
		"content-type:" + contentType + "\n" +
		"host:" + host + "\n\n" +
		zc2SignedHeaders + "\n" +
		hex.EncodeToString(payloadHash[:])
	canonicalHash := sha256.Sum256([]byte(canonical))
	stringToSign := zc2Algorithm + "\n" + timestamp + "\n" + hex.EncodeToString(canonicalHash[:])
	mac := hmac.New(sha256.New, []byte(password))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

// zenlayerAuthorization is a parsed "ZC2-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..." value.
type zenlayerAuthorization struct {
	credential, signedHeaders, signature string
}

func parseZenlayerAuthorization(value string) (zenlayerAuthorization, bool) {
	var auth zenlayerAuthorization
	rest, ok := strings.CutPrefix(value, zc2Algorithm+" ")
	if !ok {
		return auth, false
	}
	for _, part := range strings.Split(rest, ",") {
		key, val, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found {
			return auth, false
		}
		switch key {
		case "Credential":
			auth.credential = val
		case "SignedHeaders":
			auth.signedHeaders = val
		case "Signature":
			auth.signature = val
		}
	}
	return auth, auth.credential != "" && auth.signedHeaders != "" && auth.signature != ""
}

// verifyZenlayer checks Authorization, the signature method, the timestamp window and the signature.
// Messages never echo the signature or the password.
func (s *Server) verifyZenlayer(r *http.Request, body []byte) *zenlayerAuthError {
	fail := func(message string) *zenlayerAuthError {
		return &zenlayerAuthError{code: zenlayerCodeAuth, message: message}
	}
	auth, ok := parseZenlayerAuthorization(r.Header.Get("Authorization"))
	if !ok {
		return fail("The Authorization header is missing or is not a ZC2-HMAC-SHA256 authorization.")
	}
	if method := r.Header.Get("X-Zc-Signature-Method"); method != "" && method != zc2Algorithm {
		return fail("The signature method is not supported.")
	}
	if !strings.EqualFold(auth.signedHeaders, zc2SignedHeaders) {
		return fail("SignedHeaders must be content-type;host.")
	}
	password, known := s.zenlayerKeys[auth.credential]
	if !known {
		return fail("The access key id is not found.")
	}
	timestamp := r.Header.Get("X-Zc-Timestamp")
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return fail("The x-zc-timestamp header is missing or not Unix seconds.")
	}
	if s.clockSkew > 0 {
		skew := s.now().Unix() - seconds
		if skew < 0 {
			skew = -skew
		}
		if skew > int64(s.clockSkew.Seconds()) {
			return fail("The request timestamp is outside the allowed window.")
		}
	}
	contentType := ""
	if values := r.Header.Values("Content-Type"); len(values) > 0 {
		contentType = values[0]
	}
	want := zenlayerSignature(password, timestamp, contentType, r.Host, body)
	if subtle.ConstantTimeCompare([]byte(want), []byte(strings.ToLower(auth.signature))) != 1 {
		return &zenlayerAuthError{code: zenlayerCodeSigMatch, message: "The request signature does not match."}
	}
	return nil
}
