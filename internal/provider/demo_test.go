package provider

import (
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// TestDemoConfiguration applies examples/demo, the configuration of `make demo`, exactly as it is on disk, against
// the emulator's default catalog and the environment variables the demo sets, so the demo cannot rot.
func TestDemoConfiguration(t *testing.T) {
	config, err := os.ReadFile("../../examples/demo/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	_, baseURL := newTestEmulator(t, emulator.Options{})
	// The demo declares source = "imagepick/imagepick"; the test harness must attach the provider under that
	// address. The harness reads this from the process's environment, so this test cannot run in parallel.
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "imagepick")
	env := map[string]string{
		envUCloudBaseURL:             baseURL,
		envUCloudRegion:              "cn-bj2",
		envUCloudPublicKey:           emulator.DefaultUCloudPublicKey,
		envUCloudPrivateKey:          emulator.DefaultUCloudPrivateKey,
		envZenlayerBaseURL:           baseURL,
		envZenlayerAccessKeyID:       emulator.DefaultZenlayerAccessKeyID,
		envZenlayerAccessKeyPassword: emulator.DefaultZenlayerAccessKeyPassword,
	}

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactoriesWithEnv(env),
		Steps: []resource.TestStep{{
			Config: string(config),
			ConfigStateChecks: []statecheck.StateCheck{
				// Newest Available x86 Ubuntu 22.04 base image of cn-bj2-02 (a newer one is still Making).
				statecheck.ExpectKnownOutputValue("web_image", knownvalue.StringRegexp(regexp.MustCompile(`^uimage-u22bj2c3 \(Ubuntu 22\.04 64位, created 2024-06-01T00:00:00Z\)$`))),
				statecheck.ExpectKnownOutputValue("gpu_image", knownvalue.StringRegexp(regexp.MustCompile(`^uimage-gt4bj2a1 `))),
				statecheck.ExpectKnownOutputValue("bare_metal_image", knownvalue.StringRegexp(regexp.MustCompile(`^pimg-u22b5b02 `))),
				statecheck.ExpectKnownOutputValue("zec_image", knownvalue.StringExact("img-ubuntu-2204 (Ubuntu Server 22.04 LTS 64bit, 20 GiB)")),
				statecheck.ExpectKnownOutputValue("zenlayer_image", knownvalue.StringRegexp(regexp.MustCompile(`^c5fae4d3-8a7b-4e1c-af9b-3d4a5e6f7a05 \(Ubuntu22\.04-x86_64\)$`))),
				statecheck.ExpectKnownValue("data.imagepick_uhost_images.rocky_and_debian", tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("uimage-d12bj2a1"), knownvalue.StringExact("uimage-r93bj2a1"),
				})),
				statecheck.ExpectKnownValue("terraform_data.web", tfjsonpath.New("output").AtMapKey("image_id"), knownvalue.StringExact("uimage-u22bj2c3")),
			},
		}},
	})
}
