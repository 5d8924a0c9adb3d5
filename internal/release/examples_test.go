package release

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// Every example folder, run alone, gets imagepick from imagepick/imagepick: a folder without the entry would
// make `terraform init` look for hashicorp/imagepick, which does not exist.
func TestExampleFoldersDeclareTheProviderSource(t *testing.T) {
	folders := map[string][]string{}
	err := filepath.WalkDir("../../examples", func(name string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && e.Name() == ".terraform" {
			return filepath.SkipDir
		}
		if !e.IsDir() && strings.HasSuffix(name, ".tf") {
			folders[filepath.Dir(name)] = append(folders[filepath.Dir(name)], name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(folders) < 12 {
		t.Fatalf("found %d example folders, want the 9 data sources, demo, provider and module-test", len(folders))
	}
	var names []string
	for dir := range folders {
		names = append(names, dir)
	}
	sort.Strings(names)
	for _, dir := range names {
		sources := requiredSources(t, folders[dir])
		if len(sources) != 1 || sources[0] != Namespace+"/"+ProviderType {
			t.Errorf("%s: required_providers gives imagepick the sources %q, want exactly [%q]", dir, sources, Namespace+"/"+ProviderType)
		}
	}
}

// requiredSources returns the source of every required_providers entry named imagepick in the files.
func requiredSources(t *testing.T, files []string) []string {
	t.Helper()
	parser := hclparse.NewParser()
	var sources []string
	for _, name := range files {
		file, diags := parser.ParseHCLFile(name)
		if diags.HasErrors() {
			t.Fatalf("%s: %s", name, diags)
		}
		content, _, diags := file.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "terraform"}}})
		if diags.HasErrors() {
			t.Fatalf("%s: %s", name, diags)
		}
		for _, tf := range content.Blocks {
			inner, _, diags := tf.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "required_providers"}}})
			if diags.HasErrors() {
				t.Fatalf("%s: %s", name, diags)
			}
			for _, rp := range inner.Blocks {
				attrs, diags := rp.Body.JustAttributes()
				if diags.HasErrors() {
					t.Fatalf("%s: %s", name, diags)
				}
				attr, ok := attrs[ProviderType]
				if !ok {
					continue
				}
				value, diags := attr.Expr.Value(nil)
				if diags.HasErrors() || !value.Type().IsObjectType() || !value.Type().HasAttribute("source") {
					t.Fatalf("%s: required_providers.%s must be an object with a source: %s", name, ProviderType, diags)
				}
				sources = append(sources, value.GetAttr("source").AsString())
			}
		}
	}
	return sources
}
