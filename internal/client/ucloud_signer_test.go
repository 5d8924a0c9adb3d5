package client

import (
	"fmt"
	"testing"
)

// The UCloud documentation's test key pair; vectors A-F3 come from the project's UCloud API reference.
const (
	testUCloudPublicKey  = "ucloudsomeone@example.com1296235120854146120"
	testUCloudPrivateKey = "46f09bb9fab4f12dfc160dae12273d5332b5debe"
)

func TestUCloudSigner_Vectors(t *testing.T) {
	pimgIDs := ucloudParams{}
	for i := 0; i <= 10; i++ {
		pimgIDs[fmt.Sprintf("ImageId.%d", i)] = fmt.Sprintf("pimg-%02d", i)
	}
	vectorC := ucloudParams{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-05",
		"ImageType": "Base", "Limit": "20", "Offset": "0"}
	for k, v := range pimgIDs {
		vectorC[k] = v
	}
	f1 := ucloudParams{"Action": "CreateUHostInstance", "CPU": "2", "ChargeType": "Month", "DiskSpace": "10",
		"ImageId": "f43736e1-65a5-4bea-ad2e-8a46e18883c2", "LoginMode": "Password", "Memory": "2048",
		"Name": "Host01", "Password": "VUNsb3VkLmNu", "Quantity": "1", "Region": "cn-bj2", "Zone": "cn-bj2-04"}
	f2 := ucloudParams{"Action": "AllocateBackendBatch"}
	for i, v := range []string{"foo", "bar", "42", "foo", "bar", "42", "foo", "bar", "42", "foo", "bar", "42"} {
		f2[fmt.Sprintf("Backends.%d", i)] = v
	}
	f3 := ucloudParams{"SecurityToken": "some_stoken"}
	for k, v := range f1 {
		f3[k] = v
	}

	tests := []struct {
		name      string
		params    ucloudParams // without PublicKey
		toSign    string       // "" => not given by the vector
		signature string
		body      string // "" => not given by the vector
	}{
		{
			name:      "A doc example",
			params:    ucloudParams{"Action": "DescribeUHostInstance", "Region": "cn-bj2", "Limit": "10"},
			toSign:    "ActionDescribeUHostInstanceLimit10PublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj246f09bb9fab4f12dfc160dae12273d5332b5debe",
			signature: "cba5cf5ec4d4233d206b1b54951e3787350a642f",
			body:      "Action=DescribeUHostInstance&Limit=10&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=cba5cf5ec4d4233d206b1b54951e3787350a642f",
		},
		{
			name: "B DescribeImage with a list",
			params: ucloudParams{"Action": "DescribeImage", "Region": "cn-bj2", "Zone": "cn-bj2-04",
				"ProjectId": "org-abc123", "ImageType": "Base", "OsType": "Linux", "FuncType": "uhost", "PriceSet": "1",
				"ImageIds.0": "uimage-aaa111", "ImageIds.1": "uimage-bbb222", "Offset": "0", "Limit": "100"},
			toSign:    "ActionDescribeImageFuncTypeuhostImageIds.0uimage-aaa111ImageIds.1uimage-bbb222ImageTypeBaseLimit100Offset0OsTypeLinuxPriceSet1ProjectIdorg-abc123PublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj2Zonecn-bj2-0446f09bb9fab4f12dfc160dae12273d5332b5debe",
			signature: "9e34743e43e41b85f7f0c4c498938a70943f8405",
			body:      "Action=DescribeImage&FuncType=uhost&ImageIds.0=uimage-aaa111&ImageIds.1=uimage-bbb222&ImageType=Base&Limit=100&Offset=0&OsType=Linux&PriceSet=1&ProjectId=org-abc123&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=9e34743e43e41b85f7f0c4c498938a70943f8405&Zone=cn-bj2-04",
		},
		{
			name:      "C DescribePHostImage 11 IDs ordering trap",
			params:    vectorC,
			toSign:    "ActionDescribePHostImageImageId.0pimg-00ImageId.1pimg-01ImageId.10pimg-10ImageId.2pimg-02ImageId.3pimg-03ImageId.4pimg-04ImageId.5pimg-05ImageId.6pimg-06ImageId.7pimg-07ImageId.8pimg-08ImageId.9pimg-09ImageTypeBaseLimit20Offset0PublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj2Zonecn-bj2-0546f09bb9fab4f12dfc160dae12273d5332b5debe",
			signature: "bd476d78400ddfdcce473729f8c22b5927cc4740",
			body:      "Action=DescribePHostImage&ImageId.0=pimg-00&ImageId.1=pimg-01&ImageId.10=pimg-10&ImageId.2=pimg-02&ImageId.3=pimg-03&ImageId.4=pimg-04&ImageId.5=pimg-05&ImageId.6=pimg-06&ImageId.7=pimg-07&ImageId.8=pimg-08&ImageId.9=pimg-09&ImageType=Base&Limit=20&Offset=0&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=bd476d78400ddfdcce473729f8c22b5927cc4740&Zone=cn-bj2-05",
		},
		{
			name: "D non-ASCII space plus equals ampersand",
			params: ucloudParams{"Action": "DescribeImage", "Region": "cn-bj2",
				"Tag": "默认 业务组 Ünïcode & a+b=c", "ImageId": "uimage-x y"},
			toSign:    "ActionDescribeImageImageIduimage-x yPublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj2Tag默认 业务组 Ünïcode & a+b=c46f09bb9fab4f12dfc160dae12273d5332b5debe",
			signature: "7756391f2861d9975c4dc60ffdcd6d8ff2299976",
			body:      "Action=DescribeImage&ImageId=uimage-x+y&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=7756391f2861d9975c4dc60ffdcd6d8ff2299976&Tag=%E9%BB%98%E8%AE%A4+%E4%B8%9A%E5%8A%A1%E7%BB%84+%C3%9Cn%C3%AFcode+%26+a%2Bb%3Dc",
		},
		{
			// JSON mode signs a list as the bare key followed by the concatenated elements; one flat value
			// reproduces that string to sign.
			name: "E JSON-mode variant of B",
			params: ucloudParams{"Action": "DescribeImage", "Region": "cn-bj2", "Zone": "cn-bj2-04",
				"ProjectId": "org-abc123", "ImageType": "Base", "OsType": "Linux", "FuncType": "uhost", "PriceSet": "1",
				"ImageIds": "uimage-aaa111uimage-bbb222", "Offset": "0", "Limit": "100"},
			toSign:    "ActionDescribeImageFuncTypeuhostImageIdsuimage-aaa111uimage-bbb222ImageTypeBaseLimit100Offset0OsTypeLinuxPriceSet1ProjectIdorg-abc123PublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj2Zonecn-bj2-0446f09bb9fab4f12dfc160dae12273d5332b5debe",
			signature: "abdce20ba41bd9efaeb753a7b60e9fc83595c5bb",
		},
		{
			name: "W1 SDK DescribeImage by ID",
			params: ucloudParams{"Action": "DescribeImage", "ImageId": "uimage-x y", "ProjectId": "org-abc123",
				"Region": "cn-bj2", "Zone": "cn-bj2-04"},
			toSign:    "ActionDescribeImageImageIduimage-x yProjectIdorg-abc123PublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj2Zonecn-bj2-0446f09bb9fab4f12dfc160dae12273d5332b5debe",
			signature: "7bb252ba1c0d68160b5219950877e8b82f3bcd5c",
			body:      "Action=DescribeImage&ImageId=uimage-x+y&ProjectId=org-abc123&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=7bb252ba1c0d68160b5219950877e8b82f3bcd5c&Zone=cn-bj2-04",
		},
		{
			name: "W2 SDK DescribeImage page",
			params: ucloudParams{"Action": "DescribeImage", "ImageType": "Base", "Limit": "100", "Offset": "0",
				"OsType": "Linux", "ProjectId": "org-abc123", "Region": "cn-bj2", "Zone": "cn-bj2-04"},
			toSign:    "ActionDescribeImageImageTypeBaseLimit100Offset0OsTypeLinuxProjectIdorg-abc123PublicKeyucloudsomeone@example.com1296235120854146120Regioncn-bj2Zonecn-bj2-0446f09bb9fab4f12dfc160dae12273d5332b5debe",
			signature: "13511fa34bfb4ce756003e1449f5b661c8e86eeb",
			body:      "Action=DescribeImage&ImageType=Base&Limit=100&Offset=0&OsType=Linux&ProjectId=org-abc123&PublicKey=ucloudsomeone%40example.com1296235120854146120&Region=cn-bj2&Signature=13511fa34bfb4ce756003e1449f5b661c8e86eeb&Zone=cn-bj2-04",
		},
		{name: "F1 CPU sorts before ChargeType", params: f1, signature: "4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65"},
		{name: "F2 list of twelve", params: f2, signature: "6bc32642779f8cb0bb3d3f128b1c0688abf9a1a3"},
		{name: "F3 SecurityToken is signed", params: f3, signature: "170c480ad176a247b324eb92a2cfe536aacfbd04"},
	}
	creds := UCloudCredentials{PublicKey: testUCloudPublicKey, PrivateKey: testUCloudPrivateKey}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			withKey := ucloudParams{"PublicKey": testUCloudPublicKey}
			for k, v := range tt.params {
				withKey[k] = v
			}
			if tt.toSign != "" {
				if got := ucloudStringToSign(withKey, testUCloudPrivateKey); got != tt.toSign {
					t.Errorf("string to sign\n got %q\nwant %q", got, tt.toSign)
				}
			}
			if got := ucloudSignature(withKey, testUCloudPrivateKey); got != tt.signature {
				t.Errorf("signature = %s, want %s", got, tt.signature)
			}
			if tt.body != "" {
				if got, _ := ucloudSignedBody(tt.params, creds); got != tt.body {
					t.Errorf("body\n got %s\nwant %s", got, tt.body)
				}
			}
		})
	}
}

func TestUCloudParams_Flattening(t *testing.T) {
	p := ucloudParams{}
	p.setString("Empty", "")
	p.setString("Zone", "cn-bj2-04")
	p.setInt("Offset", 0)
	p.setInt("Limit", 100)
	p.setList("ImageIds", []string{"a", "", "c"})
	want := map[string]string{"Zone": "cn-bj2-04", "Offset": "0", "Limit": "100", "ImageIds.0": "a", "ImageIds.2": "c"}
	if len(p) != len(want) {
		t.Fatalf("params = %v, want %v", p, want)
	}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %q, want %q", k, p[k], v)
		}
	}
}

func TestUCloudSignedBody_DoesNotModifyParams(t *testing.T) {
	params := ucloudParams{"Action": "DescribeImage"}
	ucloudSignedBody(params, UCloudCredentials{PublicKey: "pk", PrivateKey: "sk"})
	if len(params) != 1 {
		t.Fatalf("params modified: %v", params)
	}
}
