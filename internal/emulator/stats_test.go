package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func getStats(t *testing.T, baseURL string) Stats {
	t.Helper()
	resp, err := http.Get(baseURL + "/_emulator/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var stats Stats
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("stats: HTTP %d: %v", resp.StatusCode, err)
	}
	return stats
}

func TestStats_OverHTTP(t *testing.T) {
	emu := New(Options{Catalog: filterCatalog()})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"})
	callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "hk"})
	callUCloud(t, srv.URL, map[string]string{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-05"})
	callUCloud(t, srv.URL, map[string]string{"Action": "DescribeNothing", "Region": "cn-bj2"})
	postUCloudForm(t, srv.URL, "Action=DescribeImage&Region=cn-bj2&PublicKey=x&Signature=00")
	resp, err := http.DefaultClient.Do(signedZenlayerRequest(t, srv.URL, `{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	want := Stats{Requests: map[string]int64{"DescribeImage": 3, "DescribePHostImage": 1, "DescribeImages": 1},
		SignatureFailures: 1, Total: 6}
	if got := getStats(t, srv.URL); !reflect.DeepEqual(got, want) {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	if got := emu.Stats(); !reflect.DeepEqual(got, want) {
		t.Errorf("Stats() = %+v, want %+v", got, want)
	}

	resp, err = http.Post(srv.URL+"/_emulator/reset", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("reset: HTTP %d, want 204", resp.StatusCode)
	}
	if got := getStats(t, srv.URL); got.Total != 0 || len(got.Requests) != 0 || got.SignatureFailures != 0 {
		t.Errorf("after reset: %+v", got)
	}
	if len(emu.Requests()) != 0 {
		t.Errorf("request log not cleared")
	}
	for _, wrong := range []struct{ method, path string }{{http.MethodPost, "/_emulator/stats"}, {http.MethodGet, "/_emulator/reset"}} {
		req, _ := http.NewRequest(wrong.method, srv.URL+wrong.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: HTTP %d, want 405", wrong.method, wrong.path, resp.StatusCode)
		}
	}
	if got := getStats(t, srv.URL); got.Total != 0 {
		t.Errorf("the stats endpoints counted as API requests: total %d", got.Total)
	}
}

func TestRequests_Log(t *testing.T) {
	emu := New(Options{Catalog: filterCatalog()})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "ImageIds.0": "uimage-a", "Limit": "5"})
	resp, err := http.DefaultClient.Do(signedZenlayerRequest(t, srv.URL, `{"imageIds":["a","b"],"catalog":"centos","pageNum":1,"osType":null}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	want := []Request{
		{Cloud: "ucloud", Action: "DescribeImage", Params: map[string]string{"Action": "DescribeImage", "Region": "cn-bj2",
			"ImageIds.0": "uimage-a", "Limit": "5", "PublicKey": DefaultUCloudPublicKey}},
		{Cloud: "zenlayer", Action: "DescribeImages", Params: map[string]string{"imageIds": "a,b", "catalog": "centos", "pageNum": "1", "osType": ""}},
	}
	got := emu.Requests()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Requests() = %+v, want %+v", got, want)
	}
	got[0].Params["Region"] = "changed"
	if emu.Requests()[0].Params["Region"] != "cn-bj2" {
		t.Error("Requests() returned shared maps")
	}
}

func TestStats_Concurrent(t *testing.T) {
	emu := New(Options{Catalog: filterCatalog(), Faults: Faults{ThrottleEvery: 4}})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	body := signUCloud(map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"}).Encode()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				resp, err := http.Post(srv.URL+"/", "application/x-www-form-urlencoded", strings.NewReader(body))
				if err == nil {
					resp.Body.Close()
				}
				_ = emu.Stats()
				_ = emu.Requests()
			}
		}()
	}
	wg.Wait()
	stats := emu.Stats()
	if stats.Total != 80 || stats.Requests["DescribeImage"] != 80 || stats.Faults != 20 || len(emu.Requests()) != 80 {
		t.Errorf("stats %+v, %d logged; want 80 requests, 20 faults", stats, len(emu.Requests()))
	}
}
