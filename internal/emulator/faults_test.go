package emulator

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// observe sends request n (odd: UCloud, even: Zenlayer) and names the fault it saw.
func observe(t *testing.T, baseURL string, n int) string {
	t.Helper()
	var resp *http.Response
	var err error
	if n%2 == 1 {
		resp, err = http.Post(baseURL+"/?Action=DescribeImage", "application/x-www-form-urlencoded",
			strings.NewReader(signUCloud(map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"}).Encode()))
	} else {
		resp, err = http.DefaultClient.Do(signedZenlayerRequest(t, baseURL, `{"catalog":"centos"}`))
	}
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("request %d: %v", n, err)
	}
	var envelope struct {
		RetCode int    `json:"RetCode"`
		Code    string `json:"code"`
	}
	switch {
	case resp.StatusCode == http.StatusServiceUnavailable:
		return "unavailable"
	case resp.StatusCode == http.StatusTooManyRequests:
		return "throttle"
	case json.Unmarshal(body, &envelope) != nil:
		if resp.StatusCode != http.StatusOK {
			t.Errorf("request %d: truncated answer with HTTP %d", n, resp.StatusCode)
		}
		return "truncate"
	case envelope.RetCode == 153:
		return "throttle"
	case resp.StatusCode == http.StatusOK && envelope.RetCode == 0 && envelope.Code == "":
		return ""
	}
	t.Fatalf("request %d: unexpected HTTP %d %s", n, resp.StatusCode, body)
	return ""
}

func TestFaults_EveryNthAcrossBothClouds(t *testing.T) {
	emu := New(Options{Faults: Faults{ThrottleEvery: 3, TruncateEvery: 4, UnavailableEvery: 5}})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	// Precedence: unavailable > throttle > truncate (12: throttle, 15 and 20: unavailable).
	want := map[int]string{3: "throttle", 4: "truncate", 5: "unavailable", 6: "throttle", 8: "truncate", 9: "throttle",
		10: "unavailable", 12: "throttle", 15: "unavailable", 16: "truncate", 18: "throttle", 20: "unavailable"}
	for n := 1; n <= 20; n++ {
		if got := observe(t, srv.URL, n); got != want[n] {
			t.Errorf("request %d: fault %q, want %q", n, got, want[n])
		}
		if n == 10 {
			// The stats endpoint is not an API request and does not move the sequence.
			if resp, err := http.Get(srv.URL + "/_emulator/stats"); err == nil {
				resp.Body.Close()
			}
		}
	}
	stats := emu.Stats()
	if stats.Faults != int64(len(want)) || stats.Total != 20 {
		t.Errorf("faults %d, total %d; want %d, 20", stats.Faults, stats.Total, len(want))
	}
}

func TestFaults_ThrottleOnlyServedToValidRequests(t *testing.T) {
	emu := New(Options{Catalog: filterCatalog(), Faults: Faults{ThrottleEvery: 1}})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	if got := callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage"}); got.RetCode != 220 {
		t.Errorf("missing Region on a throttled number: RetCode %d, want 220 first", got.RetCode)
	}
	if emu.Stats().Faults != 0 {
		t.Errorf("faults = %d, want 0", emu.Stats().Faults)
	}
}

func TestFaults_TruncateCutsTheAnswerInHalf(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog(), Faults: Faults{TruncateEvery: 2}})
	params := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"}
	full := callUCloud(t, srv.URL, params)
	resp, err := http.Post(srv.URL+"/", "application/x-www-form-urlencoded", strings.NewReader(signUCloud(params).Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	cut, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || string(cut) != full.raw[:len(full.raw)/2] {
		t.Errorf("HTTP %d, %d bytes; want 200 and the first %d of %d bytes", resp.StatusCode, len(cut), len(full.raw)/2, len(full.raw))
	}
	if resp.Header.Get("X-UCLOUD-REQUEST-UUID") == "" {
		t.Error("truncated answer without X-UCLOUD-REQUEST-UUID")
	}
}

func TestFaults_UnavailableBodies(t *testing.T) {
	emu := New(Options{Faults: Faults{UnavailableEvery: 1}})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	got := callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"})
	if got.status != http.StatusServiceUnavailable || !strings.HasPrefix(got.raw, "<html>") {
		t.Errorf("UCloud: HTTP %d %q, want 503 HTML", got.status, got.raw)
	}
	resp, err := http.DefaultClient.Do(signedZenlayerRequest(t, srv.URL, `{}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var envelope zenlayerAnswer
	if err := json.NewDecoder(resp.Body).Decode(&envelope); err != nil || resp.StatusCode != 503 ||
		envelope.Code != "SERVICE_TEMPORARY_UNAVAILABLE" || envelope.RequestID == "" {
		t.Errorf("Zenlayer: HTTP %d %+v (%v), want 503 SERVICE_TEMPORARY_UNAVAILABLE", resp.StatusCode, envelope, err)
	}
}

func TestFaults_ResetRestartsTheSequence(t *testing.T) {
	emu, srv := newUCloudServer(t, Options{Catalog: filterCatalog(), Faults: Faults{ThrottleEvery: 2}})
	params := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"}
	callUCloud(t, srv.URL, params)
	emu.Reset()
	if got := callUCloud(t, srv.URL, params); got.RetCode != 0 {
		t.Errorf("first request after Reset: RetCode %d, want 0", got.RetCode)
	}
	if got := callUCloud(t, srv.URL, params); got.RetCode != 153 {
		t.Errorf("second request after Reset: RetCode %d, want 153", got.RetCode)
	}
}

func TestLatency_RespectsCancellation(t *testing.T) {
	emu := New(Options{Catalog: filterCatalog(), Latency: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	body := signUCloud(map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"}).Encode()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)).WithContext(ctx)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	emu.ServeHTTP(rec, req) // returns at once although the latency is an hour
	if rec.Body.Len() != 0 {
		t.Errorf("answered a cancelled request: %q", rec.Body.String())
	}
	if emu.Stats().Total != 1 {
		t.Errorf("total = %d, want 1 (the request still arrived)", emu.Stats().Total)
	}

	short := New(Options{Catalog: filterCatalog(), Latency: time.Millisecond})
	req = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec = httptest.NewRecorder()
	short.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"RetCode":0`) {
		t.Errorf("with latency: HTTP %d %s", rec.Code, rec.Body.String())
	}
}
