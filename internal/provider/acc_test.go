package provider

import (
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Live-API tests: `make testacc` runs them with TF_ACC=1; each needs its cloud's real credentials in the
// environment (UCLOUD_PUBLIC_KEY, UCLOUD_PRIVATE_KEY, UCLOUD_REGION, UCLOUD_ZONE; ZENLAYERCLOUD_ACCESS_KEY_ID,
// ZENLAYERCLOUD_ACCESS_KEY_PASSWORD), read by the provider as in production, and reads only, so it costs nothing.

func testAccPreCheckUCloud(t *testing.T) {
	t.Helper()
	for _, name := range []string{envUCloudPublicKey, envUCloudPrivateKey, envUCloudRegion, envUCloudZone} {
		if os.Getenv(name) == "" {
			t.Skipf("%s is not set: the UCloud live-API tests need real credentials, a region and a zone", name)
		}
	}
}

func testAccPreCheckZenlayer(t *testing.T) {
	t.Helper()
	for _, name := range []string{envZenlayerAccessKeyID, envZenlayerAccessKeyPassword} {
		if os.Getenv(name) == "" {
			t.Skipf("%s is not set: the Zenlayer live-API tests need real credentials", name)
		}
	}
}

func TestAccUHostImagesDataSource_basic(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheckUCloud(t) },
		ProtoV6ProviderFactories: processEnvProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "imagepick_uhost_images" "test" {
  image_type = "Base"
  os_type    = "Linux"
}

data "imagepick_uhost_image" "test" {
  image_type  = "Base"
  name_regex  = "^Ubuntu"
  most_recent = true
}
`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestMatchResourceAttr("data.imagepick_uhost_images.test", "ids.0", regexp.MustCompile(`^uimage-`)),
				resource.TestCheckResourceAttr("data.imagepick_uhost_images.test", "images.0.os_type", "Linux"),
				resource.TestMatchResourceAttr("data.imagepick_uhost_image.test", "id", regexp.MustCompile(`^uimage-`)),
				resource.TestMatchResourceAttr("data.imagepick_uhost_image.test", "image.name", regexp.MustCompile(`^Ubuntu`)),
			),
		}},
	})
}

func TestAccPHostImagesDataSource_basic(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheckUCloud(t) },
		ProtoV6ProviderFactories: processEnvProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "imagepick_phost_images" "test" {
  image_type = "Base"
}
`,
			Check: resource.TestCheckResourceAttrSet("data.imagepick_phost_images.test", "ids.0"),
		}},
	})
}

func TestAccBMCImagesDataSource_basic(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheckZenlayer(t) },
		ProtoV6ProviderFactories: processEnvProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "imagepick_bmc_images" "test" {
  image_type = "PUBLIC_IMAGE"
  os_type    = "linux"
}
`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrSet("data.imagepick_bmc_images.test", "ids.0"),
				resource.TestCheckResourceAttr("data.imagepick_bmc_images.test", "images.0.type", "PUBLIC_IMAGE"),
			),
		}},
	})
}
