package client

import (
	"errors"
	"net/http"
	"testing"
)

// FuzzDecodeUCloudResponse: any status and body gives an error or a consistent page, never a panic.
func FuzzDecodeUCloudResponse(f *testing.F) {
	f.Add(200, []byte(okPage))
	f.Add(200, []byte(`{"RetCode":"171","Message":"Signature VerifyAC Error"}`))
	f.Add(200, []byte(`{"RetCode":0,"TotalCount":2,"ImageSet":[{"ImageId":"a","CreateTime":"x"}]}`))
	f.Add(200, []byte(`{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"p","CreateTime":17,"Support":["a"]}]}`))
	f.Add(200, []byte(okPage[:25]))
	f.Add(200, []byte(""))
	f.Add(503, []byte("<html>"))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		total, images, err := decodeUCloudPage[UHostImage]("DescribeImage", status, "req", body, newByteBudget())
		checkUCloudDecode(t, status, total, len(images), err)
		total, pimages, err := decodeUCloudPage[PHostImage]("DescribePHostImage", status, "req", body, newByteBudget())
		checkUCloudDecode(t, status, total, len(pimages), err)
	})
}

func checkUCloudDecode(t *testing.T, status, total, items int, err error) {
	t.Helper()
	if err != nil {
		var apiErr *APIError
		var badErr *malformedResponseError
		if !errors.As(err, &apiErr) && !errors.As(err, &badErr) {
			t.Fatalf("unexpected error type %T: %v", err, err)
		}
		checkKind(t, apiErr)
		if total != 0 || items != 0 {
			t.Fatalf("error with data: total %d, items %d", total, items)
		}
		return
	}
	if status != http.StatusOK {
		t.Fatalf("HTTP %d decoded as success", status)
	}
	if total < 0 {
		t.Fatalf("negative TotalCount %d", total)
	}
}

// FuzzDecodeZenlayerResponse: any status and body gives an error or a non-nil image list, never a panic.
func FuzzDecodeZenlayerResponse(f *testing.F) {
	f.Add(200, []byte(okZenlayer))
	f.Add(200, []byte(`{"requestId":"T"}`))
	f.Add(404, []byte(`{"requestId":"T","code":"INVALID_INSTANCE_TYPE_NOT_FOUND","message":"m"}`))
	f.Add(200, []byte(`{"response":{"images":[{"imageId":1}]}}`))
	f.Add(200, []byte(okZenlayer[:60]))
	f.Add(502, []byte("<html>"))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		images, _, err := decodeZenlayerImages(status, body, newByteBudget())
		if err != nil {
			var apiErr *APIError
			var badErr *malformedResponseError
			if !errors.As(err, &apiErr) && !errors.As(err, &badErr) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			checkKind(t, apiErr)
			if images != nil {
				t.Fatalf("error with images: %v", images)
			}
			return
		}
		if status != http.StatusOK || images == nil {
			t.Fatalf("HTTP %d decoded as success with images %v", status, images)
		}
	})
}

// checkKind: every APIError a decoder returns is classified, so callers never meet an empty Kind.
func checkKind(t *testing.T, apiErr *APIError) {
	t.Helper()
	if apiErr == nil {
		return
	}
	switch apiErr.Kind {
	case KindOther, KindAuth, KindThrottled, KindUnavailable, KindProduct, KindParameter, KindInstanceTypeNotFound:
	default:
		t.Fatalf("APIError %v has kind %q", apiErr, apiErr.Kind)
	}
}
