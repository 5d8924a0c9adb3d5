package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseUsage(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    providerUsage
		wantErr string
	}{
		{name: "no provider started", text: "", want: providerUsage{}},
		{
			name: "CPU summed, RSS the highest, one start per line",
			text: "20000 100000000 20000000\n150000 900000000 300000000\n",
			want: providerUsage{cpu: 1320 * time.Millisecond, peakRSSKiB: 150000},
		},
		{name: "one number only", text: "20000\n", wantErr: "want three numbers"},
		{name: "not a number", text: "20000 x 1\n", wantErr: "want three numbers"},
		{name: "negative", text: "20000 -1 1\n", wantErr: "want three numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseUsage(tt.text)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseUsage(%q) error = %v, want one containing %q", tt.text, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("parseUsage(%q) = %+v, %v; want %+v", tt.text, got, err, tt.want)
			}
		})
	}
}

func TestTerraformError(t *testing.T) {
	missing := `
Error: Invalid data source

  on main.tf line 18, in data "imagepick_uhost_image_ids" "ids_newest":
  18: data "imagepick_uhost_image_ids" "ids_newest" {

The provider imagepick/imagepick does not support data source
"imagepick_uhost_image_ids".

Error: Invalid data source

  on main.tf line 27, in data "imagepick_uhost_image_ids" "ids_by_name":
  27: data "imagepick_uhost_image_ids" "ids_by_name" {

The provider imagepick/imagepick does not support data source
"imagepick_uhost_image_ids".
`
	boxed := "╷\n│ Error: No Image Found\n│ \n│   with data.imagepick_uhost_image.pick_0,\n│   on main.tf line 3:\n│    3: data \"imagepick_uhost_image\" \"pick_0\" {\n│ \n│ No image matches.\n╵\n╷\n│ Error: Too Many Images\n│ \n│ 2 images match.\n╵\n"
	tests := []struct {
		name, output, want string
	}{
		{
			name:   "repeated errors kept once",
			output: missing,
			want:   `Error: Invalid data source`,
		},
		{
			name:   "boxed errors",
			output: boxed,
			want:   "Error: No Image Found; Error: Too Many Images",
		},
		{name: "no Error line: the last line", output: "starting\nsignal: killed\n", want: "signal: killed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := terraformError(tt.output); got != tt.want {
				t.Errorf("terraformError() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
