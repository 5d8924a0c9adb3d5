package emulator

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteCatalog_RoundTripsThroughLoadCatalog(t *testing.T) {
	tests := []struct {
		name    string
		catalog *Catalog
	}{
		{"built-in", DefaultCatalog()},
		{"generated", GenerateCatalog(50, "cn-sh2", "cn-sh2-01", 7)},
		{"nil lists", &Catalog{
			PHost: []PHostImage{{Region: "cn-bj2", Zone: "cn-bj2-05", ImageID: "pimg-1", ImageName: "Ubuntu 22.04 64位",
				OsType: "Ubuntu", ImageType: "Base"}},
			BMC: []BMCImage{{ImageID: "b-1", ImageName: "Ubuntu22.04-x86_64", Catalog: "ubuntu",
				ImageType: "PUBLIC_IMAGE", OsType: "linux"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var first bytes.Buffer
			if err := WriteCatalog(&first, tt.catalog); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(first.String(), "null") {
				t.Errorf("exported catalog has a null list:\n%s", first.String())
			}
			path := filepath.Join(t.TempDir(), "catalog.json")
			if err := os.WriteFile(path, first.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			loaded, err := LoadCatalog(path)
			if err != nil {
				t.Fatalf("the exported catalog does not load: %v", err)
			}
			if len(loaded.UHost) != len(tt.catalog.UHost) || len(loaded.PHost) != len(tt.catalog.PHost) ||
				len(loaded.BMC) != len(tt.catalog.BMC) {
				t.Errorf("loaded %d/%d/%d uhost/phost/bmc images, exported %d/%d/%d", len(loaded.UHost),
					len(loaded.PHost), len(loaded.BMC), len(tt.catalog.UHost), len(tt.catalog.PHost), len(tt.catalog.BMC))
			}
			var second bytes.Buffer
			if err := WriteCatalog(&second, loaded); err != nil {
				t.Fatal(err)
			}
			if second.String() != first.String() {
				t.Errorf("export, load, export changed the catalog:\nfirst:\n%s\nsecond:\n%s", first.String(), second.String())
			}
		})
	}
}

func TestWriteCatalog_KeepsTextReadable(t *testing.T) {
	catalog := &Catalog{UHost: []UHostImage{{Region: "cn-bj2", Zone: "cn-bj2-02", ImageID: "uimage-1",
		ImageName: "Ubuntu 22.04 64位 <GPU> & CUDA", OsType: "Linux", ImageType: "Base", State: "Available"}}}
	var out bytes.Buffer
	if err := WriteCatalog(&out, catalog); err != nil {
		t.Fatal(err)
	}
	if want := `"ImageName": "Ubuntu 22.04 64位 <GPU> & CUDA"`; !strings.Contains(out.String(), want) {
		t.Errorf("export lacks %s:\n%s", want, out.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteCatalog_ReportsWriteErrors(t *testing.T) {
	err := WriteCatalog(failingWriter{}, DefaultCatalog())
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v, want the writer's error", err)
	}
}
