package release

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// releaseDirEnv names a folder `make release-check` packed; the test then checks that folder instead of one it packs
// from stand-in binaries.
const releaseDirEnv = "IMAGEPICK_RELEASE_CHECK_DIR"

// The folder holds exactly what a release publishes for one platform: the provider zip with one executable, the
// emulator zip, the manifest, and a SHA256SUMS that lists the provider zip and the manifest with their sums.
func TestPackedFolderIsARelease(t *testing.T) {
	dir, goos, goarch := os.Getenv(releaseDirEnv), os.Getenv("IMAGEPICK_RELEASE_CHECK_OS"), os.Getenv("IMAGEPICK_RELEASE_CHECK_ARCH")
	if dir == "" {
		dir, goos, goarch = t.TempDir(), "linux", "arm64"
		packed := packStandIns(t, dir, goos)
		if want := h1(t, packed.ProviderArchive); packed.ProviderH1 != want {
			t.Errorf("Pack reports the provider's h1 as %s, the zip's contents hash to %s", packed.ProviderH1, want)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{Manifest(checkVersion), Checksums(checkVersion), EmulatorArchive(checkVersion, goos, goarch), ProviderArchive(checkVersion, goos, goarch)}
	sort.Strings(want)
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s holds\n%s\nwant\n%s", dir, strings.Join(names, "\n"), strings.Join(want, "\n"))
	}

	checkZip(t, filepath.Join(dir, ProviderArchive(checkVersion, goos, goarch)), ProviderBinary(checkVersion, goos))
	checkZip(t, filepath.Join(dir, EmulatorArchive(checkVersion, goos, goarch)), EmulatorBinary(goos))

	manifest, err := os.ReadFile(filepath.Join(dir, Manifest(checkVersion)))
	if err != nil {
		t.Fatal(err)
	}
	source, err := os.ReadFile("../../" + ManifestSource)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(manifest, source) || !bytes.Contains(source, []byte(`"protocol_versions": ["6.0"]`)) {
		t.Errorf("the manifest is\n%s\nwant %s, which names protocol 6.0:\n%s", manifest, ManifestSource, source)
	}

	sums, err := os.ReadFile(filepath.Join(dir, Checksums(checkVersion)))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(string(sums), "\n"), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q is not \"<sha256>  <name>\"", line)
		}
		listed[name] = true
		if got := sha256Hex(t, filepath.Join(dir, name)); got != sum {
			t.Errorf("SHA256SUMS gives %s for %s, its sha256 is %s", sum, name, got)
		}
	}
	summed := []string{Manifest(checkVersion), ProviderArchive(checkVersion, goos, goarch)}
	for _, name := range summed {
		if !listed[name] {
			t.Errorf("SHA256SUMS does not list %s", name)
		}
	}
	if len(listed) != len(summed) {
		t.Errorf("SHA256SUMS lists %d files, want %d: %v", len(listed), len(summed), summed)
	}
}

// packStandIns packs two small executables standing in for the provider and the emulator.
func packStandIns(t *testing.T, dir, goos string) Packed {
	t.Helper()
	bin := t.TempDir()
	for _, name := range []string{"provider", "emulator"} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\necho "+name+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	packed, err := Pack(PackInput{
		Version:  checkVersion,
		GOOS:     goos,
		GOARCH:   "arm64",
		Provider: filepath.Join(bin, "provider"),
		Emulator: filepath.Join(bin, "emulator"),
		RepoRoot: "../..",
		ModTime:  time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}, dir)
	if err != nil {
		t.Fatal(err)
	}
	return packed
}

// checkZip requires the archive to hold exactly one executable, named binary, and ArchiveFiles.
func checkZip(t *testing.T, name, binary string) {
	t.Helper()
	r, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want := map[string]bool{binary: true}
	for _, f := range ArchiveFiles {
		want[f] = false
	}
	for _, f := range r.File {
		executable, expected := want[f.Name]
		if !expected {
			t.Errorf("%s holds %s, which a release archive does not", filepath.Base(name), f.Name)
			continue
		}
		delete(want, f.Name)
		if got := f.Mode()&0o111 != 0; got != executable {
			t.Errorf("%s: %s has mode %v; executable must be %v", filepath.Base(name), f.Name, f.Mode(), executable)
		}
	}
	for missing := range want {
		t.Errorf("%s lacks %s", filepath.Base(name), missing)
	}
}

// h1 computes Terraform's package hash "h1:" independently of dirhash: the base64 SHA-256 of the lines
// "<sha256 hex>  <name>\n" of every file in the zip, sorted by name.
func h1(t *testing.T, name string) string {
	t.Helper()
	r, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	files := append([]*zip.File(nil), r.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	var lines []string
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		_, err = io.Copy(h, rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%x  %s\n", h.Sum(nil), f.Name))
	}
	sum := sha256.Sum256([]byte(strings.Join(lines, "")))
	return "h1:" + base64.StdEncoding.EncodeToString(sum[:])
}

func sha256Hex(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}
