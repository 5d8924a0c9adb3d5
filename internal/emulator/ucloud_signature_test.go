package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Vectors from the project's UCloud reference (documentation test key pair unless stated).
const (
	vectorBBody  = "Action=DescribeImage&FuncType=uhost&ImageIds.0=uimage-aaa111&ImageIds.1=uimage-bbb222&ImageType=Base&Limit=100&Offset=0&OsType=Linux&PriceSet=1&ProjectId=org-abc123&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=9e34743e43e41b85f7f0c4c498938a70943f8405&Zone=cn-bj2-04"
	vectorCBody  = "Action=DescribePHostImage&ImageId.0=pimg-00&ImageId.1=pimg-01&ImageId.10=pimg-10&ImageId.2=pimg-02&ImageId.3=pimg-03&ImageId.4=pimg-04&ImageId.5=pimg-05&ImageId.6=pimg-06&ImageId.7=pimg-07&ImageId.8=pimg-08&ImageId.9=pimg-09&ImageType=Base&Limit=20&Offset=0&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=bd476d78400ddfdcce473729f8c22b5927cc4740&Zone=cn-bj2-05"
	vectorDBody  = "Action=DescribeImage&ImageId=uimage-x+y&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=7756391f2861d9975c4dc60ffdcd6d8ff2299976&Tag=%E9%BB%98%E8%AE%A4+%E4%B8%9A%E5%8A%A1%E7%BB%84+%C3%9Cn%C3%AFcode+%26+a%2Bb%3Dc"
	vectorW1Body = "Action=DescribeImage&ImageId=uimage-x+y&ProjectId=org-abc123&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=7bb252ba1c0d68160b5219950877e8b82f3bcd5c&Zone=cn-bj2-04"
	vectorW2Body = "Action=DescribeImage&ImageType=Base&Limit=100&Offset=0&OsType=Linux&ProjectId=org-abc123&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=13511fa34bfb4ce756003e1449f5b661c8e86eeb&Zone=cn-bj2-04"
	vectorABody  = "Action=DescribeUHostInstance&Limit=10&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=cba5cf5ec4d4233d206b1b54951e3787350a642f"
	// Vector E: the Go SDK's JSON encoder, list not flattened; signed as the bare key plus the joined elements.
	vectorEBody = `{"Action":"DescribeImage","FuncType":"uhost","ImageIds":["uimage-aaa111","uimage-bbb222"],"ImageType":"Base","Limit":100,"Offset":0,"OsType":"Linux","PriceSet":1,"ProjectId":"org-abc123","PublicKey":"ucloudsomeone@example.com1296235120854146120","Region":"cn-bj2","Zone":"cn-bj2-04","Signature":"abdce20ba41bd9efaeb753a7b60e9fc83595c5bb"}`
)

func TestUCloudSignature_Vectors(t *testing.T) {
	f1 := map[string]string{"Action": "CreateUHostInstance", "CPU": "2", "ChargeType": "Month", "DiskSpace": "10",
		"ImageId": "f43736e1-65a5-4bea-ad2e-8a46e18883c2", "LoginMode": "Password", "Memory": "2048", "Name": "Host01",
		"Password": "VUNsb3VkLmNu", "Quantity": "1", "Region": "cn-bj2", "Zone": "cn-bj2-04"}
	f2 := map[string]string{"Action": "AllocateBackendBatch"}
	for i, v := range strings.Fields(strings.Repeat("foo bar 42 ", 4)) {
		f2[fmt.Sprintf("Backends.%d", i)] = v
	}
	f3 := map[string]string{"SecurityToken": "some_stoken"}
	for k, v := range f1 {
		f3[k] = v
	}
	cIDs := map[string]string{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-05", "ImageType": "Base", "Limit": "20", "Offset": "0"}
	for i := 0; i <= 10; i++ {
		cIDs[fmt.Sprintf("ImageId.%d", i)] = fmt.Sprintf("pimg-%02d", i)
	}
	tests := []struct {
		name   string
		params map[string]string
		want   string
	}{
		{"A", map[string]string{"Action": "DescribeUHostInstance", "Region": "cn-bj2", "Limit": "10"}, "cba5cf5ec4d4233d206b1b54951e3787350a642f"},
		{"B", map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Zone": "cn-bj2-04", "ProjectId": "org-abc123",
			"ImageType": "Base", "OsType": "Linux", "FuncType": "uhost", "PriceSet": "1", "ImageIds.0": "uimage-aaa111",
			"ImageIds.1": "uimage-bbb222", "Offset": "0", "Limit": "100"}, "9e34743e43e41b85f7f0c4c498938a70943f8405"},
		{"C", cIDs, "bd476d78400ddfdcce473729f8c22b5927cc4740"},
		{"D", map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Tag": "默认 业务组 Ünïcode & a+b=c", "ImageId": "uimage-x y"},
			"7756391f2861d9975c4dc60ffdcd6d8ff2299976"},
		{"E", map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Zone": "cn-bj2-04", "ProjectId": "org-abc123",
			"ImageType": "Base", "OsType": "Linux", "FuncType": "uhost", "PriceSet": "1", "ImageIds": "uimage-aaa111uimage-bbb222",
			"Offset": "0", "Limit": "100"}, "abdce20ba41bd9efaeb753a7b60e9fc83595c5bb"},
		{"W1", map[string]string{"Action": "DescribeImage", "ImageId": "uimage-x y", "ProjectId": "org-abc123", "Region": "cn-bj2", "Zone": "cn-bj2-04"},
			"7bb252ba1c0d68160b5219950877e8b82f3bcd5c"},
		{"W2", map[string]string{"Action": "DescribeImage", "ImageType": "Base", "Limit": "100", "Offset": "0", "OsType": "Linux",
			"ProjectId": "org-abc123", "Region": "cn-bj2", "Zone": "cn-bj2-04"}, "13511fa34bfb4ce756003e1449f5b661c8e86eeb"},
		{"F1", f1, "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65"},
		{"F2", f2, "6bc32642779f8cb0bb3d3f128b1c0688abf9a1a3"},
		{"F3", f3, "170c480ad176a247b324eb92a2cfe536aacfbd04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := map[string]string{"PublicKey": DefaultUCloudPublicKey, "Signature": "ignored"}
			for k, v := range tt.params {
				params[k] = v
			}
			if got := ucloudSignature(params, DefaultUCloudPrivateKey); got != tt.want {
				t.Errorf("signature = %s, want %s", got, tt.want)
			}
			if !ucloudSignatureValid(params, DefaultUCloudPrivateKey, strings.ToUpper(tt.want)) {
				t.Error("upper-case hex signature rejected")
			}
		})
	}
}

// flipSignatureCharacter changes the first character of the signature inside a body.
func flipSignatureCharacter(t *testing.T, body, signature string) string {
	t.Helper()
	if !strings.Contains(body, signature) {
		t.Fatalf("body does not contain %s", signature)
	}
	replacement := []byte(signature)
	if replacement[0] == '0' {
		replacement[0] = '1'
	} else {
		replacement[0] = '0'
	}
	return strings.Replace(body, signature, string(replacement), 1)
}

func TestUCloud_VectorBodiesVerify(t *testing.T) {
	_, srv := newUCloudServer(t, Options{})
	tests := []struct {
		name      string
		body      string
		signature string
		retCode   int
	}{
		{"A (unknown action is checked before the signature)", vectorABody, "cba5cf5ec4d4233d206b1b54951e3787350a642f", 161},
		{"B", vectorBBody, "9e34743e43e41b85f7f0c4c498938a70943f8405", 0},
		{"C", vectorCBody, "bd476d78400ddfdcce473729f8c22b5927cc4740", 0},
		{"D", vectorDBody, "7756391f2861d9975c4dc60ffdcd6d8ff2299976", 0},
		{"W1", vectorW1Body, "7bb252ba1c0d68160b5219950877e8b82f3bcd5c", 0},
		{"W2", vectorW2Body, "13511fa34bfb4ce756003e1449f5b661c8e86eeb", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := postUCloudForm(t, srv.URL, tt.body); got.RetCode != tt.retCode {
				t.Fatalf("RetCode %d %q, want %d", got.RetCode, got.Message, tt.retCode)
			}
			if tt.retCode != 0 {
				return
			}
			if got := postUCloudForm(t, srv.URL, flipSignatureCharacter(t, tt.body, tt.signature)); got.RetCode != 171 {
				t.Errorf("one character changed: RetCode %d %q, want 171", got.RetCode, got.Message)
			}
		})
	}
	t.Run("E (JSON with an unflattened list)", func(t *testing.T) {
		post := func(body string) ucloudAnswer {
			resp, err := http.Post(srv.URL+"/", "application/json", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			return readUCloudAnswer(t, resp)
		}
		if got := post(vectorEBody); got.RetCode != 0 {
			t.Fatalf("RetCode %d %q, want 0", got.RetCode, got.Message)
		}
		if got := post(flipSignatureCharacter(t, vectorEBody, "abdce20ba41bd9efaeb753a7b60e9fc83595c5bb")); got.RetCode != 171 {
			t.Errorf("one character changed: RetCode %d, want 171", got.RetCode)
		}
	})
	t.Run("D with the body's + decoded as a space", func(t *testing.T) {
		// D's ImageId "uimage-x y" travels as uimage-x+y; an unescaped "+" in a value would be a different value.
		tampered := strings.Replace(vectorDBody, "uimage-x+y", "uimage-x%2By", 1)
		if got := postUCloudForm(t, srv.URL, tampered); got.RetCode != 171 {
			t.Errorf("RetCode %d, want 171", got.RetCode)
		}
	})
}
