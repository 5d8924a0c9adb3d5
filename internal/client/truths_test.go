package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Errors say what happened: a body that stopped arriving, a proxy's 407, a time RFC 3339 cannot write, a field of
// the wrong type by its API name.

func TestDo_BodyThatStopsArriving(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		fmt.Fprint(w, `{"RetCode":0,"TotalCount":1,"ImageSet":[`) // 40 bytes, then nothing
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	opts := testOptions()
	opts.MaxRetries = 0
	opts.RequestTimeout = 200 * time.Millisecond
	_, err := newTestUCloud(srv.URL, opts).describeImage(context.Background(), DescribeImageRequest{}, 0, 0)
	want := "UCloud DescribeImage: the answer from " + srv.URL + "/ stopped arriving after 40 bytes: request_timeout " +
		"ran out while it was being read"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v; want %q", err, want)
	}
	if errors.Is(err, context.DeadlineExceeded) || !Retryable(err) {
		t.Errorf("DeadlineExceeded %v, Retryable %v; want false, true", errors.Is(err, context.DeadlineExceeded), Retryable(err))
	}
}

func TestDo_BodyCutShortNamesTheURL(t *testing.T) {
	srv, _ := newScriptedServer(t, canned{body: okPage, cutBody: true})
	opts := testOptions()
	opts.MaxRetries = 0
	_, err := newTestUCloud(srv.URL, opts).describeImage(context.Background(), DescribeImageRequest{}, 0, 0)
	if err == nil || !strings.Contains(err.Error(), "the answer from "+srv.URL+"/ stopped arriving after ") || !Retryable(err) {
		t.Fatalf("err = %v; want a retryable error naming the URL", err)
	}
}

// A proxy that wants credentials answers 407, to the request itself (http) or to its CONNECT (https).
func TestTransport_ProxyAuthenticationRequired(t *testing.T) {
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Proxy-Authenticate", `Basic realm="corp"`)
		http.Error(w, "proxy authentication required", http.StatusProxyAuthRequired)
	}))
	t.Cleanup(proxy.Close)
	proxyHost := strings.TrimPrefix(proxy.URL, "http://")
	for _, base := range []string{"http://api.imagepick.example", "https://api.imagepick.example"} {
		setProxyEnv(t, proxy.URL, proxy.URL, "")
		opts := testOptions()
		opts.MaxRetries = 2
		for call, do := range transportCalls(base, opts) {
			err := do()
			want := "the proxy " + proxyHost + " answered HTTP 407 Proxy Authentication Required"
			if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "status 407") {
				t.Errorf("%s via %s: err = %v; want %q", call, base, err, want)
				continue
			}
			if Attempts(err) != 1 || Retryable(err) {
				t.Errorf("%s via %s: %d attempts, retryable %v; want 1, false", call, base, Attempts(err), Retryable(err))
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				t.Errorf("%s via %s: reported as the cloud's answer: %v", call, base, err)
			}
		}
	}
}

func TestDecode_CreateTimeRFC3339CannotWrite(t *testing.T) {
	tests := []struct {
		name, body, want string
		phost            bool
	}{
		{name: "UHost after 9999", body: `{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"a","CreateTime":9223372036854775807}]}`,
			want: "ImageSet[0]: CreateTime 9223372036854775807 is not a time between the years 0000 and 9999"},
		{name: "UHost before year 0", body: `{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"a","CreateTime":-62167219201}]}`,
			want: "ImageSet[0]: CreateTime -62167219201 is not a time"},
		{name: "UPHost digits after 9999", phost: true,
			body: `{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"a","CreateTime":"253402300800"}]}`,
			want: "ImageSet[0]: CreateTime 253402300800 is not a time"},
		{name: "UPHost number overflowing int64", phost: true,
			body: `{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"a","CreateTime":99999999999999999999}]}`,
			want: "ImageSet[0]: CreateTime 99999999999999999999 is not a time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, count := newScriptedServer(t, canned{body: tt.body})
			c := newTestUCloud(srv.URL, testOptions())
			err := describeOnePage(c, tt.phost)
			if err == nil || !strings.Contains(err.Error(), tt.want) || count.Load() != 1 {
				t.Fatalf("err = %v after %d requests; want %q after 1", err, count.Load(), tt.want)
			}
		})
	}
	// The last second RFC 3339 can write is an answer like any other.
	srv, _ := newScriptedServer(t, canned{body: `{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"a","CreateTime":253402300799}]}`})
	if _, err := newTestUCloud(srv.URL, testOptions()).describeImage(context.Background(), DescribeImageRequest{}, 0, 0); err != nil {
		t.Fatal(err)
	}
}

func TestDecode_ErrorsNameTheAPIField(t *testing.T) {
	tests := []struct {
		name, body, want string
		phost            bool
	}{
		{name: "UHost ImageSize", body: `{"RetCode":0,"TotalCount":2,"ImageSet":[{"ImageId":"a"},{"ImageId":"b","ImageSize":"big"}]}`,
			want: "ImageSet[1]: ImageSize is a JSON string, not an integer"},
		{name: "UHost Features", body: `{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"a","Features":[1]}]}`,
			want: "ImageSet[0]: Features is a JSON number, not a string"},
		{name: "UPHost ImageSize", phost: true, body: `{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"a","ImageSize":"big"}]}`,
			want: "ImageSet[0]: ImageSize is a JSON string, not an integer"},
		{name: "UPHost CreateTime", phost: true, body: `{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"a","CreateTime":{}}]}`,
			want: "ImageSet[0]: CreateTime is neither a string nor a number"},
		{name: "ImageSet an object", body: `{"RetCode":0,"TotalCount":1,"ImageSet":{}}`, want: "ImageSet is not an array"},
		{name: "answer an array", body: `[1]`, want: "the value is a JSON array, not an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newScriptedServer(t, canned{body: tt.body})
			c := newTestUCloud(srv.URL, testOptions())
			err := describeOnePage(c, tt.phost)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v; want %q", err, tt.want)
			}
			for _, internal := range []string{"plain", "Go struct", "UHostImage.", "PHostImage.", "int64"} {
				if strings.Contains(err.Error(), internal) {
					t.Errorf("err %q names the Go-internal %q", err, internal)
				}
			}
		})
	}
}

// RetCode and TotalCount get one leniency: a JSON integer or a numeric string.
func TestDecode_TotalCountAsLenientAsRetCode(t *testing.T) {
	for _, body := range []string{
		`{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"a"}]}`,
		`{"RetCode":"0","TotalCount":"1","ImageSet":[{"ImageId":"a"}]}`,
		`{"RetCode":0,"TotalCount":"1","ImageSet":[{"ImageId":"a"}]}`,
	} {
		srv, _ := newScriptedServer(t, canned{body: body})
		resp, err := newTestUCloud(srv.URL, testOptions()).describeImage(context.Background(), DescribeImageRequest{}, 0, 0)
		if err != nil || resp.TotalCount != 1 {
			t.Errorf("%s: resp %+v, err = %v", body, resp, err)
		}
	}
	for body, want := range map[string]string{
		`{"RetCode":"x","TotalCount":1}`:                   "RetCode is not an integer",
		`{"RetCode":0,"TotalCount":"many","ImageSet":[]}`:  "TotalCount is not a non-negative integer",
		`{"RetCode":0,"TotalCount":"-5","ImageSet":[]}`:    "TotalCount is not a non-negative integer",
		`{"RetCode":0,"TotalCount":1.5,"ImageSet":[]}`:     "TotalCount is not a non-negative integer",
		`{"RetCode":1.5,"TotalCount":"1","ImageSet":[]}`:   "RetCode is not an integer",
		`{"RetCode":0,"TotalCount":"1e3","ImageSet":[{}]}`: "TotalCount is not a non-negative integer",
	} {
		srv, _ := newScriptedServer(t, canned{body: body})
		_, err := newTestUCloud(srv.URL, testOptions()).describeImage(context.Background(), DescribeImageRequest{}, 0, 0)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v; want %q", body, err, want)
		}
	}
}

// describeOnePage asks for one page of DescribePHostImage (phost) or DescribeImage.
func describeOnePage(c *UCloud, phost bool) error {
	if phost {
		_, err := c.describePHostImage(context.Background(), DescribePHostImageRequest{}, 0, 0)
		return err
	}
	_, err := c.describeImage(context.Background(), DescribeImageRequest{}, 0, 0)
	return err
}
