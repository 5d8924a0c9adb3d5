package client

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// TestLogging_FieldsAndNoSecrets checks the per-attempt debug lines and that no private key, password, signature
// or Authorization value reaches the log or an error, even when a server echoes them back.
func TestLogging_FieldsAndNoSecrets(t *testing.T) {
	var seen []string // signatures and Authorization values actually sent
	ucloudSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("X-UCLOUD-REQUEST-UUID", "uuid-log")
		if r.PostForm.Get("Offset") == "0" {
			fmt.Fprintf(w, `{"RetCode":0,"TotalCount":3,"ImageSet":[{"ImageId":"a"},{"ImageId":"b"}]}`)
			return
		}
		// An echoing server: the private key and signature come back in the message.
		fmt.Fprintf(w, `{"RetCode":171,"Message":"bad %s %s"}`, testUCloudPrivateKey, r.PostForm.Get("Signature"))
	}))
	t.Cleanup(ucloudSrv.Close)
	zenSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"requestId":"T-log","code":"AUTH_FAILED","message":"%s / %s"}`, testZenlayerPassword, r.Header.Get("Authorization"))
	}))
	t.Cleanup(zenSrv.Close)

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	opts := testOptions()
	opts.PageSize = 2
	uc := newTestUCloud(ucloudSrv.URL, opts)
	_, ucErr := uc.ListUHostImages(ctx, DescribeImageRequest{Region: "cn-bj2"})
	if ucErr == nil {
		t.Fatal("UCloud: no error")
	}
	_, zenErr := newTestZenlayer(zenSrv.URL, opts).DescribeImages(ctx, DescribeImagesRequest{})
	if zenErr == nil {
		t.Fatal("Zenlayer: no error")
	}

	params := ucloudParams{"Action": "DescribeImage", "Region": "cn-bj2", "Offset": "2", "Limit": "2", "PublicKey": testUCloudPublicKey}
	seen = append(seen, ucloudSignature(params, testUCloudPrivateKey))
	secrets := append([]string{testUCloudPrivateKey, testZenlayerPassword, "ZC2-HMAC-SHA256 Credential"}, seen...)
	for _, secret := range secrets {
		for name, text := range map[string]string{"log": buf.String(), "UCloud error": ucErr.Error(), "Zenlayer error": zenErr.Error()} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains %q:\n%s", name, secret, text)
			}
		}
	}

	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var requests int
	for _, e := range entries {
		if e["@message"] != "imagepick API request" {
			continue
		}
		requests++
		for _, field := range []string{"cloud", "action", "region", "attempt", "http_status", "request_id", "duration_ms", "items"} {
			if _, ok := e[field]; !ok {
				t.Errorf("log entry lacks %q: %v", field, e)
			}
		}
		if e["@level"] != "debug" {
			t.Errorf("level = %v", e["@level"])
		}
	}
	if requests != 3 { // UCloud: page 1 + page 2 (171, not retried); Zenlayer: 401, not retried
		t.Errorf("%d request log entries, want 3:\n%v", requests, entries)
	}
	first := entries[0]
	if first["cloud"] != "UCloud" || first["action"] != "DescribeImage" || first["region"] != "cn-bj2" ||
		first["request_id"] != "uuid-log" || first["items"] != float64(2) || first["http_status"] != float64(200) {
		t.Errorf("first entry = %v", first)
	}
}
