package client

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

const zenlayerSignatureMethod = "ZC2-HMAC-SHA256"

// zenlayerCanonicalRequest is ZC2's canonical request. The URI is always "/" (not /api/v2/bmc), the query is
// empty, and only content-type and host are signed, with their values verbatim.
func zenlayerCanonicalRequest(contentType, host string, body []byte) string {
	payloadHash := sha256.Sum256(body)
	return "POST\n/\n\n" +
		"content-type:" + contentType + "\n" +
		"host:" + host + "\n" +
		"\n" +
		"content-type;host\n" +
		hex.EncodeToString(payloadHash[:])
}

// zenlayerStringToSign binds the canonical request to the x-zc-timestamp value (Unix seconds, decimal).
func zenlayerStringToSign(timestamp, canonical string) string {
	canonHash := sha256.Sum256([]byte(canonical))
	return zenlayerSignatureMethod + "\n" + timestamp + "\n" + hex.EncodeToString(canonHash[:])
}

// zenlayerSignature is HMAC-SHA256 keyed directly with the password: ZC2 has no key derivation.
func zenlayerSignature(password, stringToSign string) string {
	mac := hmac.New(sha256.New, []byte(password))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

// zenlayerAuthorization is the Authorization header value.
func zenlayerAuthorization(accessKeyID, signature string) string {
	return zenlayerSignatureMethod + " Credential=" + accessKeyID + ", SignedHeaders=content-type;host, Signature=" + signature
}
