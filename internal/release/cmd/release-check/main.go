// Command release-check builds this machine's platform of a release the way the release workflow's GoReleaser
// does (same flags, ldflags and names) and packs it into a folder: the provider zip, the emulator zip, the
// registry manifest and SHA256SUMS. It prints the paths and the provider zip's h1 hash as NAME=VALUE lines for
// scripts/release-check.sh. Run from the module root:
//
//	go run ./internal/release/cmd/release-check -out DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/release"
)

func main() {
	version := flag.String("version", "0.0.0-check", "release version to build (no leading v)")
	out := flag.String("out", "", "empty folder to write the release files into (required)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "release-check: -out is required: name an empty folder for the release files")
		os.Exit(2)
	}
	if err := run(*version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "release-check:", err)
		os.Exit(1)
	}
}

func run(version, out string) error {
	bin, err := os.MkdirTemp("", "imagepick-release-bin.")
	if err != nil {
		return err
	}
	defer os.RemoveAll(bin)
	provider, emulator := filepath.Join(bin, "provider"), filepath.Join(bin, "emulator")
	if err := build(provider, ".", version); err != nil {
		return err
	}
	if err := build(emulator, release.EmulatorPackage, version); err != nil {
		return err
	}
	packed, err := release.Pack(release.PackInput{
		Version:  version,
		GOOS:     runtime.GOOS,
		GOARCH:   runtime.GOARCH,
		Provider: provider,
		Emulator: emulator,
		RepoRoot: ".",
		ModTime:  commitTime(),
	}, out)
	if err != nil {
		return err
	}
	fmt.Printf("os=%s\narch=%s\nprovider_zip=%s\nemulator_zip=%s\nchecksums=%s\nmanifest=%s\nprovider_h1=%s\n",
		runtime.GOOS, runtime.GOARCH, packed.ProviderArchive, packed.EmulatorArchive, packed.Checksums, packed.Manifest, packed.ProviderH1)
	return nil
}

// build runs go build with the release's flags, environment and ldflags.
func build(target, pkg, version string) error {
	args := append([]string{"build"}, release.BuildFlags...)
	args = append(args, "-ldflags", release.LDFlags(version), "-o", target, pkg)
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), release.BuildEnv...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return nil
}

// commitTime is HEAD's commit time, which GoReleaser gives every file (mod_timestamp); now outside a git checkout.
func commitTime() time.Time {
	raw, err := exec.Command("git", "log", "-1", "--format=%ct").Output()
	if err != nil {
		return time.Now()
	}
	seconds, err := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
	if err != nil {
		return time.Now()
	}
	return time.Unix(seconds, 0)
}
