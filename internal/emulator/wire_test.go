package emulator

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
)

// TestWire_ServesEveryFieldOfTheClientTypes lists one image of each family through the client, with every field
// of the catalog image set, and checks that each field of the client's image type (by its JSON name) comes back
// with the catalog's value: a result field added to the client but not to the catalog type, or under another
// JSON name, fails here instead of reading back empty in every test above it.
func TestWire_ServesEveryFieldOfTheClientTypes(t *testing.T) {
	uhost := filled(t, UHostImage{Region: "cn-bj2", Zone: "cn-bj2-02"})
	phost := filled(t, PHostImage{Region: "cn-bj2", Zone: "cn-bj2-05", Clusters: []string{"25G"}})
	bmc := filled(t, BMCImage{InstanceTypes: []string{"M6C"}})
	srv := httptest.NewServer(New(Options{Catalog: &Catalog{UHost: []UHostImage{uhost}, PHost: []PHostImage{phost}, BMC: []BMCImage{bmc}}}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	ucloud := client.NewUCloud(srv.URL, client.UCloudCredentials{PublicKey: DefaultUCloudPublicKey, PrivateKey: DefaultUCloudPrivateKey}, client.Options{})
	zenlayer := client.NewZenlayer(srv.URL, client.ZenlayerCredentials{AccessKeyID: DefaultZenlayerAccessKeyID, AccessKeyPassword: DefaultZenlayerAccessKeyPassword}, client.Options{})

	uhostGot, err := ucloud.ListUHostImages(ctx, client.DescribeImageRequest{Region: "cn-bj2", PriceSet: true})
	compareFields(t, "client.UHostImage", uhostGot, err, uhost)
	phostGot, err := ucloud.ListPHostImages(ctx, client.DescribePHostImageRequest{Region: "cn-bj2", Zone: "cn-bj2-05"})
	compareFields(t, "client.PHostImage", phostGot, err, phost)
	bmcGot, err := zenlayer.DescribeImages(ctx, client.DescribeImagesRequest{})
	compareFields(t, "client.BMCImage", bmcGot, err, bmc)
}

func TestWire_SendsNoCatalogOnlyField(t *testing.T) {
	for _, tt := range []struct {
		sent map[string]any
		want []string
	}{
		{wireObject(t, toWire(uhostWire, UHostImage{Region: "cn-bj2"}, true)), []string{"Region"}},
		{wireObject(t, toWire(phostWire, PHostImage{Region: "cn-bj2", Zone: "cn-bj2-05", Clusters: []string{"25G"}}, true)),
			[]string{"Region", "Zone", "Clusters"}},
		{wireObject(t, toWire(bmcWire, BMCImage{InstanceTypes: []string{"M6C"}}, true)), []string{"instanceTypeIds"}},
	} {
		for _, name := range tt.want {
			if _, ok := tt.sent[name]; ok {
				t.Errorf("%v: sends the catalog-only field %s", tt.sent, name)
			}
		}
		for name, value := range tt.sent {
			if value == nil {
				t.Errorf("%v: sends %s as null, want a value ([] for a list)", tt.sent, name)
			}
		}
	}
	priced := UHostImage{PriceSet: []PriceSet{{ChargeType: "Month"}}}
	if _, ok := wireObject(t, toWire(uhostWire, priced, false))["PriceSet"]; ok {
		t.Error("PriceSet sent without being requested")
	}
	if got := wireObject(t, toWire(uhostWire, UHostImage{}, true))["PriceSet"]; !reflect.DeepEqual(got, []any{}) {
		t.Errorf("requested PriceSet of an image without prices = %#v, want []", got)
	}
	if priced.PriceSet == nil {
		t.Error("toWire changed the catalog's image")
	}
}

func wireObject(t *testing.T, v any) map[string]any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var object map[string]any
	if err := json.Unmarshal(data, &object); err != nil {
		t.Fatal(err)
	}
	return object
}

// filled returns img with every zero field that the API sends set to a distinct non-zero value.
func filled[T any](t *testing.T, img T) T {
	t.Helper()
	value := reflect.ValueOf(&img).Elem()
	for i := range value.NumField() {
		field := value.Type().Field(i)
		if field.Tag.Get("wire") != "-" && value.Field(i).IsZero() {
			fill(t, value.Field(i), jsonName(field))
		}
	}
	return img
}

func fill(t *testing.T, v reflect.Value, name string) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString("value-of-" + name)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(len(name)))
	case reflect.Float64:
		v.SetFloat(float64(len(name)) + 0.5)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(t, v.Index(0), name)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(t, v.Field(i), name+"."+jsonName(v.Type().Field(i)))
		}
	default:
		t.Fatalf("%s: no test value for a %s: teach fill in wire_test.go", name, v.Kind())
	}
}

// compareFields checks that got is one image whose every field, by JSON name, equals the same field of want.
func compareFields[C any](t *testing.T, clientType string, got []C, err error, want any) {
	t.Helper()
	if err != nil || len(got) != 1 {
		t.Fatalf("%s: got %d images, err %v; want the one catalog image", clientType, len(got), err)
	}
	sent := fieldsByJSONName(t, want)
	for name, value := range fieldsByJSONName(t, got[0]) {
		wantValue, ok := sent[name]
		switch {
		case !ok:
			t.Errorf("%s field %q is not in the emulator's %T: add it there under the same JSON name", clientType, name, want)
		case string(value) != string(wantValue):
			t.Errorf("%s field %q = %s through the emulator, want %s", clientType, name, value, wantValue)
		}
	}
}

func fieldsByJSONName(t *testing.T, v any) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	value := reflect.ValueOf(v)
	for i := range value.NumField() {
		field := value.Type().Field(i)
		if field.Tag.Get("wire") == "-" {
			continue
		}
		data, err := json.Marshal(value.Field(i).Interface())
		if err != nil {
			t.Fatal(err)
		}
		out[jsonName(field)] = data
	}
	return out
}

func jsonName(field reflect.StructField) string {
	name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
	return name
}
