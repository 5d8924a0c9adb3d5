package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const okPage = `{"Action":"DescribeImageResponse","RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"uimage-1"}]}`

func TestDescribeImage_WireFormat(t *testing.T) {
	type captured struct{ method, uri, contentType, userAgent, body string }
	tests := []struct {
		name string
		call func(c *UCloud) error
		want captured
	}{
		{
			name: "vector B",
			call: func(c *UCloud) error {
				_, err := c.describeImage(context.Background(), DescribeImageRequest{
					Region: "cn-bj2", Zone: "cn-bj2-04", ProjectID: "org-abc123", ImageType: "Base", OsType: "Linux",
					FuncType: "uhost", PriceSet: true, ImageIDs: []string{"uimage-aaa111", "uimage-bbb222"}}, 0, 100)
				return err
			},
			want: captured{method: "POST", uri: "/?Action=DescribeImage", contentType: "application/x-www-form-urlencoded",
				userAgent: "terraform-provider-imagepick/dev",
				body:      "Action=DescribeImage&FuncType=uhost&ImageIds.0=uimage-aaa111&ImageIds.1=uimage-bbb222&ImageType=Base&Limit=100&Offset=0&OsType=Linux&PriceSet=1&ProjectId=org-abc123&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=9e34743e43e41b85f7f0c4c498938a70943f8405&Zone=cn-bj2-04"},
		},
		{
			name: "vector C",
			call: func(c *UCloud) error {
				var ids []string
				for i := 0; i <= 10; i++ {
					ids = append(ids, fmt.Sprintf("pimg-%02d", i))
				}
				_, err := c.describePHostImage(context.Background(), DescribePHostImageRequest{
					Region: "cn-bj2", Zone: "cn-bj2-05", ImageType: "Base", ImageIDs: ids}, 0, 20)
				return err
			},
			want: captured{method: "POST", uri: "/?Action=DescribePHostImage", contentType: "application/x-www-form-urlencoded",
				userAgent: "terraform-provider-imagepick/dev",
				body:      "Action=DescribePHostImage&ImageId.0=pimg-00&ImageId.1=pimg-01&ImageId.10=pimg-10&ImageId.2=pimg-02&ImageId.3=pimg-03&ImageId.4=pimg-04&ImageId.5=pimg-05&ImageId.6=pimg-06&ImageId.7=pimg-07&ImageId.8=pimg-08&ImageId.9=pimg-09&ImageType=Base&Limit=20&Offset=0&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=bd476d78400ddfdcce473729f8c22b5927cc4740&Zone=cn-bj2-05"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make(chan captured, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				got <- captured{r.Method, r.RequestURI, r.Header.Get("Content-Type"), r.Header.Get("User-Agent"), string(body)}
				fmt.Fprint(w, `{"RetCode":0,"TotalCount":0,"ImageSet":[]}`)
			}))
			t.Cleanup(srv.Close)
			if err := tt.call(newTestUCloud(srv.URL+"/", testOptions())); err != nil {
				t.Fatal(err)
			}
			if g := <-got; g != tt.want {
				t.Errorf("request\n got %+v\nwant %+v", g, tt.want)
			}
		})
	}
}

func TestDescribeImage_Decodes(t *testing.T) {
	srv, _ := newScriptedServer(t, canned{header: map[string]string{"X-UCLOUD-REQUEST-UUID": "uuid-1"}, body: `{
		"Action":"DescribeImageResponse","RetCode":"0","TotalCount":42,"Unknown":{"x":1},
		"ImageSet":[{"Zone":"cn-bj2-04","ImageId":"uimage-1","ImageName":"CentOS 7.9","Tag":"Default","OsType":"Linux",
		"OsName":"CentOS 7.9 64位","ImageType":"Base","Features":["NetEnhnced","CloudInit"],"FuncType":"uhost",
		"IntegratedSoftware":"nginx","Vendor":"UCloud","Links":"https://x","State":"Available","ImageDescription":"d",
		"CreateTime":1700000000,"ImageSize":20,"MinimalCPU":"Broadwell","MaintainEol":"2024/06/30",
		"DataSnapshotIds":["snap-1"],"SupportedGPUTypes":["T4"],"SceneCategories":["Featured"],"PrimarySoftware":"nginx",
		"PriceSet":[{"ChargeType":"Month","Price":12.5,"OriginalPrice":20}]}]}`})
	resp, err := newTestUCloud(srv.URL, testOptions()).describeImage(context.Background(), DescribeImageRequest{Region: "cn-bj2"}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := UHostImage{Zone: "cn-bj2-04", ImageID: "uimage-1", ImageName: "CentOS 7.9", Tag: "Default", OsType: "Linux",
		OsName: "CentOS 7.9 64位", ImageType: "Base", Features: []string{"NetEnhnced", "CloudInit"}, FuncType: "uhost",
		IntegratedSoftware: "nginx", Vendor: "UCloud", Links: "https://x", State: "Available", ImageDescription: "d",
		CreateTime: 1700000000, ImageSize: 20, MinimalCPU: "Broadwell", MaintainEol: "2024/06/30",
		DataSnapshotIDs: []string{"snap-1"}, SupportedGPUTypes: []string{"T4"}, SceneCategories: []string{"Featured"},
		PrimarySoftware: "nginx", PriceSet: []BasePriceSet{{ChargeType: "Month", Price: 12.5, OriginalPrice: 20}}}
	if resp.TotalCount != 42 || resp.RequestID != "uuid-1" || len(resp.ImageSet) != 1 {
		t.Fatalf("resp = %+v", resp)
	}
	if g := fmt.Sprintf("%+v", resp.ImageSet[0]); g != fmt.Sprintf("%+v", want) {
		t.Errorf("image\n got %s\nwant %s", g, fmt.Sprintf("%+v", want))
	}
}

func TestDescribeImage_ErrorClasses(t *testing.T) {
	retCode := func(code string) canned {
		return canned{header: map[string]string{"X-UCLOUD-REQUEST-UUID": "uuid-err"},
			body: `{"Action":"DescribeImageResponse","RetCode":` + code + `,"Message":"m` + strings.Trim(code, `"`) + `"}`}
	}
	tests := []struct {
		name         string
		answer       canned
		wantAttempts int64
		wantAPI      bool // errors.As finds *APIError
		wantAuth     bool
		wantCode     string
		wantStatus   int
		wantText     string
	}{
		// retried: 1 + MaxRetries(3) attempts
		{name: "HTTP 429", answer: canned{status: 429}, wantAttempts: 4, wantAPI: true, wantStatus: 429, wantText: "giving up after 4 attempts"},
		{name: "HTTP 500", answer: canned{status: 500, body: `{"RetCode":0}`}, wantAttempts: 4, wantAPI: true, wantStatus: 500},
		{name: "HTTP 502 HTML", answer: canned{status: 502, body: "<html>bad gateway</html>", contentTyp: "text/html"}, wantAttempts: 4, wantAPI: true, wantStatus: 502},
		{name: "HTTP 503 empty", answer: canned{status: 503}, wantAttempts: 4, wantAPI: true, wantStatus: 503},
		{name: "HTTP 504", answer: canned{status: 504}, wantAttempts: 4, wantAPI: true, wantStatus: 504},
		{name: "RetCode 150 unavailable", answer: retCode("150"), wantAttempts: 4, wantAPI: true, wantCode: "150", wantText: "RetCode 150: m150 (request id uuid-err)"},
		{name: "RetCode 153 throttled", answer: retCode("153"), wantAttempts: 4, wantAPI: true, wantCode: "153"},
		{name: "RetCode 2000", answer: retCode("2000"), wantAttempts: 4, wantAPI: true, wantCode: "2000"},
		{name: "RetCode 8889 product error", answer: retCode("8889"), wantAttempts: 4, wantAPI: true, wantCode: "8889"},
		{name: "connection dropped", answer: canned{dropConn: true}, wantAttempts: 4, wantText: "request failed"},
		{name: "body cut short (Content-Length)", answer: canned{body: okPage, cutBody: true}, wantAttempts: 4, wantText: "unexpected EOF"},
		{name: "truncated JSON", answer: canned{body: okPage[:40]}, wantAttempts: 4, wantText: "cut short"},
		// never retried
		{name: "RetCode 170", answer: retCode("170"), wantAttempts: 1, wantAPI: true, wantAuth: true, wantCode: "170"},
		{name: "RetCode 171", answer: retCode("171"), wantAttempts: 1, wantAPI: true, wantAuth: true, wantCode: "171",
			wantText: "UCloud DescribeImage: RetCode 171: m171 (request id uuid-err)"},
		{name: `RetCode "171" as a string`, answer: retCode(`"171"`), wantAttempts: 1, wantAPI: true, wantAuth: true, wantCode: "171"},
		{name: "RetCode 172", answer: retCode("172"), wantAttempts: 1, wantAPI: true, wantAuth: true, wantCode: "172"},
		{name: "RetCode 174", answer: retCode("174"), wantAttempts: 1, wantAPI: true, wantAuth: true, wantCode: "174"},
		{name: "RetCode 292", answer: retCode("292"), wantAttempts: 1, wantAPI: true, wantAuth: true, wantCode: "292"},
		{name: "RetCode 299", answer: retCode("299"), wantAttempts: 1, wantAPI: true, wantAuth: true, wantCode: "299"},
		{name: "RetCode 160", answer: retCode("160"), wantAttempts: 1, wantAPI: true, wantCode: "160"},
		{name: "RetCode 161", answer: retCode("161"), wantAttempts: 1, wantAPI: true, wantCode: "161"},
		{name: "RetCode 220", answer: retCode("220"), wantAttempts: 1, wantAPI: true, wantCode: "220"},
		{name: "RetCode 230", answer: retCode("230"), wantAttempts: 1, wantAPI: true, wantCode: "230"},
		{name: "RetCode 240", answer: retCode("240"), wantAttempts: 1, wantAPI: true, wantCode: "240"},
		{name: "RetCode 110", answer: retCode("110"), wantAttempts: 1, wantAPI: true, wantCode: "110"},
		{name: "RetCode 130", answer: retCode("130"), wantAttempts: 1, wantAPI: true, wantCode: "130"},
		{name: "HTTP 400", answer: canned{status: 400, body: okPage}, wantAttempts: 1, wantAPI: true, wantStatus: 400},
		{name: "HTTP 404 HTML", answer: canned{status: 404, body: "<html>"}, wantAttempts: 1, wantAPI: true, wantStatus: 404},
		{name: "HTTP 403 with RetCode", answer: canned{status: 403, body: `{"RetCode":171,"Message":"x"}`}, wantAttempts: 1, wantAPI: true, wantAuth: true, wantStatus: 403, wantCode: "171"},
		{name: "empty body", answer: canned{body: ""}, wantAttempts: 1, wantText: "empty body"},
		{name: "HTML body", answer: canned{body: "<html><body>proxy error</body></html>", contentTyp: "text/html"}, wantAttempts: 1, wantText: "not JSON"},
		{name: "JSON array", answer: canned{body: `[1,2]`}, wantAttempts: 1, wantText: "unexpected JSON shape"},
		{name: "JSON null", answer: canned{body: `null`}, wantAttempts: 1, wantText: "no RetCode"},
		{name: "missing RetCode", answer: canned{body: `{"TotalCount":1,"ImageSet":[]}`}, wantAttempts: 1, wantText: "no RetCode"},
		{name: "RetCode not a number", answer: canned{body: `{"RetCode":"abc"}`}, wantAttempts: 1, wantText: "RetCode is not an integer"},
		{name: "RetCode float", answer: canned{body: `{"RetCode":1.5}`}, wantAttempts: 1, wantText: "RetCode is not an integer"},
		{name: "TotalCount wrong type", answer: canned{body: `{"RetCode":0,"TotalCount":"many","ImageSet":[]}`}, wantAttempts: 1, wantText: "TotalCount"},
		{name: "TotalCount negative", answer: canned{body: `{"RetCode":0,"TotalCount":-1,"ImageSet":[]}`}, wantAttempts: 1, wantText: "TotalCount"},
		{name: "ImageSet wrong type", answer: canned{body: `{"RetCode":0,"TotalCount":1,"ImageSet":{"ImageId":"x"}}`}, wantAttempts: 1, wantText: "ImageSet"},
		{name: "image field wrong type", answer: canned{body: `{"RetCode":0,"TotalCount":1,"ImageSet":[{"CreateTime":"yesterday"}]}`}, wantAttempts: 1, wantText: "ImageSet"},
		{name: "items without TotalCount", answer: canned{body: `{"RetCode":0,"ImageSet":[{"ImageId":"x"}]}`}, wantAttempts: 1, wantText: "no TotalCount"},
		{name: "trailing garbage", answer: canned{body: okPage + "<html>"}, wantAttempts: 1, wantText: "after the JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, count := newScriptedServer(t, tt.answer)
			_, err := newTestUCloud(srv.URL, testOptions()).describeImage(context.Background(), DescribeImageRequest{Region: "cn-bj2"}, 0, 0)
			if err == nil {
				t.Fatal("no error")
			}
			if got := count.Load(); got != tt.wantAttempts {
				t.Errorf("attempts = %d, want %d (err: %v)", got, tt.wantAttempts, err)
			}
			if Attempts(err) != int(tt.wantAttempts) || Retryable(err) != (tt.wantAttempts > 1) {
				t.Errorf("Attempts = %d, Retryable = %v; want %d, %v", Attempts(err), Retryable(err), tt.wantAttempts, tt.wantAttempts > 1)
			}
			var apiErr *APIError
			if gotAPI := errors.As(err, &apiErr); gotAPI != tt.wantAPI {
				t.Fatalf("errors.As(*APIError) = %v, want %v (err: %v)", gotAPI, tt.wantAPI, err)
			}
			if apiErr != nil {
				if (apiErr.Kind == KindAuth) != tt.wantAuth {
					t.Errorf("IsAuth = %v, want %v", (apiErr.Kind == KindAuth), tt.wantAuth)
				}
				if Retryable(apiErr) != (tt.wantAttempts > 1) {
					t.Errorf("Retryable = %v", Retryable(apiErr))
				}
				if apiErr.Code != tt.wantCode {
					t.Errorf("Code = %q, want %q", apiErr.Code, tt.wantCode)
				}
				if want := max(tt.wantStatus, 200); apiErr.HTTPStatus != want {
					t.Errorf("HTTPStatus = %d, want %d", apiErr.HTTPStatus, want)
				}
				if apiErr.Cloud != "UCloud" || apiErr.Action != "DescribeImage" {
					t.Errorf("Cloud/Action = %s/%s", apiErr.Cloud, apiErr.Action)
				}
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
			if tt.wantAttempts > 1 && !strings.HasPrefix(err.Error(), "UCloud DescribeImage: giving up after 4 attempts: ") {
				t.Errorf("error %q does not say it gave up", err)
			}
		})
	}
}

func TestDescribeImage_RecoversAfterTransientErrors(t *testing.T) {
	srv, count := newScriptedServer(t,
		canned{status: 503, body: "<html>"},
		canned{body: `{"RetCode":153,"Message":"throttled"}`},
		canned{body: okPage[:30]},
		canned{body: okPage})
	resp, err := newTestUCloud(srv.URL, testOptions()).describeImage(context.Background(), DescribeImageRequest{Region: "cn-bj2"}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if count.Load() != 4 || len(resp.ImageSet) != 1 {
		t.Errorf("attempts = %d, images = %d; want 4, 1", count.Load(), len(resp.ImageSet))
	}
}

func TestDescribeImage_MaxRetries(t *testing.T) {
	for _, tt := range []struct{ maxRetries, wantAttempts int64 }{{-1, 1}, {0, 1}, {1, 2}, {5, 6}} {
		srv, count := newScriptedServer(t, canned{status: 503})
		opts := testOptions()
		opts.MaxRetries = int(tt.maxRetries)
		_, err := newTestUCloud(srv.URL, opts).describeImage(context.Background(), DescribeImageRequest{}, 0, 0)
		if err == nil || count.Load() != tt.wantAttempts {
			t.Errorf("MaxRetries %d: attempts = %d, want %d (err %v)", tt.maxRetries, count.Load(), tt.wantAttempts, err)
		}
	}
}
