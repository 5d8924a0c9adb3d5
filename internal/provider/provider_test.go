package provider

import (
	"fmt"
	"maps"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// TestMain runs the package in UTC+8 (as on a machine in Asia/Shanghai) while every expected time is a UTC
// literal, so every test also proves that state does not depend on the local time zone. time.Local is set once,
// before any test starts: changing it later races with goroutines that earlier tests' plugin servers leave behind.
func TestMain(m *testing.M) {
	time.Local = time.FixedZone("CST", 8*3600)
	os.Exit(m.Run())
}

// testProtoV6ProviderFactories serves the provider in-process to the terraform binary of resource.UnitTest,
// through the production server, in an empty environment: no variable set and no home directory, so a developer's
// own credentials or ~/.ucloud files never reach a test, and tests need not touch the process's environment.
var testProtoV6ProviderFactories = providerFactoriesWithEnv(nil)

// providerFactoriesWithEnv is testProtoV6ProviderFactories with env as the provider's whole environment.
func providerFactoriesWithEnv(env map[string]string) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){"imagepick": newServer("test", mapEnvironment(env))}
}

// mapEnvironment is an environment holding exactly env.
func mapEnvironment(env map[string]string) environment {
	env = maps.Clone(env)
	return func(name string) string { return env[name] }
}

// processEnvProviderFactories read the process's environment, as in production: for the tests that must set a
// variable Terraform sees too. Those tests call isolateEnv and cannot run in parallel.
var processEnvProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"imagepick": NewServer("test"),
}

// isolateEnv clears every environment variable the provider reads and points HOME at an empty directory, for
// the tests that use processEnvProviderFactories.
func isolateEnv(t *testing.T) {
	t.Helper()
	for _, name := range []string{
		envUCloudPublicKey, envUCloudPrivateKey, envUCloudRegion, envUCloudZone, envUCloudProjectID, envUCloudBaseURL,
		envUCloudProfile, envUCloudSharedCredentialFile, envUCloudSharedConfigFile,
		envZenlayerAccessKeyID, envZenlayerAccessKeyPassword, envZenlayerBaseURL, envZenlayerDomain, envZenlayerScheme,
	} {
		t.Setenv(name, "")
	}
	t.Setenv("HOME", t.TempDir())
}

// newTestEmulator serves the emulator in-process on loopback for one test.
func newTestEmulator(t *testing.T, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return emu, srv.URL
}

// providerBlock configures both clouds against the emulator with its default test credentials.
// extra is added inside the ucloud block (e.g. `zone = "cn-bj2-05"`).
func providerBlock(baseURL string, extra string) string {
	return fmt.Sprintf(`
provider "imagepick" {
  max_retries = 2
  ucloud = {
    public_key  = %q
    private_key = %q
    region      = "cn-bj2"
    base_url    = %q
    %s
  }
  zenlayer = {
    access_key_id       = %q
    access_key_password = %q
    base_url            = %q
  }
}
`, emulator.DefaultUCloudPublicKey, emulator.DefaultUCloudPrivateKey, baseURL, extra,
		emulator.DefaultZenlayerAccessKeyID, emulator.DefaultZenlayerAccessKeyPassword, baseURL)
}

// errorRegexp matches an error that contains the phrases in order; Terraform wraps long messages, so a space in a
// phrase matches any run of white space (and the box-drawing bar Terraform prefixes lines with).
func errorRegexp(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		parts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `[\s│]+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}

// expectIDs checks the ordered ids of a list data source.
func expectIDs(address string, ids ...string) statecheck.StateCheck {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.StringExact(id)
	}
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("ids"), knownvalue.ListExact(checks))
}
