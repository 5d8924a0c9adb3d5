package client

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// Vectors V1-V4 from the project's Zenlayer API reference (V1-V3 match the official Go SDK byte for byte).
func TestZenlayerSigner_Vectors(t *testing.T) {
	tests := []struct {
		name, accessKeyID, password, timestamp, host, contentType, body string
		payloadHash, canonical, canonHash, stringToSign, signature      string
		authorization                                                   string // "" => not given by the vector
	}{
		{
			name: "V1 no filters", accessKeyID: "AKIDzenlayerTEST0001", password: "zenlayerTESTpassword0001",
			timestamp: "1700000000", host: "console.zenlayer.com", contentType: "application/json", body: "{}",
			payloadHash:   "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
			canonical:     "POST\n/\n\ncontent-type:application/json\nhost:console.zenlayer.com\n\ncontent-type;host\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
			canonHash:     "2eb6d40a6d77fe762274e366f8d05626427e80b1c9e1a816d9c08676d12257a4",
			stringToSign:  "ZC2-HMAC-SHA256\n1700000000\n2eb6d40a6d77fe762274e366f8d05626427e80b1c9e1a816d9c08676d12257a4",
			signature:     "9ab39caac7e68c278c63af606c68f24a1e78f40165fcb7606ff3c6e998647083",
			authorization: "ZC2-HMAC-SHA256 Credential=AKIDzenlayerTEST0001, SignedHeaders=content-type;host, Signature=9ab39caac7e68c278c63af606c68f24a1e78f40165fcb7606ff3c6e998647083",
		},
		{
			name: "V2 catalog and instance type", accessKeyID: "AKIDzenlayerTEST0002", password: "zenlayerTESTpassword0002",
			timestamp: "1767225600", host: "console.zenlayer.com", contentType: "application/json",
			body:          `{"catalog":"centos","instanceTypeId":"S9I"}`,
			payloadHash:   "8fc7d9f275a4660fcb6e304359877922dbd5966e710392c596b82bc7b6b7f2e4",
			canonical:     "POST\n/\n\ncontent-type:application/json\nhost:console.zenlayer.com\n\ncontent-type;host\n8fc7d9f275a4660fcb6e304359877922dbd5966e710392c596b82bc7b6b7f2e4",
			canonHash:     "16ff7a1e2670163b07cbf5f54cadd631a4ccd64e2e2b6db176db3d076ae6f6a3",
			stringToSign:  "ZC2-HMAC-SHA256\n1767225600\n16ff7a1e2670163b07cbf5f54cadd631a4ccd64e2e2b6db176db3d076ae6f6a3",
			signature:     "c4524bf2a3390c8a89502aacdcf712678494bff04f6bec63a9778178c21719fd",
			authorization: "ZC2-HMAC-SHA256 Credential=AKIDzenlayerTEST0002, SignedHeaders=content-type;host, Signature=c4524bf2a3390c8a89502aacdcf712678494bff04f6bec63a9778178c21719fd",
		},
		{
			name: "V3 all filters host with port", accessKeyID: "AKIDzenlayerTEST0003", password: "zenlayerTESTpassword0003",
			timestamp: "1735689600", host: "127.0.0.1:8080", contentType: "application/json",
			body:          `{"imageIds":["bd5faa16-39d2-4bbf-a5c8-b95a193b1626"],"imageName":"CentOS7.4-x86_64","catalog":"centos","imageType":"PUBLIC_IMAGE","osType":"linux","instanceTypeId":"M6C"}`,
			payloadHash:   "931308a1a638bfe60570ccba38f516e8e4cdc006ec033693e17b48eaab70cfe1",
			canonical:     "POST\n/\n\ncontent-type:application/json\nhost:127.0.0.1:8080\n\ncontent-type;host\n931308a1a638bfe60570ccba38f516e8e4cdc006ec033693e17b48eaab70cfe1",
			canonHash:     "025afb3a5a307bb8dd3620ff0a302667638ad1492710af7c52df0a59734eb074",
			stringToSign:  "ZC2-HMAC-SHA256\n1735689600\n025afb3a5a307bb8dd3620ff0a302667638ad1492710af7c52df0a59734eb074",
			signature:     "2389d43e9732d83c0ac7f1f0d30a5ebae95239f56aedd0b10dae637f90a32d8e",
			authorization: "ZC2-HMAC-SHA256 Credential=AKIDzenlayerTEST0003, SignedHeaders=content-type;host, Signature=2389d43e9732d83c0ac7f1f0d30a5ebae95239f56aedd0b10dae637f90a32d8e",
		},
		{
			name: "V4 public doc example charset signed literally", password: "Gu5t9xGARNpq86cd98joQYCN3",
			timestamp: "1673361177", host: "console.zenlayer.com", contentType: "application/json; charset=utf-8",
			body:         `{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}`,
			payloadHash:  "5f714687ba91c606d503467766151206392474accd137ffea6dce2420b67c29a",
			canonical:    "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:console.zenlayer.com\n\ncontent-type;host\n5f714687ba91c606d503467766151206392474accd137ffea6dce2420b67c29a",
			canonHash:    "29396f9dfa0f03820b931e8aa06e20cda197e73285ebd76aceb83f7dede493ee",
			stringToSign: "ZC2-HMAC-SHA256\n1673361177\n29396f9dfa0f03820b931e8aa06e20cda197e73285ebd76aceb83f7dede493ee",
			signature:    "efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f",
		},
		{
			name: "V4 negative twin without charset", password: "Gu5t9xGARNpq86cd98joQYCN3",
			timestamp: "1673361177", host: "console.zenlayer.com", contentType: "application/json",
			body:         `{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}`,
			payloadHash:  "5f714687ba91c606d503467766151206392474accd137ffea6dce2420b67c29a",
			canonical:    "POST\n/\n\ncontent-type:application/json\nhost:console.zenlayer.com\n\ncontent-type;host\n5f714687ba91c606d503467766151206392474accd137ffea6dce2420b67c29a",
			canonHash:    "38b60a7d3276acd156ff8e3693567c2e7c7cbd8e4288d252b80e4968e0e0e897",
			stringToSign: "ZC2-HMAC-SHA256\n1673361177\n38b60a7d3276acd156ff8e3693567c2e7c7cbd8e4288d252b80e4968e0e0e897",
			signature:    "9fdd5117d611874c57b6514c5265c94aee7b716f33906836f9ebda1b56cbc119",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			canonical := zenlayerCanonicalRequest(tt.contentType, tt.host, []byte(tt.body))
			if canonical != tt.canonical {
				t.Errorf("canonical\n got %q\nwant %q", canonical, tt.canonical)
			}
			if got := sha256Hex([]byte(tt.body)); got != tt.payloadHash {
				t.Errorf("payloadHash = %s, want %s", got, tt.payloadHash)
			}
			if got := sha256Hex([]byte(canonical)); got != tt.canonHash {
				t.Errorf("canonHash = %s, want %s", got, tt.canonHash)
			}
			stringToSign := zenlayerStringToSign(tt.timestamp, canonical)
			if stringToSign != tt.stringToSign {
				t.Errorf("stringToSign\n got %q\nwant %q", stringToSign, tt.stringToSign)
			}
			signature := zenlayerSignature(tt.password, stringToSign)
			if signature != tt.signature {
				t.Errorf("signature = %s, want %s", signature, tt.signature)
			}
			if tt.authorization != "" {
				if got := zenlayerAuthorization(tt.accessKeyID, signature); got != tt.authorization {
					t.Errorf("Authorization\n got %s\nwant %s", got, tt.authorization)
				}
			}
		})
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
