package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

const vectorV3Body = `{"imageIds":["bd5faa16-39d2-4bbf-a5c8-b95a193b1626"],"imageName":"CentOS7.4-x86_64","catalog":"centos","imageType":"PUBLIC_IMAGE","osType":"linux","instanceTypeId":"M6C"}`

// vectorKeys are the access keys of the reference vectors V1-V3.
var vectorKeys = map[string]string{
	"AKIDzenlayerTEST0001": "zenlayerTESTpassword0001",
	"AKIDzenlayerTEST0002": "zenlayerTESTpassword0002",
	"AKIDzenlayerTEST0003": "zenlayerTESTpassword0003",
}

// zenlayerCall is one request built exactly; header names are set raw (lowercase) as the Go SDK writes them.
type zenlayerCall struct {
	method, path, host, body, timestamp, version, action string
	keyID, password                                      string
	authorization                                        string // overrides the computed one when set
	extraHeaders                                         map[string]string
}

type zenlayerAnswer struct {
	status    int
	raw       string
	RequestID string `json:"requestId"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	Response  *struct {
		RequestID string     `json:"requestId"`
		Images    []BMCImage `json:"images"`
	} `json:"response"`
}

func (a zenlayerAnswer) names() []string {
	out := []string{}
	if a.Response != nil {
		for _, img := range a.Response.Images {
			out = append(out, img.ImageName)
		}
	}
	return out
}

func defaultZenlayerCall(body string) zenlayerCall {
	return zenlayerCall{method: http.MethodPost, path: "/api/v2/bmc", host: "console.zenlayer.com", body: body,
		timestamp: "1700000000", version: "2026-02-01", action: "DescribeImages",
		keyID: DefaultZenlayerAccessKeyID, password: DefaultZenlayerAccessKeyPassword}
}

func (c zenlayerCall) do(t *testing.T, handler http.Handler) zenlayerAnswer {
	t.Helper()
	req := httptest.NewRequest(c.method, "http://"+c.host+c.path, strings.NewReader(c.body))
	req.Host = c.host
	req.Header = http.Header{}
	req.Header["Content-Type"] = []string{"application/json"}
	req.Header["x-zc-version"] = []string{c.version}
	req.Header["x-zc-action"] = []string{c.action}
	req.Header["x-zc-service"] = []string{"bmc"}
	req.Header["x-zc-signature-method"] = []string{"ZC2-HMAC-SHA256"}
	req.Header["x-zc-timestamp"] = []string{c.timestamp}
	for k, v := range c.extraHeaders {
		req.Header[k] = []string{v}
	}
	auth := c.authorization
	if auth == "" {
		signature := zenlayerSignature(c.password, c.timestamp, req.Header["Content-Type"][0], c.host, []byte(c.body))
		auth = "ZC2-HMAC-SHA256 Credential=" + c.keyID + ", SignedHeaders=content-type;host, Signature=" + signature
	}
	req.Header["Authorization"] = []string{auth}
	// Raw header names must be canonical for Header.Get; the server sees them canonicalised, as net/http does.
	canonical := http.Header{}
	for k, v := range req.Header {
		canonical[http.CanonicalHeaderKey(k)] = v
	}
	req.Header = canonical
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	answer := zenlayerAnswer{status: rec.Code, raw: rec.Body.String()}
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil && rec.Code != http.StatusNoContent {
		t.Fatalf("HTTP %d, body %q: %v", rec.Code, rec.Body.String(), err)
	}
	return answer
}

func fixedNow(unix int64) func() time.Time {
	return func() time.Time { return time.Unix(unix, 0) }
}

func TestZenlayer_ReferenceVectorsVerify(t *testing.T) {
	emu := New(Options{ZenlayerKeys: vectorKeys, ClockSkew: -1})
	const v1Auth = "ZC2-HMAC-SHA256 Credential=AKIDzenlayerTEST0001, SignedHeaders=content-type;host, Signature=9ab39caac7e68c278c63af606c68f24a1e78f40165fcb7606ff3c6e998647083"
	const v2Auth = "ZC2-HMAC-SHA256 Credential=AKIDzenlayerTEST0002, SignedHeaders=content-type;host, Signature=c4524bf2a3390c8a89502aacdcf712678494bff04f6bec63a9778178c21719fd"
	const v3Auth = "ZC2-HMAC-SHA256 Credential=AKIDzenlayerTEST0003, SignedHeaders=content-type;host, Signature=2389d43e9732d83c0ac7f1f0d30a5ebae95239f56aedd0b10dae637f90a32d8e"
	v1 := defaultZenlayerCall("{}")
	v1.version, v1.authorization = "2022-11-20", v1Auth
	v2 := defaultZenlayerCall(`{"catalog":"centos","instanceTypeId":"S9I"}`)
	v2.timestamp, v2.authorization = "1767225600", v2Auth
	v3 := defaultZenlayerCall(vectorV3Body)
	v3.host, v3.timestamp, v3.version, v3.authorization = "127.0.0.1:8080", "1735689600", "2022-11-20", v3Auth

	tests := []struct {
		name      string
		call      zenlayerCall
		wantNames []string
	}{
		{"V1", v1, nil},
		{"V2", v2, []string{"CentOS7.4-x86_64", "CentOS7.9-x86_64", "my-centos7-golden"}},
		{"V3", v3, []string{"CentOS7.4-x86_64"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.call.do(t, emu)
			if got.status != http.StatusOK || got.Response == nil {
				t.Fatalf("HTTP %d %s %s", got.status, got.Code, got.Message)
			}
			if got.RequestID == "" || got.Response.RequestID != got.RequestID {
				t.Errorf("requestId %q / %q, want the same non-empty value twice", got.RequestID, got.Response.RequestID)
			}
			if tt.wantNames != nil && !reflect.DeepEqual(sorted(got.names()), tt.wantNames) {
				t.Errorf("images = %v, want %v", sorted(got.names()), tt.wantNames)
			}
			if tt.wantNames == nil && len(got.names()) != len(DefaultCatalog().BMC) {
				t.Errorf("no filters: %d images, want all %d", len(got.names()), len(DefaultCatalog().BMC))
			}
			off := tt.call
			i := len(off.authorization) - 1
			last := off.authorization[i]
			if last == '0' {
				last = '1'
			} else {
				last = '0'
			}
			off.authorization = off.authorization[:i] + string(last)
			if bad := off.do(t, emu); bad.status != http.StatusUnauthorized || bad.Code != "SIGNATURE_NOT_MATCH" {
				t.Errorf("one character off: HTTP %d %s, want 401 SIGNATURE_NOT_MATCH", bad.status, bad.Code)
			}
		})
	}
	// The signature covers host and body: the same V1 Authorization with another host or body fails.
	moved := v1
	moved.host = "127.0.0.1:8080"
	if got := moved.do(t, emu); got.status != http.StatusUnauthorized {
		t.Errorf("V1 with another host: HTTP %d, want 401", got.status)
	}
	reformatted := v1
	reformatted.body = "{ }"
	if got := reformatted.do(t, emu); got.status != http.StatusUnauthorized {
		t.Errorf("V1 with another body: HTTP %d, want 401", got.status)
	}
}

func TestZenlayer_Auth(t *testing.T) {
	const now = 1700000000
	emu := New(Options{Now: fixedNow(now)})
	tests := []struct {
		name   string
		modify func(*zenlayerCall)
		status int
		code   string
	}{
		{"fresh timestamp", func(c *zenlayerCall) {}, 200, ""},
		{"within the window", func(c *zenlayerCall) { c.timestamp = strconv.Itoa(now - 299) }, 200, ""},
		{"stale timestamp", func(c *zenlayerCall) { c.timestamp = strconv.Itoa(now - 301) }, 401, "AUTH_FAILED"},
		{"future timestamp", func(c *zenlayerCall) { c.timestamp = strconv.Itoa(now + 301) }, 401, "AUTH_FAILED"},
		{"timestamp not a number", func(c *zenlayerCall) { c.timestamp = "soon" }, 401, "AUTH_FAILED"},
		{"unknown access key", func(c *zenlayerCall) { c.keyID = "AKIDnobody" }, 401, "AUTH_FAILED"},
		{"wrong password", func(c *zenlayerCall) { c.password = "wrong" }, 401, "SIGNATURE_NOT_MATCH"},
		{"bearer token", func(c *zenlayerCall) { c.authorization = "Bearer abc" }, 401, "AUTH_FAILED"},
		{"other signed headers", func(c *zenlayerCall) {
			c.authorization = "ZC2-HMAC-SHA256 Credential=" + DefaultZenlayerAccessKeyID + ", SignedHeaders=host, Signature=00"
		}, 401, "AUTH_FAILED"},
		{"other signature method", func(c *zenlayerCall) {
			c.extraHeaders = map[string]string{"x-zc-signature-method": "HMAC-SHA1"}
		}, 401, "AUTH_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call := defaultZenlayerCall("{}")
			tt.modify(&call)
			got := call.do(t, emu)
			if got.status != tt.status || got.Code != tt.code {
				t.Fatalf("HTTP %d %s %q, want %d %s", got.status, got.Code, got.Message, tt.status, tt.code)
			}
			if strings.Contains(got.raw, DefaultZenlayerAccessKeyPassword) {
				t.Error("the answer contains the password")
			}
		})
	}
	if n := emu.Stats().SignatureFailures; n != 8 {
		t.Errorf("signature failures = %d, want 8", n)
	}
}

func TestZenlayer_Errors(t *testing.T) {
	emu := New(Options{ClockSkew: -1})
	tests := []struct {
		name   string
		modify func(*zenlayerCall)
		status int
		code   string
	}{
		{"malformed JSON", func(c *zenlayerCall) { c.body = `{"catalog":` }, 400, "INVALID_PARAMETER"},
		{"not an object", func(c *zenlayerCall) { c.body = `["centos"]` }, 400, "INVALID_PARAMETER"},
		{"wrong type", func(c *zenlayerCall) { c.body = `{"imageIds":"abc"}` }, 400, "INVALID_PARAMETER"},
		{"unknown instance type", func(c *zenlayerCall) { c.body = `{"instanceTypeId":"X99"}` }, 404, "INVALID_INSTANCE_TYPE_NOT_FOUND"},
		{"GET", func(c *zenlayerCall) { c.method = http.MethodGet }, 405, "UNSUPPORTED_OPERATION"},
		{"other action", func(c *zenlayerCall) { c.action = "DescribeInstances" }, 400, "INVALID_ACTION"},
		{"no action", func(c *zenlayerCall) { c.action = "" }, 400, "MISSING_PARAMETER"},
		{"other version", func(c *zenlayerCall) { c.version = "2023-01-01" }, 400, "INVALID_VERSION"},
		{"no version", func(c *zenlayerCall) { c.version = "" }, 400, "MISSING_PARAMETER"},
		{"other service", func(c *zenlayerCall) { c.extraHeaders = map[string]string{"x-zc-service": "vm"} }, 400, "INVALID_ACTION"},
		{"other path", func(c *zenlayerCall) { c.path = "/api/v2/vm" }, 404, "NOT_FOUND"},
		{"2022-11-20", func(c *zenlayerCall) { c.version = "2022-11-20" }, 200, ""},
		{"X-TC-Action alias", func(c *zenlayerCall) {
			c.action = ""
			c.extraHeaders = map[string]string{"X-TC-Action": "DescribeImages"}
		}, 200, ""},
		{"empty body counts as {}", func(c *zenlayerCall) { c.body = "" }, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call := defaultZenlayerCall("{}")
			tt.modify(&call)
			got := call.do(t, emu)
			if got.status != tt.status || got.Code != tt.code {
				t.Fatalf("HTTP %d %s %q, want %d %s", got.status, got.Code, got.Message, tt.status, tt.code)
			}
			if tt.status != 200 && got.RequestID == "" && tt.code != "NOT_FOUND" {
				t.Error("error envelope without requestId")
			}
		})
	}
}

func TestZenlayer_Throttled(t *testing.T) {
	emu := New(Options{ClockSkew: -1, Faults: Faults{ThrottleEvery: 1}})
	got := defaultZenlayerCall("{}").do(t, emu)
	if got.status != http.StatusTooManyRequests || got.Code != "REQUEST_LIMIT_EXCEEDED" || got.RequestID == "" {
		t.Fatalf("HTTP %d %s, want 429 REQUEST_LIMIT_EXCEEDED", got.status, got.Code)
	}
}

func TestZenlayer_Filters(t *testing.T) {
	catalog := &Catalog{
		BMC: []BMCImage{
			{ImageID: "id-1", ImageName: "CentOS7.4-x86_64", Catalog: "centos", ImageType: "PUBLIC_IMAGE", OsType: "linux", InstanceTypes: []string{"S9I", "M6C"}},
			{ImageID: "id-2", ImageName: "Ubuntu22.04-x86_64", Catalog: "ubuntu", ImageType: "PUBLIC_IMAGE", OsType: "linux", InstanceTypes: []string{"M6C"}},
			{ImageID: "id-3", ImageName: "Windows2022-x86_64", Catalog: "windows", ImageType: "PUBLIC_IMAGE", OsType: "windows", InstanceTypes: []string{"M10C"}},
			{ImageID: "id-4", ImageName: "my-centos", Catalog: "centos", ImageType: "CUSTOM_IMAGE", OsType: "linux", InstanceTypes: []string{"S9I"}},
		},
		BMCInstanceTypes: []string{"S9I", "M6C", "M10C", "L5S"},
	}
	emu := New(Options{Catalog: catalog, ClockSkew: -1})
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"none", `{}`, []string{"id-1", "id-2", "id-3", "id-4"}},
		{"imageIds", `{"imageIds":["id-2","id-4","id-unknown"]}`, []string{"id-2", "id-4"}},
		{"imageName exact", `{"imageName":"CentOS7.4-x86_64"}`, []string{"id-1"}},
		{"imageName is case-sensitive", `{"imageName":"centos7.4-x86_64"}`, []string{}},
		{"imageName is not fuzzy", `{"imageName":"CentOS"}`, []string{}},
		{"catalog", `{"catalog":"centos"}`, []string{"id-1", "id-4"}},
		{"imageType", `{"imageType":"CUSTOM_IMAGE"}`, []string{"id-4"}},
		{"osType", `{"osType":"windows"}`, []string{"id-3"}},
		{"instanceTypeId", `{"instanceTypeId":"M6C"}`, []string{"id-1", "id-2"}},
		{"known type without images", `{"instanceTypeId":"L5S"}`, []string{}},
		{"empty strings and null are no filter", `{"imageName":"","catalog":null,"imageIds":[]}`, []string{"id-1", "id-2", "id-3", "id-4"}},
		{"all six", `{"imageIds":["id-1","id-4"],"imageName":"my-centos","catalog":"centos","imageType":"CUSTOM_IMAGE","osType":"linux","instanceTypeId":"S9I"}`, []string{"id-4"}},
		{"unknown keys ignored", `{"pageNum":1,"catalog":"ubuntu"}`, []string{"id-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := defaultZenlayerCall(tt.body).do(t, emu)
			if got.status != http.StatusOK || got.Response == nil {
				t.Fatalf("HTTP %d %s %s", got.status, got.Code, got.Message)
			}
			ids := []string{}
			for _, img := range got.Response.Images {
				ids = append(ids, img.ImageID)
			}
			if !reflect.DeepEqual(sorted(ids), tt.want) {
				t.Errorf("ids = %v, want %v", sorted(ids), tt.want)
			}
			if !strings.Contains(got.raw, `"images":[`) || strings.Contains(got.raw, "instanceTypeIds") {
				t.Errorf("wire form: %s", got.raw)
			}
		})
	}
}

func TestZenlayer_OverHTTP(t *testing.T) {
	// A real listener: Host carries the port, and the client signs exactly what it sends.
	srv := httptest.NewServer(New(Options{}))
	t.Cleanup(srv.Close)
	req := signedZenlayerRequest(t, srv.URL, `{"catalog":"ubuntu","instanceTypeId":"S9I"}`)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer zenlayerAnswer
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("HTTP %d %s: %v", resp.StatusCode, answer.Code, err)
	}
	want := []string{"Ubuntu18.04-x86_64", "Ubuntu20.04-x86_64", "Ubuntu22.04-x86_64"}
	if got := sorted(answer.names()); !reflect.DeepEqual(got, want) {
		t.Errorf("images = %v, want %v", got, want)
	}
}

// signedZenlayerRequest builds a DescribeImages request for a real listener, signed with the default key now.
func signedZenlayerRequest(t *testing.T, baseURL, body string) *http.Request {
	t.Helper()
	host := strings.TrimPrefix(baseURL, "http://")
	timestamp := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, baseURL+"/api/v2/bmc", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-ZC-Action", "DescribeImages")
	req.Header.Set("X-ZC-Service", "bmc")
	req.Header.Set("X-ZC-Version", "2026-02-01")
	req.Header.Set("X-ZC-Signature-Method", "ZC2-HMAC-SHA256")
	req.Header.Set("X-ZC-Timestamp", timestamp)
	req.Header.Set("Authorization", "ZC2-HMAC-SHA256 Credential="+DefaultZenlayerAccessKeyID+", SignedHeaders=content-type;host, Signature="+
		zenlayerSignature(DefaultZenlayerAccessKeyPassword, timestamp, "application/json", host, []byte(body)))
	return req
}
