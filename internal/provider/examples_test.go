package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// Every example that indexes ids[0] guards an empty list one way: length(x.ids) > 0 ? x.ids[0] : null.
func TestExamples_guardEmptyLists(t *testing.T) {
	t.Parallel()
	index := regexp.MustCompile(`([\w.]+)\.ids\[0\]`)
	found := 0
	err := filepath.WalkDir("../../examples", func(name string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(name, ".tf") {
			return err
		}
		raw, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(raw), "\n") {
			for _, m := range index.FindAllStringSubmatch(line, -1) {
				found++
				guard := "length(" + m[1] + ".ids) > 0 ? " + m[1] + ".ids[0] : null"
				if !strings.Contains(line, guard) {
					t.Errorf("%s: %q indexes ids[0] without the guard %q", name, strings.TrimSpace(line), guard)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("no example indexes ids[0]: the test checks nothing")
	}
}

// Every data-source example applies against the emulator's built-in catalog, as the docs show it.
func TestExamples_dataSourcesApply(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob("../../examples/data-sources/*/data-source.tf")
	if want := len(allDataSources()); err != nil || len(dirs) != want {
		t.Fatalf("want one data-source example per data source, %d, got %d (%v)", want, len(dirs), err)
	}
	_, url := newTestEmulator(t, emulator.Options{})
	var steps []resource.TestStep
	for _, name := range dirs {
		example, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		steps = append(steps, resource.TestStep{Config: providerBlock(url, `zone = "cn-bj2-05"`) + string(example)})
	}
	resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: testProtoV6ProviderFactories, Steps: steps})
}
