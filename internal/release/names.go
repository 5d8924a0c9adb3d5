// Package release names and packs the provider's release artifacts the way the release workflow (GoReleaser, see
// .goreleaser.yml) does, so `make release-check` can build one platform without GoReleaser and install it the way
// users do. A test evaluates .goreleaser.yml's templates and requires the same names.
package release

import "strings"

const (
	// ProjectName is GoReleaser's project_name: the prefix of every artifact of a release.
	ProjectName = "terraform-provider-imagepick"
	// ProviderType is the provider's type name in its registry address (imagepick/imagepick).
	ProviderType = "imagepick"
	// Namespace is the registry namespace the provider is published under.
	Namespace = "imagepick"
	// EmulatorName is the emulator's command and the prefix of its archives.
	EmulatorName = "imagepick-emulator"
	// EmulatorPackage is the emulator's main package, relative to the module root.
	EmulatorPackage = "./cmd/imagepick-emulator"
	// ManifestSource is the registry manifest in the repository, published as Manifest(version).
	ManifestSource = "terraform-registry-manifest.json"
)

// ArchiveFiles are the files every archive carries beside its binary.
var ArchiveFiles = []string{"LICENSE", "README.md", "CHANGELOG.md"}

// BuildFlags and BuildEnv are how every binary of a release is built.
var (
	BuildFlags = []string{"-trimpath"}
	BuildEnv   = []string{"CGO_ENABLED=0"}
)

// LDFlags links version into main.version of the provider and the emulator, and strips debug information.
func LDFlags(version string) string {
	return "-s -w -X main.version=" + version
}

// ProviderBinary is the provider executable inside its archive: Terraform runs the file named
// terraform-provider-<type>_v<version> (plus .exe on Windows, which GoReleaser appends).
func ProviderBinary(version, goos string) string {
	return executable(ProjectName+"_v"+version, goos)
}

// ProviderArchive is the provider's zip for one platform, the name the registry and filesystem mirrors require.
func ProviderArchive(version, goos, goarch string) string {
	return strings.Join([]string{ProjectName, version, goos, goarch}, "_") + ".zip"
}

// EmulatorBinary is the emulator executable inside its archive.
func EmulatorBinary(goos string) string {
	return executable(EmulatorName, goos)
}

// EmulatorArchive is the emulator's zip for one platform, published beside the provider's.
func EmulatorArchive(version, goos, goarch string) string {
	return strings.Join([]string{EmulatorName, version, goos, goarch}, "_") + ".zip"
}

// Checksums is the SHA256SUMS file of a release, listing the provider zips and the manifest (Terraform takes every
// line as a hash of the provider); its detached GPG signature is Checksums(version) + ".sig".
func Checksums(version string) string {
	return ProjectName + "_" + version + "_SHA256SUMS"
}

// Manifest is the registry manifest's name in a release.
func Manifest(version string) string {
	return ProjectName + "_" + version + "_manifest.json"
}

// RegistryAddress is the provider's source address on a registry host (registry.terraform.io for Terraform,
// registry.opentofu.org for OpenTofu).
func RegistryAddress(host string) string {
	return host + "/" + Namespace + "/" + ProviderType
}

func executable(name, goos string) string {
	if goos == "windows" {
		return name + ".exe"
	}
	return name
}
