package emulator

import (
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
	"sort"
	"strings"
)

// ucloudSignature is UCloud's request signature: every parameter but Signature, keys sorted byte-wise,
// concatenated as key+value with no separators, then the private key; SHA-1, lowercase hex.
func ucloudSignature(params map[string]string, privateKey string) string {
	keys := make([]string, 0, len(params))
	for key := range params {
		if key != "Signature" {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	h := sha1.New()
	for _, key := range keys {
		h.Write([]byte(key))
		h.Write([]byte(params[key]))
	}
	h.Write([]byte(privateKey))
	return hex.EncodeToString(h.Sum(nil))
}

// ucloudSignatureValid compares case-insensitively in constant time.
func ucloudSignatureValid(params map[string]string, privateKey, signature string) bool {
	want := ucloudSignature(params, privateKey)
	return subtle.ConstantTimeCompare([]byte(want), []byte(strings.ToLower(signature))) == 1
}
