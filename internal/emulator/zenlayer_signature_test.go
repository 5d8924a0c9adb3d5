package emulator

import "testing"

func TestZenlayerSignature_Vectors(t *testing.T) {
	tests := []struct {
		name, password, timestamp, contentType, host, body, want string
	}{
		{"V1", "zenlayerTESTpassword0001", "1700000000", "application/json", "console.zenlayer.com", `{}`,
			"9ab39caac7e68c278c63af606c68f24a1e78f40165fcb7606ff3c6e998647083"},
		{"V2", "zenlayerTESTpassword0002", "1767225600", "application/json", "console.zenlayer.com",
			`{"catalog":"centos","instanceTypeId":"S9I"}`, "c4524bf2a3390c8a89502aacdcf712678494bff04f6bec63a9778178c21719fd"},
		{"V3", "zenlayerTESTpassword0003", "1735689600", "application/json", "127.0.0.1:8080", vectorV3Body,
			"2389d43e9732d83c0ac7f1f0d30a5ebae95239f56aedd0b10dae637f90a32d8e"},
		{"V4", "Gu5t9xGARNpq86cd98joQYCN3", "1673361177", "application/json; charset=utf-8", "console.zenlayer.com",
			`{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}`, "efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f"},
		{"V4 negative twin", "Gu5t9xGARNpq86cd98joQYCN3", "1673361177", "application/json", "console.zenlayer.com",
			`{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}`, "9fdd5117d611874c57b6514c5265c94aee7b716f33906836f9ebda1b56cbc119"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := zenlayerSignature(tt.password, tt.timestamp, tt.contentType, tt.host, []byte(tt.body)); got != tt.want {
				t.Errorf("signature = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseZenlayerAuthorization(t *testing.T) {
	tests := []struct {
		value string
		ok    bool
	}{
		{"ZC2-HMAC-SHA256 Credential=AK, SignedHeaders=content-type;host, Signature=abc", true},
		{"ZC2-HMAC-SHA256 Credential=AK,SignedHeaders=content-type;host,Signature=abc", true},
		{"ZC2-HMAC-SHA256 Credential=AK, SignedHeaders=content-type;host", false},
		{"TC3-HMAC-SHA256 Credential=AK, SignedHeaders=content-type;host, Signature=abc", false},
		{"Bearer token", false},
		{"", false},
	}
	for _, tt := range tests {
		if _, ok := parseZenlayerAuthorization(tt.value); ok != tt.ok {
			t.Errorf("parse(%q) ok = %v, want %v", tt.value, ok, tt.ok)
		}
	}
}
