package release

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/dirhash"
)

// PackInput is one platform's binaries and the repository they were built from.
type PackInput struct {
	Version  string
	GOOS     string
	GOARCH   string
	Provider string // path of the built provider executable
	Emulator string // path of the built emulator executable
	RepoRoot string // holds ArchiveFiles and ManifestSource
	ModTime  time.Time
}

// Packed is what Pack wrote into its folder.
type Packed struct {
	ProviderArchive string
	EmulatorArchive string
	Checksums       string
	Manifest        string
	// ProviderH1 is the "h1:" hash Terraform and OpenTofu record in .terraform.lock.hcl for the provider zip.
	ProviderH1 string
}

// Pack writes in.Version's provider and emulator zips for one platform, the registry manifest and the SHA256SUMS
// of the provider zip and the manifest into dir, named as a release names them.
func Pack(in PackInput, dir string) (Packed, error) {
	out := Packed{
		ProviderArchive: filepath.Join(dir, ProviderArchive(in.Version, in.GOOS, in.GOARCH)),
		EmulatorArchive: filepath.Join(dir, EmulatorArchive(in.Version, in.GOOS, in.GOARCH)),
		Checksums:       filepath.Join(dir, Checksums(in.Version)),
		Manifest:        filepath.Join(dir, Manifest(in.Version)),
	}
	if err := writeZip(out.ProviderArchive, in.Provider, ProviderBinary(in.Version, in.GOOS), in); err != nil {
		return Packed{}, err
	}
	if err := writeZip(out.EmulatorArchive, in.Emulator, EmulatorBinary(in.GOOS), in); err != nil {
		return Packed{}, err
	}
	if err := copyFile(filepath.Join(in.RepoRoot, ManifestSource), out.Manifest); err != nil {
		return Packed{}, err
	}
	sums, err := checksums(out.ProviderArchive, out.Manifest)
	if err != nil {
		return Packed{}, err
	}
	if err := os.WriteFile(out.Checksums, []byte(sums), 0o644); err != nil {
		return Packed{}, err
	}
	out.ProviderH1, err = dirhash.HashZip(out.ProviderArchive, dirhash.Hash1)
	if err != nil {
		return Packed{}, fmt.Errorf("hashing %s: %w", out.ProviderArchive, err)
	}
	return out, nil
}

// writeZip writes an archive holding the executable under binaryName and ArchiveFiles from the repository.
func writeZip(name, executable, binaryName string, in PackInput) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := zip.NewWriter(f)
	if err := addFile(w, executable, binaryName, 0o755, in.ModTime); err != nil {
		return err
	}
	for _, extra := range ArchiveFiles {
		if err := addFile(w, filepath.Join(in.RepoRoot, extra), extra, 0o644, in.ModTime); err != nil {
			return err
		}
	}
	return w.Close()
}

func addFile(w *zip.Writer, source, name string, mode os.FileMode, modTime time.Time) error {
	src, err := os.Open(source)
	if err != nil {
		return err
	}
	defer src.Close()
	header := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modTime}
	header.SetMode(mode)
	dst, err := w.CreateHeader(header)
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	return err
}

func copyFile(source, target string) error {
	raw, err := os.ReadFile(source)
	if err != nil {
		return err
	}
	return os.WriteFile(target, raw, 0o644)
}

// checksums returns a SHA256SUMS file ("<hex>  <name>" per line, sorted by name, as GoReleaser writes it).
func checksums(files ...string) (string, error) {
	lines := make([]string, 0, len(files))
	for _, name := range files {
		sum, err := sha256File(name)
		if err != nil {
			return "", err
		}
		lines = append(lines, sum+"  "+filepath.Base(name))
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i][66:] < lines[j][66:] })
	return strings.Join(lines, "\n") + "\n", nil
}

func sha256File(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
