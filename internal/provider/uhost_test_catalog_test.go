package provider

import (
	"testing"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// uhostT0 is the creation time the test images count from: 2024-01-01T00:00:00Z.
const uhostT0 = 1704067200

// uhostTestImage is an Available x86_64 Linux base image in cn-bj2-05 whose OS is supported for ever; mods change it.
func uhostTestImage(id, name string, created int64, mods ...func(*emulator.UHostImage)) emulator.UHostImage {
	img := emulator.UHostImage{
		Region: "cn-bj2", Zone: "cn-bj2-05", ImageID: id, ImageName: name, Tag: "Default",
		OsType: "Linux", OsName: name, ImageType: "Base", Features: []string{"CloudInit", "HotPlug"},
		State: "Available", CreateTime: created, ImageSize: 20, MaintainEol: "2099/12/31",
	}
	for _, mod := range mods {
		mod(&img)
	}
	return img
}

// uhostTestCatalog holds one image per local filter case; see the comments for what each is there for.
func uhostTestCatalog() *emulator.Catalog {
	return &emulator.Catalog{UHost: []emulator.UHostImage{
		uhostTestImage("uimage-u22a", "Ubuntu 22.04 64位", uhostT0+100),
		uhostTestImage("uimage-u22b", "Ubuntu 22.04 64位", uhostT0+300), // the newest Available Ubuntu 22.04
		uhostTestImage("uimage-u22m", "Ubuntu 22.04 64位", uhostT0+400, func(i *emulator.UHostImage) { i.State = "Making" }),
		uhostTestImage("uimage-u22x", "Ubuntu 22.04 64位", uhostT0+50, func(i *emulator.UHostImage) { i.State = "Unavailable" }),
		uhostTestImage("uimage-arm", "Ubuntu 22.04 64位 ARM", uhostT0+200, func(i *emulator.UHostImage) {
			i.Features = []string{"CloudInit", "Aarch64_Type"}
		}),
		uhostTestImage("uimage-gt4", "Ubuntu 22.04 GPU T4", uhostT0+250, func(i *emulator.UHostImage) {
			i.FuncType, i.SupportedGPUTypes, i.SceneCategories = "gpu", []string{"T4", "V100S"}, []string{"AI"}
			i.Features = []string{"CloudInit", "HotPlug", "GPU"}
		}),
		uhostTestImage("uimage-c79", "CentOS 7.9 64位", uhostT0+150, func(i *emulator.UHostImage) { i.MaintainEol = "2024/06/30" }),
		uhostTestImage("uimage-w22", "Windows Server 2022", uhostT0+150, func(i *emulator.UHostImage) {
			i.OsType, i.Features = "Windows", nil
		}),
		uhostTestImage("uimage-mkt", "WordPress 6.4", uhostT0+120, func(i *emulator.UHostImage) {
			i.ImageType, i.FuncType, i.Tag = "Business", "uhost", "Market"
			i.Vendor, i.Links, i.PrimarySoftware, i.IntegratedSoftware = "WP Inc", "https://example.com/wp", "WordPress", "PHP 8.2, MySQL 8.0"
			i.SceneCategories = []string{"Website"}
			i.PriceSet = []emulator.PriceSet{{ChargeType: "Month", Price: 10.5, OriginalPrice: 12}}
		}),
		uhostTestImage("uimage-cus", "my-golden", uhostT0+500, func(i *emulator.UHostImage) {
			i.Zone, i.ImageType, i.DataSnapshotIDs, i.MinimalCPU = "cn-bj2-03", "Custom", []string{"snap-1"}, "Intel/Broadwell"
			i.ImageDescription = "golden image"
		}),
		uhostTestImage("uimage-sh2", "Ubuntu 22.04 64位", uhostT0+900, func(i *emulator.UHostImage) {
			i.Region, i.Zone = "cn-sh2", "cn-sh2-02"
		}),
	}}
}

func TestUHostPickWarnings(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		img  client.UHostImage
		want []string
	}{
		{"base, supported", client.UHostImage{ImageType: "Base", MaintainEol: "2027/04/30"}, nil},
		{"base, no eol", client.UHostImage{ImageType: "Custom"}, nil},
		{"eol today is still supported", client.UHostImage{ImageType: "Base", MaintainEol: "2025/01/01"}, nil},
		{"eol passed", client.UHostImage{ImageType: "Base", MaintainEol: "2024/06/30"}, []string{"Image Past End of Life"}},
		{"marketplace", client.UHostImage{ImageType: "Business", MaintainEol: "2027/04/30"}, []string{"Marketplace Image Selected"}},
		{"both", client.UHostImage{ImageType: "Business", MaintainEol: "2024/06/30"},
			[]string{"Marketplace Image Selected", "Image Past End of Life"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := uhostPickWarnings("imagepick_uhost_image", &tt.img, now)
			if diags.HasError() {
				t.Fatalf("warnings only, got %v", diags)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.Summary())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			}
		})
	}
}
