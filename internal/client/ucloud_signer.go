package client

import (
	"crypto/sha1" //nolint:gosec // UCloud's signature is defined as SHA-1; not our choice.
	"encoding/hex"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// ucloudParams holds flattened UCloud parameters exactly as they are sent and signed.
type ucloudParams map[string]string

// setString follows the Go SDK: an empty string is not sent at all.
func (p ucloudParams) setString(key, value string) {
	if value != "" {
		p[key] = value
	}
}

// setInt sends base-10, zero included (Offset=0 is sent).
func (p ucloudParams) setInt(key string, value int) {
	p[key] = strconv.Itoa(value)
}

// setList flattens 0-based (ImageIds.0, ImageIds.1, ...); empty items are skipped but keep their index.
func (p ucloudParams) setList(key string, values []string) {
	for i, v := range values {
		p.setString(key+"."+strconv.Itoa(i), v)
	}
}

// ucloudStringToSign concatenates key+value for every parameter in byte order of the keys ("CPU" < "ChargeType",
// "ImageId.10" < "ImageId.2"), without separators or escaping, then appends the private key.
func ucloudStringToSign(params ucloudParams, privateKey string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteString(params[k])
	}
	b.WriteString(privateKey)
	return b.String()
}

// ucloudSignature is lowercase hex SHA-1 of the string to sign.
func ucloudSignature(params ucloudParams, privateKey string) string {
	sum := sha1.Sum([]byte(ucloudStringToSign(params, privateKey))) //nolint:gosec // protocol-defined
	return hex.EncodeToString(sum[:])
}

// ucloudSignedBody adds PublicKey and Signature and form-encodes everything with keys sorted, as the Go SDK does.
// params is not modified. The signature is also returned, to be kept out of errors.
func ucloudSignedBody(params ucloudParams, creds UCloudCredentials) (body, signature string) {
	signed := make(ucloudParams, len(params)+2)
	for k, v := range params {
		signed[k] = v
	}
	signed["PublicKey"] = creds.PublicKey
	form := make(url.Values, len(signed)+1)
	for k, v := range signed {
		form.Set(k, v)
	}
	signature = ucloudSignature(signed, creds.PrivateKey)
	form.Set("Signature", signature)
	return form.Encode(), signature
}
