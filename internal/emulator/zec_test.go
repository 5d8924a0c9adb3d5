package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
)

type zecAnswer struct {
	status    int
	RequestID string `json:"requestId"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	Response  *struct {
		RequestID  string         `json:"requestId"`
		TotalCount int            `json:"totalCount"`
		DataSet    []zecImageWire `json:"dataSet"`
	} `json:"response"`
}

func (a zecAnswer) ids() []string {
	out := []string{}
	if a.Response != nil {
		for _, img := range a.Response.DataSet {
			out = append(out, img.ImageID)
		}
	}
	slices.Sort(out)
	return out
}

func zecCall(body string) zenlayerCall {
	c := defaultZenlayerCall(body)
	c.path, c.version = zecPath, zecVersion
	c.extraHeaders = map[string]string{"x-zc-service": zecService}
	return c
}

func doZEC(t *testing.T, s *Server, c zenlayerCall) zecAnswer {
	t.Helper()
	raw := c.do(t, s)
	// do decoded the BMC shape; decode again as ZEC, from the same body.
	rec := zecAnswer{status: raw.status}
	if err := json.Unmarshal([]byte(raw.raw), &rec); err != nil {
		t.Fatalf("HTTP %d, body %q: %v", raw.status, raw.raw, err)
	}
	return rec
}

func newZECServer(opts Options) *Server {
	opts.ClockSkew = -1
	return New(opts)
}

// The built-in catalog, by filter: what each filter selects is exactly the catalog's matching images.
func TestZEC_Filters(t *testing.T) {
	s := newZECServer(Options{})
	for _, tt := range []struct {
		name, body string
		want       []string
	}{
		{"zone with few images", `{"zoneId":"asia-southeast-1a","pageSize":1000}`, []string{"img-centos-7-9", "img-db-base",
			"img-debian-10", "img-debian-12", "img-debian-9", "img-rocky-8-10", "img-rocky-8-9", "img-ubuntu-2004",
			"img-ubuntu-2204", "img-ubuntu-2404", "img-win-2019", "img-win-2022"}},
		{"zone without images", `{"zoneId":"eu-central-1a"}`, []string{}},
		{"ids", `{"imageIds":["img-win-2022","img-nope","img-web-v2"]}`, []string{"img-web-v2", "img-win-2022"}},
		{"name is a substring, any case", `{"zoneId":"asia-east-1a","imageName":"GOLDEN-v1"}`,
			[]string{"img-web-v10a", "img-web-v10b", "img-web-v11"}},
		{"category", `{"zoneId":"na-west-1a","category":"Windows"}`, []string{"img-win-2019", "img-win-2022"}},
		{"os type", `{"osType":"bsd"}`, []string{"img-freebsd-14"}},
		{"image type and source", `{"zoneId":"asia-east-1a","imageType":"PUBLIC_IMAGE","imageSource":"MARKETING"}`,
			[]string{"img-mkt-wordpress"}},
		{"status", `{"imageStatus":"CREATING"}`, []string{"img-web-v11"}},
		{"tag keys", `{"tagKeys":["team","env"]}`, []string{"img-db-base", "img-web-v10a", "img-web-v10b", "img-web-v11", "img-web-v2"}},
		{"tags", `{"tags":[{"key":"team","value":"web"},{"key":"env","value":"prod"}]}`,
			[]string{"img-web-v10a", "img-web-v10b", "img-web-v11"}},
		{"tag with another value", `{"tags":[{"key":"team","value":"WEB"}]}`, []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := doZEC(t, s, zecCall(tt.body))
			if a.status != http.StatusOK {
				t.Fatalf("HTTP %d %s: %s", a.status, a.Code, a.Message)
			}
			if got := a.ids(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if a.Response.TotalCount != len(tt.want) || a.Response.RequestID != a.RequestID {
				t.Errorf("totalCount %d, request IDs %q/%q", a.Response.TotalCount, a.RequestID, a.Response.RequestID)
			}
		})
	}
}

// The answer carries every field of the API's Image: imageSize a string, tags as {"tags": [...]} by key.
func TestZEC_ImageShape(t *testing.T) {
	a := doZEC(t, newZECServer(Options{}), zecCall(`{"imageIds":["img-web-v10b"]}`))
	if a.status != http.StatusOK || len(a.Response.DataSet) != 1 {
		t.Fatalf("HTTP %d: %+v", a.status, a)
	}
	want := zecImageWire{ImageID: "img-web-v10b", ImageName: "web-golden-v10", ImageType: "CUSTOM_IMAGE",
		ImageSource: "CUSTOM", ImageSize: "25", ImageDescription: "web tier, tenth build, copied", ImageVersion: "v10",
		ImageStatus: "AVAILABLE", NicNetworkType: []string{"vf", "virtio"}, Category: "Ubuntu", OsType: "linux"}
	want.Tags.Tags = []zecTag{{"copy", "yes"}, {"env", "prod"}, {"team", "web"}}
	if got := a.Response.DataSet[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("image\n%+v\nwant\n%+v", got, want)
	}
	untagged := doZEC(t, newZECServer(Options{}), zecCall(`{"imageIds":["img-win-2022"]}`))
	var raw map[string]json.RawMessage
	body, _ := json.Marshal(untagged.Response.DataSet[0])
	_ = json.Unmarshal(body, &raw)
	if string(raw["tags"]) != `{"tags":[]}` {
		t.Errorf("an image without tags has tags %s", raw["tags"])
	}
}

func TestZEC_Paging(t *testing.T) {
	all := doZEC(t, newZECServer(Options{}), zecCall(`{"pageSize":1000}`)).ids()
	if len(all) != len(DefaultCatalog().ZEC) {
		t.Fatalf("%d images, want the whole zec catalog (%d)", len(all), len(DefaultCatalog().ZEC))
	}
	for _, tt := range []struct {
		name, body string
		opts       Options
		want       int
	}{
		{"default page size 20", `{}`, Options{}, min(20, len(all))},
		{"page 2 of 7", `{"pageNum":2,"pageSize":7}`, Options{}, 7},
		{"past the end", `{"pageNum":9,"pageSize":7}`, Options{}, 0},
		{"pageSize above 1000 is capped", `{"pageSize":5000}`, Options{}, len(all)},
		{"a lower cap", `{"pageSize":1000}`, Options{ZECPageSize: 3}, 3},
	} {
		a := doZEC(t, newZECServer(tt.opts), zecCall(tt.body))
		if a.status != http.StatusOK || len(a.Response.DataSet) != tt.want || a.Response.TotalCount != len(all) {
			t.Errorf("%s: HTTP %d, %d images of total %d, want %d of %d", tt.name, a.status, len(a.Response.DataSet),
				a.Response.TotalCount, tt.want, len(all))
		}
	}
	// pages of 3 under the cap cover the catalog exactly once
	s := newZECServer(Options{ZECPageSize: 3})
	var got []string
	for page := 1; page <= (len(all)+2)/3; page++ {
		a := doZEC(t, s, zecCall(`{"pageSize":1000,"pageNum":`+itoa(page)+`}`))
		for _, img := range a.Response.DataSet {
			got = append(got, img.ImageID)
		}
	}
	slices.Sort(got)
	if !reflect.DeepEqual(got, all) {
		t.Errorf("capped pages gave %v, want %v", got, all)
	}
}

func TestZEC_Errors(t *testing.T) {
	s := newZECServer(Options{})
	wrongService := zecCall(`{}`)
	wrongService.extraHeaders = map[string]string{"x-zc-service": "bmc"}
	oldVersion := zecCall(`{}`)
	oldVersion.version = "2026-02-01"
	badKey := zecCall(`{}`)
	badKey.password = "wrong"
	for _, tt := range []struct {
		name   string
		call   zenlayerCall
		status int
		code   string
	}{
		{"unknown zone", zecCall(`{"zoneId":"mars-1a"}`), http.StatusNotFound, zecCodeZoneNotFound},
		{"pageNum 0", zecCall(`{"pageNum":0}`), http.StatusBadRequest, zenlayerCodeBadParam},
		{"pageSize not a number", zecCall(`{"pageSize":"ten"}`), http.StatusBadRequest, zenlayerCodeBadParam},
		{"tags not objects", zecCall(`{"tags":["env=prod"]}`), http.StatusBadRequest, zenlayerCodeBadParam},
		{"21 tag keys", zecCall(`{"tagKeys":[` + strings.TrimSuffix(strings.Repeat(`"k",`, 21), ",") + `]}`),
			http.StatusBadRequest, zenlayerCodeBadParam},
		{"BMC's service header", wrongService, http.StatusBadRequest, zenlayerCodeBadAction},
		{"BMC's version", oldVersion, http.StatusBadRequest, zenlayerCodeBadVersion},
		{"wrong password", badKey, http.StatusUnauthorized, zenlayerCodeSigMatch},
	} {
		a := doZEC(t, s, tt.call)
		if a.status != tt.status || a.Code != tt.code || a.Response != nil {
			t.Errorf("%s: HTTP %d %s %q, want HTTP %d %s", tt.name, a.status, a.Code, a.Message, tt.status, tt.code)
		}
	}
	if got := s.Stats().SignatureFailures; got != 1 {
		t.Errorf("%d signature failures counted, want 1", got)
	}
}

// The faults apply to ZEC as to every API request.
func TestZEC_Faults(t *testing.T) {
	s := newZECServer(Options{Faults: Faults{UnavailableEvery: 2, ThrottleEvery: 3}})
	statuses := []int{}
	for range 3 {
		statuses = append(statuses, doZEC(t, s, zecCall(`{}`)).status)
	}
	if want := []int{200, 503, 429}; !reflect.DeepEqual(statuses, want) {
		t.Errorf("statuses %v, want %v", statuses, want)
	}
}

func TestZEC_CatalogValidationAndExport(t *testing.T) {
	bad := `{"zec":[{"imageId":"a","imageName":"n","imageType":"PUBLIC_IMAGE","imageSource":"OFFICIAL","imageSize":"big",` +
		`"imageStatus":"AVAILABLE","category":"Ubuntu","osType":"linux","zoneIds":["moon-1a"]},` +
		`{"imageId":"a","imageName":"n","imageType":"PUBLIC_IMAGE","imageSource":"OFFICIAL","imageStatus":"AVAILABLE",` +
		`"category":"Ubuntu","osType":"linux","zoneIds":[]}],"zec_zones":["asia-east-1a"]}`
	_, err := LoadCatalog(writeCatalog(t, bad))
	for _, want := range []string{`imageSize "big" is not a number`, `zone "moon-1a" is not listed in zec_zones`,
		`duplicate zec image ID "a"`, "zec[1] (a): no zoneIds"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not say %q", err, want)
		}
	}

	var out bytes.Buffer
	if err := WriteCatalog(&out, DefaultCatalog()); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadCatalog(writeCatalog(t, out.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(loaded.ZEC, DefaultCatalog().ZEC) || !reflect.DeepEqual(loaded.ZECZones, DefaultCatalog().ZECZones) {
		t.Error("the exported catalog does not hold the zec section as it is")
	}
	if generated := GenerateCatalog(3, "", "", 1); len(generated.ZEC) != len(DefaultCatalog().ZEC) {
		t.Errorf("a generated catalog has %d zec images, want the built-in ones", len(generated.ZEC))
	}
}
