package main

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
)

func TestZECFlagsAndExport(t *testing.T) {
	c, err := parseFlags([]string{"-zec-page-size-cap", "50"}, io.Discard)
	if err != nil || c.zecPageSizeCap != 50 {
		t.Fatalf("zecPageSizeCap %d, err %v", c.zecPageSizeCap, err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-export-catalog"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var exported struct {
		ZEC      []map[string]any `json:"zec"`
		ZECZones []string         `json:"zec_zones"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &exported); err != nil {
		t.Fatal(err)
	}
	if len(exported.ZEC) == 0 || len(exported.ZECZones) == 0 {
		t.Errorf("-export-catalog has %d zec images and %d zones, want the built-in ones", len(exported.ZEC), len(exported.ZECZones))
	}
}
