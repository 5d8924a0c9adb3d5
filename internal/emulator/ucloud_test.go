package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// ucloudAnswer is a decoded UCloud answer plus what the tests check around it.
type ucloudAnswer struct {
	Action     string           `json:"Action"`
	RetCode    int              `json:"RetCode"`
	Message    string           `json:"Message"`
	TotalCount int              `json:"TotalCount"`
	ImageSet   []map[string]any `json:"ImageSet"`
	status     int
	requestID  string
	raw        string
}

func (a ucloudAnswer) ids() []string {
	out := make([]string, 0, len(a.ImageSet))
	for _, img := range a.ImageSet {
		out = append(out, img["ImageId"].(string))
	}
	return out
}

func newUCloudServer(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	emu := New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return emu, srv
}

// signUCloud adds the default PublicKey and a Signature to params, as the Go SDK does.
func signUCloud(params map[string]string) url.Values {
	signed := map[string]string{"PublicKey": DefaultUCloudPublicKey}
	for k, v := range params {
		signed[k] = v
	}
	values := url.Values{}
	for k, v := range signed {
		values.Set(k, v)
	}
	values.Set("Signature", ucloudSignature(signed, DefaultUCloudPrivateKey))
	return values
}

func postUCloudForm(t *testing.T, baseURL, body string) ucloudAnswer {
	t.Helper()
	resp, err := http.Post(baseURL+"/", "application/x-www-form-urlencoded", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return readUCloudAnswer(t, resp)
}

func readUCloudAnswer(t *testing.T, resp *http.Response) ucloudAnswer {
	t.Helper()
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	answer := ucloudAnswer{status: resp.StatusCode, requestID: resp.Header.Get("X-UCLOUD-REQUEST-UUID"), raw: string(raw)}
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw, &answer); err != nil {
			t.Fatalf("decode %q: %v", raw, err)
		}
	}
	return answer
}

func callUCloud(t *testing.T, baseURL string, params map[string]string) ucloudAnswer {
	t.Helper()
	return postUCloudForm(t, baseURL, signUCloud(params).Encode())
}

// filterCatalog is small enough that every filter's expected result is obvious.
func filterCatalog() *Catalog {
	base := func(id, zone, osType, imageType string) UHostImage {
		region := strings.TrimSuffix(zone, zone[strings.LastIndex(zone, "-"):])
		return UHostImage{Region: region, Zone: zone, ImageID: id, ImageName: "Image " + id, Tag: "Default",
			OsType: osType, ImageType: imageType, State: "Available", CreateTime: 1700000000}
	}
	b := base("uimage-b", "cn-bj2-02", "Windows", "Base")
	b.PriceSet = []PriceSet{{ChargeType: "Month", Price: 96, OriginalPrice: 120}}
	c := base("uimage-c", "cn-bj2-03", "Linux", "Business")
	c.FuncType = "uhost"
	d := base("uimage-d", "cn-bj2-02", "Linux", "Base")
	d.FuncType = "gpu"
	e := base("uimage-e", "cn-bj2-02", "Linux", "Custom")
	e.Tag = "team"
	return &Catalog{
		UHost: []UHostImage{base("uimage-a", "cn-bj2-02", "Linux", "Base"), b, c, d, e, base("uimage-f", "hk-02", "Linux", "Base")},
		PHost: []PHostImage{
			{Region: "cn-bj2", Zone: "cn-bj2-05", ImageID: "pimg-1", ImageName: "CentOS 7.9 64位", OsType: "CentOS",
				Support: []string{"Standard-C1", "GPU-G4"}, Clusters: []string{"25G", "100G"}, ImageType: "Base", CreateTime: "1704067200"},
			{Region: "cn-bj2", Zone: "cn-bj2-05", ImageID: "pimg-2", ImageName: "my-bm", OsType: "Ubuntu",
				Support: []string{"Storage-S2"}, ImageType: "Custom"},
			{Region: "cn-bj2", Zone: "cn-bj2-05", ImageID: "pimg-3", ImageName: "Ubuntu 22.04 64位 GPU", OsType: "Ubuntu",
				Support: []string{"GPU-G4"}, Clusters: []string{"100G"}, ImageType: "Base"},
			{Region: "cn-bj2", Zone: "cn-bj2-02", ImageID: "pimg-4", ImageName: "Debian 12.4 64位", OsType: "Debian",
				Support: []string{"Standard-C1"}, ImageType: "Base"},
			{Region: "hk", Zone: "hk-02", ImageID: "pimg-5", ImageName: "Windows Server 2022", OsType: "Windows",
				Support: []string{"Standard-C1"}, ImageType: "Base"},
		},
	}
}

func sorted(ids []string) []string {
	out := append([]string{}, ids...)
	sort.Strings(out)
	return out
}

func TestUCloud_ErrorCodes(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog()})
	good := signUCloud(map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"})
	badSignature := signUCloud(map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"})
	badSignature.Set("Signature", strings.Repeat("0", 40))
	unknownUser := url.Values{"Action": {"DescribeImage"}, "Region": {"cn-bj2"}, "PublicKey": {"nobody"}}
	unknownUser.Set("Signature", ucloudSignature(map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "PublicKey": "nobody"}, DefaultUCloudPrivateKey))
	noSignature := signUCloud(map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"})
	noSignature.Del("Signature")

	tests := []struct {
		name    string
		body    string
		action  string
		retCode int
		message string
	}{
		{"ok", good.Encode(), "DescribeImageResponse", 0, ""},
		{"no action", signUCloud(map[string]string{"Region": "cn-bj2"}).Encode(), "Response", 160, "Missing Action"},
		{"unknown action", signUCloud(map[string]string{"Action": "DescribeUHostInstance", "Region": "cn-bj2"}).Encode(),
			"DescribeUHostInstanceResponse", 161, "Action [DescribeUHostInstance] not found"},
		{"no signature", noSignature.Encode(), "DescribeImageResponse", 170, "Missing Signature"},
		{"unknown public key", unknownUser.Encode(), "DescribeImageResponse", 172, "User Not Exists"},
		{"bad signature", badSignature.Encode(), "DescribeImageResponse", 171, "Signature VerifyAC Error"},
		{"no region", signUCloud(map[string]string{"Action": "DescribeImage"}).Encode(), "DescribeImageResponse", 220, "Missing params [Region]"},
		{"phost no zone", signUCloud(map[string]string{"Action": "DescribePHostImage", "Region": "cn-bj2"}).Encode(),
			"DescribePHostImageResponse", 220, "Missing params [Zone]"},
		{"phost no region", signUCloud(map[string]string{"Action": "DescribePHostImage", "Zone": "cn-bj2-05"}).Encode(),
			"DescribePHostImageResponse", 220, "Missing params [Region]"},
		{"bad limit", signUCloud(map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Limit": "-1"}).Encode(),
			"DescribeImageResponse", 230, "Params [Limit] not available"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := postUCloudForm(t, srv.URL, tt.body)
			if got.status != http.StatusOK || got.RetCode != tt.retCode || got.Message != tt.message || got.Action != tt.action {
				t.Fatalf("got HTTP %d %s RetCode %d %q, want HTTP 200 %s RetCode %d %q",
					got.status, got.Action, got.RetCode, got.Message, tt.action, tt.retCode, tt.message)
			}
			if got.requestID == "" {
				t.Error("no X-UCLOUD-REQUEST-UUID header")
			}
			if tt.retCode == 0 && strings.Contains(got.raw, `"Message"`) {
				t.Errorf("success carries a Message: %s", got.raw)
			}
		})
	}
}

func TestUCloud_Throttled(t *testing.T) {
	emu, srv := newUCloudServer(t, Options{Catalog: filterCatalog(), Faults: Faults{ThrottleEvery: 2}})
	params := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"}
	if got := callUCloud(t, srv.URL, params); got.RetCode != 0 {
		t.Fatalf("request 1: RetCode %d", got.RetCode)
	}
	got := callUCloud(t, srv.URL, params)
	if got.status != http.StatusOK || got.RetCode != 153 || got.Action != "DescribeImageResponse" {
		t.Fatalf("request 2: HTTP %d RetCode %d, want HTTP 200 RetCode 153", got.status, got.RetCode)
	}
	if emu.Stats().Faults != 1 {
		t.Errorf("faults = %d, want 1", emu.Stats().Faults)
	}
}

func TestUCloud_UHostFilters(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog()})
	tests := []struct {
		name   string
		params map[string]string
		want   []string
	}{
		{"region only", nil, []string{"uimage-a", "uimage-b", "uimage-c", "uimage-d", "uimage-e"}},
		{"other region", map[string]string{"Region": "hk"}, []string{"uimage-f"}},
		{"unknown region", map[string]string{"Region": "cn-sh2"}, []string{}},
		{"zone", map[string]string{"Zone": "cn-bj2-03"}, []string{"uimage-c"}},
		{"zone of another region", map[string]string{"Zone": "hk-02"}, []string{}},
		{"image type", map[string]string{"ImageType": "Custom"}, []string{"uimage-e"}},
		{"os type", map[string]string{"OsType": "Windows"}, []string{"uimage-b"}},
		{"func type", map[string]string{"FuncType": "gpu"}, []string{"uimage-d"}},
		{"func type uhost", map[string]string{"FuncType": "uhost"}, []string{"uimage-c"}},
		{"bad func type ignored", map[string]string{"FuncType": "bogus"}, []string{"uimage-a", "uimage-b", "uimage-c", "uimage-d", "uimage-e"}},
		{"tag", map[string]string{"Tag": "team"}, []string{"uimage-e"}},
		{"tag default", map[string]string{"Tag": "Default"}, []string{"uimage-a", "uimage-b", "uimage-c", "uimage-d"}},
		{"image id", map[string]string{"ImageId": "uimage-b"}, []string{"uimage-b"}},
		{"image ids", map[string]string{"ImageIds.0": "uimage-a", "ImageIds.1": "uimage-c"}, []string{"uimage-a", "uimage-c"}},
		{"image ids with gap", map[string]string{"ImageIds.0": "uimage-a", "ImageIds.2": "uimage-d"}, []string{"uimage-a", "uimage-d"}},
		{"both list spellings", map[string]string{"ImageIds.0": "uimage-a", "ImageId.0": "uimage-e"}, []string{"uimage-a", "uimage-e"}},
		{"unknown id", map[string]string{"ImageIds.0": "uimage-zzz"}, []string{}},
		{"combined", map[string]string{"Zone": "cn-bj2-02", "OsType": "Linux", "ImageType": "Base"}, []string{"uimage-a", "uimage-d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"}
			for k, v := range tt.params {
				params[k] = v
			}
			got := callUCloud(t, srv.URL, params)
			if got.RetCode != 0 {
				t.Fatalf("RetCode %d %s", got.RetCode, got.Message)
			}
			if ids := sorted(got.ids()); !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("ids = %v, want %v", ids, tt.want)
			}
			if got.TotalCount != len(tt.want) {
				t.Errorf("TotalCount = %d, want %d", got.TotalCount, len(tt.want))
			}
			for _, img := range got.ImageSet {
				if _, ok := img["Region"]; ok {
					t.Errorf("catalog-only field Region sent: %v", img)
				}
			}
		})
	}
}

func TestUCloud_PHostFilters(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog()})
	tests := []struct {
		name   string
		params map[string]string
		want   []string
	}{
		{"zone only", nil, []string{"pimg-1", "pimg-2", "pimg-3"}},
		{"other zone", map[string]string{"Zone": "cn-bj2-02"}, []string{"pimg-4"}},
		{"other region", map[string]string{"Region": "hk", "Zone": "hk-02"}, []string{"pimg-5"}},
		{"machine type, default cluster 25G", map[string]string{"MachineType": "GPU-G4"}, []string{"pimg-1"}},
		{"machine type and cluster", map[string]string{"MachineType": "GPU-G4", "Cluster": "100G"}, []string{"pimg-1", "pimg-3"}},
		{"empty clusters mean 25G", map[string]string{"MachineType": "Storage-S2", "Cluster": "25G"}, []string{"pimg-2"}},
		{"image type", map[string]string{"ImageType": "Custom"}, []string{"pimg-2"}},
		{"image id list", map[string]string{"ImageId.0": "pimg-3", "ImageId.1": "pimg-1"}, []string{"pimg-1", "pimg-3"}},
		{"both list spellings", map[string]string{"ImageId.0": "pimg-3", "ImageIds.0": "pimg-2"}, []string{"pimg-2", "pimg-3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := map[string]string{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-05"}
			for k, v := range tt.params {
				params[k] = v
			}
			got := callUCloud(t, srv.URL, params)
			if got.RetCode != 0 || got.Action != "DescribePHostImageResponse" {
				t.Fatalf("%s RetCode %d %s", got.Action, got.RetCode, got.Message)
			}
			if ids := sorted(got.ids()); !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("ids = %v, want %v", ids, tt.want)
			}
			if got.TotalCount != len(tt.want) {
				t.Errorf("TotalCount = %d, want %d", got.TotalCount, len(tt.want))
			}
		})
	}
}

func TestUCloud_WireTypes(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog()})
	uhost := callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "ImageId": "uimage-a"})
	if _, ok := uhost.ImageSet[0]["CreateTime"].(float64); !ok {
		t.Errorf("UHost CreateTime is %T, want a JSON number", uhost.ImageSet[0]["CreateTime"])
	}
	for _, field := range []string{"Features", "DataSnapshotIds", "SupportedGPUTypes", "SceneCategories"} {
		if _, ok := uhost.ImageSet[0][field].([]any); !ok {
			t.Errorf("UHost %s is %T, want a JSON array", field, uhost.ImageSet[0][field])
		}
	}
	phost := callUCloud(t, srv.URL, map[string]string{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-05", "ImageId.0": "pimg-1"})
	if got, ok := phost.ImageSet[0]["CreateTime"].(string); !ok || got != "1704067200" {
		t.Errorf("PHost CreateTime = %#v, want the string \"1704067200\"", phost.ImageSet[0]["CreateTime"])
	}
	for _, field := range []string{"Region", "Zone", "Clusters"} {
		if _, ok := phost.ImageSet[0][field]; ok {
			t.Errorf("PHost sends catalog-only field %s", field)
		}
	}
}

func TestUCloud_PriceSet(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog()})
	params := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "ImageIds.0": "uimage-a", "ImageIds.1": "uimage-b"}
	without := callUCloud(t, srv.URL, params)
	if strings.Contains(without.raw, "PriceSet") {
		t.Errorf("PriceSet sent without PriceSet=1: %s", without.raw)
	}
	params["PriceSet"] = "1"
	with := callUCloud(t, srv.URL, params)
	for _, img := range with.ImageSet {
		prices, ok := img["PriceSet"].([]any)
		if !ok {
			t.Fatalf("%s: PriceSet = %#v, want an array", img["ImageId"], img["PriceSet"])
		}
		if img["ImageId"] == "uimage-b" {
			first := prices[0].(map[string]any)
			if len(prices) != 1 || first["ChargeType"] != "Month" || first["Price"] != 96.0 || first["OriginalPrice"] != 120.0 {
				t.Errorf("uimage-b PriceSet = %v", prices)
			}
		}
	}
}

func TestUCloud_Paging(t *testing.T) {
	catalog := GenerateCatalog(45, "cn-bj2", "cn-bj2-02", 7)
	all := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"}
	t.Run("default limit 20", func(t *testing.T) {
		_, srv := newUCloudServer(t, Options{Catalog: catalog})
		got := callUCloud(t, srv.URL, all)
		if len(got.ImageSet) != 20 || got.TotalCount != 45 {
			t.Fatalf("page of %d, TotalCount %d; want 20 of 45", len(got.ImageSet), got.TotalCount)
		}
	})
	t.Run("offset and limit walk every image once", func(t *testing.T) {
		_, srv := newUCloudServer(t, Options{Catalog: catalog})
		seen := map[string]bool{}
		for offset := 0; offset < 45; offset += 10 {
			params := map[string]string{"Offset": itoa(offset), "Limit": "10"}
			for k, v := range all {
				params[k] = v
			}
			got := callUCloud(t, srv.URL, params)
			want := min(10, 45-offset)
			if len(got.ImageSet) != want || got.TotalCount != 45 {
				t.Fatalf("offset %d: %d images, TotalCount %d; want %d of 45", offset, len(got.ImageSet), got.TotalCount, want)
			}
			for _, id := range got.ids() {
				if seen[id] {
					t.Fatalf("offset %d: %s seen twice", offset, id)
				}
				seen[id] = true
			}
		}
		if len(seen) != 45 {
			t.Errorf("saw %d images, want 45", len(seen))
		}
	})
	t.Run("offset past the end", func(t *testing.T) {
		_, srv := newUCloudServer(t, Options{Catalog: catalog})
		got := callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Offset": "100"})
		if got.RetCode != 0 || len(got.ImageSet) != 0 || got.TotalCount != 45 || !strings.Contains(got.raw, `"ImageSet":[]`) {
			t.Errorf("got %s", got.raw)
		}
	})
	t.Run("silent limit cap", func(t *testing.T) {
		_, srv := newUCloudServer(t, Options{Catalog: catalog, LimitCap: 7})
		got := callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Limit": "100"})
		if got.RetCode != 0 || len(got.ImageSet) != 7 || got.TotalCount != 45 {
			t.Errorf("RetCode %d, %d images, TotalCount %d; want 0, 7, 45", got.RetCode, len(got.ImageSet), got.TotalCount)
		}
	})
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestUCloud_StableOrder(t *testing.T) {
	_, srv := newUCloudServer(t, Options{})
	params := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Limit": "100"}
	first := callUCloud(t, srv.URL, params)
	second := callUCloud(t, srv.URL, params)
	if !reflect.DeepEqual(first.ids(), second.ids()) {
		t.Fatal("two identical requests returned different orders")
	}
	names := make([]string, len(first.ImageSet))
	times := make([]float64, len(first.ImageSet))
	ids := first.ids()
	for i, img := range first.ImageSet {
		names[i] = img["ImageName"].(string)
		times[i] = img["CreateTime"].(float64)
	}
	if sort.StringsAreSorted(names) || sort.Float64sAreSorted(times) || sort.StringsAreSorted(ids) {
		t.Error("the order is sorted by name, time or ID; it must not be")
	}
	if sort.SliceIsSorted(times, func(i, j int) bool { return times[i] > times[j] }) {
		t.Error("the order is newest first; it must not be")
	}
}

func TestUCloud_RequestShapes(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog()})
	params := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "ImageIds.0": "uimage-a", "ImageIds.1": "uimage-b", "Limit": "10", "Offset": "0"}
	signed := signUCloud(params)

	t.Run("GET with query parameters", func(t *testing.T) {
		resp, err := http.Get(srv.URL + "/?" + signed.Encode())
		if err != nil {
			t.Fatal(err)
		}
		got := readUCloudAnswer(t, resp)
		if got.RetCode != 0 || got.TotalCount != 2 {
			t.Errorf("RetCode %d %s TotalCount %d", got.RetCode, got.Message, got.TotalCount)
		}
	})
	t.Run("form POST with the ?Action= query copy", func(t *testing.T) {
		resp, err := http.Post(srv.URL+"/?Action=DescribeImage", "application/x-www-form-urlencoded", strings.NewReader(signed.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		if got := readUCloudAnswer(t, resp); got.RetCode != 0 || got.TotalCount != 2 {
			t.Errorf("RetCode %d %s TotalCount %d", got.RetCode, got.Message, got.TotalCount)
		}
	})
	t.Run("form POST with Action only in the query", func(t *testing.T) {
		body := url.Values{}
		for k, v := range signed {
			if k != "Action" {
				body[k] = v
			}
		}
		resp, err := http.Post(srv.URL+"/?Action=DescribeImage", "application/x-www-form-urlencoded", strings.NewReader(body.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		if got := readUCloudAnswer(t, resp); got.RetCode != 0 {
			t.Errorf("RetCode %d %s", got.RetCode, got.Message)
		}
	})
	t.Run("JSON POST with native numbers", func(t *testing.T) {
		object := map[string]any{"Action": "DescribeImage", "Region": "cn-bj2", "ImageIds.0": "uimage-a", "ImageIds.1": "uimage-b",
			"Limit": 10, "Offset": 0, "PriceSet": 1, "PublicKey": DefaultUCloudPublicKey}
		asStrings := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "ImageIds.0": "uimage-a", "ImageIds.1": "uimage-b",
			"Limit": "10", "Offset": "0", "PriceSet": "1", "PublicKey": DefaultUCloudPublicKey}
		object["Signature"] = ucloudSignature(asStrings, DefaultUCloudPrivateKey)
		body, _ := json.Marshal(object)
		resp, err := http.Post(srv.URL+"/", "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		got := readUCloudAnswer(t, resp)
		if got.RetCode != 0 || got.TotalCount != 2 || !strings.Contains(got.raw, `"PriceSet"`) {
			t.Errorf("RetCode %d %s: %s", got.RetCode, got.Message, got.raw)
		}
	})
	t.Run("JSON POST with a bool", func(t *testing.T) {
		asStrings := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Extra": "true", "PublicKey": DefaultUCloudPublicKey}
		body, _ := json.Marshal(map[string]any{"Action": "DescribeImage", "Region": "cn-bj2", "Extra": true,
			"PublicKey": DefaultUCloudPublicKey, "Signature": ucloudSignature(asStrings, DefaultUCloudPrivateKey)})
		resp, err := http.Post(srv.URL+"/", "application/json; charset=utf-8", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		if got := readUCloudAnswer(t, resp); got.RetCode != 0 {
			t.Errorf("RetCode %d %s", got.RetCode, got.Message)
		}
	})
	t.Run("malformed JSON", func(t *testing.T) {
		resp, err := http.Post(srv.URL+"/", "application/json", strings.NewReader(`{"Action":`))
		if err != nil {
			t.Fatal(err)
		}
		if got := readUCloudAnswer(t, resp); got.RetCode != 230 || got.requestID == "" {
			t.Errorf("RetCode %d %s, want 230 with a request id", got.RetCode, got.Message)
		}
	})
	t.Run("PUT is refused", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPut, srv.URL+"/", strings.NewReader(signed.Encode()))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if got := readUCloudAnswer(t, resp); got.status != http.StatusMethodNotAllowed || got.requestID == "" {
			t.Errorf("HTTP %d, want 405 with a request id", got.status)
		}
	})
}

func TestUCloud_RequestUUIDHeader(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog(), Faults: Faults{UnavailableEvery: 3}})
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		got := callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2"})
		if got.requestID == "" || seen[got.requestID] {
			t.Fatalf("request %d: X-UCLOUD-REQUEST-UUID %q missing or repeated", i+1, got.requestID)
		}
		seen[got.requestID] = true
		if i == 2 && got.status != http.StatusServiceUnavailable {
			t.Errorf("request 3: HTTP %d, want 503", got.status)
		}
	}
}
