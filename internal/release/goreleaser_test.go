package release

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"text/template"

	"gopkg.in/yaml.v3"
)

// goreleaserConfig is the part of .goreleaser.yml that names and builds artifacts.
type goreleaserConfig struct {
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		ID      string   `yaml:"id"`
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Flags   []string `yaml:"flags"`
		LDFlags []string `yaml:"ldflags"`
		GOOS    []string `yaml:"goos"`
		GOARCH  []string `yaml:"goarch"`
	} `yaml:"builds"`
	Archives []struct {
		ID           string   `yaml:"id"`
		IDs          []string `yaml:"ids"`
		Formats      []string `yaml:"formats"`
		NameTemplate string   `yaml:"name_template"`
		Files        []string `yaml:"files"`
	} `yaml:"archives"`
	Checksum struct {
		IDs          []string    `yaml:"ids"`
		NameTemplate string      `yaml:"name_template"`
		Algorithm    string      `yaml:"algorithm"`
		ExtraFiles   []extraFile `yaml:"extra_files"`
	} `yaml:"checksum"`
	Signs []struct {
		Artifacts string `yaml:"artifacts"`
	} `yaml:"signs"`
	Release struct {
		ExtraFiles []extraFile `yaml:"extra_files"`
	} `yaml:"release"`
}

type extraFile struct {
	Glob         string `yaml:"glob"`
	NameTemplate string `yaml:"name_template"`
}

// checkVersion is the version `make release-check` builds.
const checkVersion = "0.0.0-check"

func loadGoreleaser(t *testing.T) goreleaserConfig {
	t.Helper()
	raw, err := os.ReadFile("../../.goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c goreleaserConfig
	decoder := yaml.NewDecoder(bytes.NewReader(raw))
	if err := decoder.Decode(&c); err != nil {
		t.Fatalf(".goreleaser.yml: %s", err)
	}
	return c
}

// render evaluates a GoReleaser name template for one platform; a field the data lacks is an error.
func render(t *testing.T, c goreleaserConfig, text, goos, goarch string) string {
	t.Helper()
	tmpl, err := template.New("name").Option("missingkey=error").Parse(text)
	if err != nil {
		t.Fatalf("template %q: %s", text, err)
	}
	data := map[string]string{"ProjectName": c.ProjectName, "Version": checkVersion, "Os": goos, "Arch": goarch}
	var out strings.Builder
	if err := tmpl.Execute(&out, data); err != nil {
		t.Fatalf("template %q: %s", text, err)
	}
	return out.String()
}

func (c goreleaserConfig) build(t *testing.T, id string) int {
	t.Helper()
	for i, b := range c.Builds {
		if b.ID == id {
			return i
		}
	}
	t.Fatalf(".goreleaser.yml has no build with id %q", id)
	return -1
}

// archiveOf returns the index of the one archive that packs the build; a build in two archives would ship twice.
func (c goreleaserConfig) archiveOf(t *testing.T, buildID string) int {
	t.Helper()
	found := -1
	for i, a := range c.Archives {
		for _, id := range a.IDs {
			if id != buildID {
				continue
			}
			if found >= 0 {
				t.Fatalf(".goreleaser.yml packs build %q in two archives", buildID)
			}
			found = i
		}
	}
	if found < 0 {
		t.Fatalf(".goreleaser.yml packs build %q in no archive (archives[].ids)", buildID)
	}
	return found
}

// GoReleaser appends .exe to a Windows binary's name.
func binaryName(name, goos string) string {
	if goos == "windows" {
		return name + ".exe"
	}
	return name
}

// The names, flags and archive contents `make release-check` uses are the ones .goreleaser.yml gives a release.
func TestGoreleaserNamesMatchTheCheck(t *testing.T) {
	c := loadGoreleaser(t)
	if c.ProjectName != ProjectName {
		t.Fatalf("project_name is %q, the check uses %q", c.ProjectName, ProjectName)
	}
	provider, emulator := c.build(t, "provider"), c.build(t, "emulator")
	providerArchive, emulatorArchive := c.archiveOf(t, "provider"), c.archiveOf(t, "emulator")
	if providerArchive == emulatorArchive {
		t.Fatal("the provider and the emulator share an archive: every terraform init would download the emulator")
	}
	if main := c.Builds[provider].Main; main != "" && main != "." {
		t.Errorf("the provider build's main is %q, the check builds .", main)
	}
	if main := c.Builds[emulator].Main; main != EmulatorPackage {
		t.Errorf("the emulator build's main is %q, the check builds %s", main, EmulatorPackage)
	}

	platforms := [][2]string{{"linux", "amd64"}, {"darwin", "arm64"}, {"windows", "amd64"}, {"freebsd", "arm"}}
	for _, p := range platforms {
		goos, goarch := p[0], p[1]
		for _, got := range []struct{ what, yaml, check string }{
			{"provider binary", binaryName(render(t, c, c.Builds[provider].Binary, goos, goarch), goos), ProviderBinary(checkVersion, goos)},
			{"emulator binary", binaryName(render(t, c, c.Builds[emulator].Binary, goos, goarch), goos), EmulatorBinary(goos)},
			{"provider archive", render(t, c, c.Archives[providerArchive].NameTemplate, goos, goarch) + ".zip", ProviderArchive(checkVersion, goos, goarch)},
			{"emulator archive", render(t, c, c.Archives[emulatorArchive].NameTemplate, goos, goarch) + ".zip", EmulatorArchive(checkVersion, goos, goarch)},
		} {
			if got.yaml != got.check {
				t.Errorf("%s/%s %s: .goreleaser.yml gives %q, the check %q", goos, goarch, got.what, got.yaml, got.check)
			}
		}
	}

	for _, i := range []int{providerArchive, emulatorArchive} {
		a := c.Archives[i]
		if !reflect.DeepEqual(a.Formats, []string{"zip"}) {
			t.Errorf("archive %q has formats %v; the registry reads zip", a.ID, a.Formats)
		}
		// Without files GoReleaser adds its default set (LICENSE*, README*, CHANGELOG*), so it is always listed.
		if !reflect.DeepEqual(a.Files, ArchiveFiles) {
			t.Errorf("archive %q has files %v, the check packs %v", a.ID, a.Files, ArchiveFiles)
		}
	}
	for _, i := range []int{provider, emulator} {
		b := c.Builds[i]
		if ld := render(t, c, strings.Join(b.LDFlags, " "), "linux", "amd64"); ld != LDFlags(checkVersion) {
			t.Errorf("build %q links %q, the check %q", b.ID, ld, LDFlags(checkVersion))
		}
		if !reflect.DeepEqual(b.Flags, BuildFlags) || !reflect.DeepEqual(b.Env, BuildEnv) {
			t.Errorf("build %q has flags %v and env %v, the check %v and %v", b.ID, b.Flags, b.Env, BuildFlags, BuildEnv)
		}
	}

	if got := render(t, c, c.Checksum.NameTemplate, "", ""); got != Checksums(checkVersion) || c.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum file %q (%s), the check writes %q (sha256)", got, c.Checksum.Algorithm, Checksums(checkVersion))
	}
	if !reflect.DeepEqual(c.Checksum.IDs, []string{c.Archives[providerArchive].ID}) {
		t.Errorf("checksum.ids is %v: SHA256SUMS must list the provider's archives only (%q), every line lands in users' lock files", c.Checksum.IDs, c.Archives[providerArchive].ID)
	}
	if len(c.Signs) != 1 || c.Signs[0].Artifacts != "checksum" {
		t.Errorf("signs %+v: the registry needs exactly the checksum file signed", c.Signs)
	}
	for what, files := range map[string][]extraFile{"checksum": c.Checksum.ExtraFiles, "release": c.Release.ExtraFiles} {
		if len(files) != 1 || files[0].Glob != ManifestSource {
			t.Errorf("%s.extra_files %+v: want the one file %s", what, files, ManifestSource)
			continue
		}
		if got := render(t, c, files[0].NameTemplate, "", ""); got != Manifest(checkVersion) {
			t.Errorf("%s.extra_files names the manifest %q, the check %q", what, got, Manifest(checkVersion))
		}
	}
}
