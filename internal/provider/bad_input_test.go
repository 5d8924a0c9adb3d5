package provider

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// The bad-input suite: every invalid configuration is refused with a diagnostic that names the attribute and the
// fix, at `terraform validate` when the value is known there and at plan otherwise, and nothing panics.

// Where a bad input must be caught.
const (
	atValidate = "validate" // by a validator or Terraform's schema check: before the provider is configured
	atPlan     = "plan"     // by Configure (environment, files) or Read (the API's answer, defaults)
)

// omitted removes an attribute of the provider block.
const omitted = "<omitted>"

// hclArgs overrides arguments of a provider block: attribute name -> HCL expression, or omitted.
type hclArgs map[string]string

type badInputCase struct {
	name                  string
	top, ucloud, zenlayer hclArgs           // provider block overrides
	env                   map[string]string // the provider's environment in this case
	data                  string            // data source blocks
	summary               string            // regexp over the error text, whitespace collapsed
	detail                string            // regexp naming the attribute and the fix
	at                    string            // atValidate or atPlan
	api                   bool              // atPlan: the API was asked (and refused or found nothing)
}

// badInputProvider renders the provider block: both clouds configured against baseURL, no retries, with overrides.
func badInputProvider(baseURL string, c badInputCase) string {
	render := func(defaults, overrides hclArgs, indent string) string {
		merged := hclArgs{}
		for k, v := range defaults {
			merged[k] = v
		}
		for k, v := range overrides {
			merged[k] = v
		}
		var lines []string
		for k, v := range merged {
			if v != omitted {
				lines = append(lines, fmt.Sprintf("%s%s = %s", indent, k, v))
			}
		}
		sort.Strings(lines)
		return strings.Join(lines, "\n")
	}
	top := render(hclArgs{"max_retries": "0"}, c.top, "  ")
	ucloud := render(hclArgs{
		"public_key":  fmt.Sprintf("%q", emulator.DefaultUCloudPublicKey),
		"private_key": fmt.Sprintf("%q", emulator.DefaultUCloudPrivateKey),
		"region":      `"cn-bj2"`,
		"base_url":    fmt.Sprintf("%q", baseURL),
	}, c.ucloud, "    ")
	zenlayer := render(hclArgs{
		"access_key_id":       fmt.Sprintf("%q", emulator.DefaultZenlayerAccessKeyID),
		"access_key_password": fmt.Sprintf("%q", emulator.DefaultZenlayerAccessKeyPassword),
		"base_url":            fmt.Sprintf("%q", baseURL),
	}, c.zenlayer, "    ")
	return fmt.Sprintf("provider \"imagepick\" {\n%s\n  ucloud = {\n%s\n  }\n  zenlayer = {\n%s\n  }\n}\n", top, ucloud, zenlayer)
}

// badInputCases is the table. Detail patterns are matched against the whole error text, whose whitespace
// (including Terraform's line wrapping and box drawing) is collapsed to single spaces.
func badInputCases() []badInputCase {
	const uhost = `data "imagepick_uhost_images" "test" {}`
	const phost = `data "imagepick_phost_images" "test" {
  availability_zone = "cn-bj2-05"
}`
	const bmc = `data "imagepick_bmc_images" "test" {}`
	block := func(kind, body string) string {
		return fmt.Sprintf("data %q \"test\" {\n  %s\n}", kind, body)
	}
	// oneOf is the detail of stringvalidator.OneOfCaseInsensitive; allowed is written `"a", "b"`.
	oneOf := func(attribute, got, allowed string) string {
		return regexp.QuoteMeta(fmt.Sprintf("Attribute %s value must be one of: [%s], got: %q", attribute,
			strings.ReplaceAll(allowed, ", ", " "), got))
	}
	tooShort := func(attribute string) string {
		return regexp.QuoteMeta(fmt.Sprintf("Attribute %s string length must be at least 1, got: 0", attribute))
	}
	return []badInputCase{
		// The provider block.
		{name: "max_retries above range", top: hclArgs{"max_retries": "11"}, data: uhost, at: atValidate,
			summary: `Invalid Attribute Value`, detail: `Attribute max_retries value must be between 0 and 10, got: 11`},
		{name: "max_retries negative", top: hclArgs{"max_retries": "-1"}, data: uhost, at: atValidate,
			summary: `Invalid Attribute Value`, detail: `Attribute max_retries value must be between 0 and 10, got: -1`},
		{name: "max_retries not a number", top: hclArgs{"max_retries": `"many"`}, data: uhost, at: atValidate,
			summary: `Incorrect attribute value type`, detail: `Inappropriate value for attribute "max_retries": a number is required`},
		{name: "request_timeout without unit", top: hclArgs{"request_timeout": `"30"`}, data: uhost, at: atValidate,
			summary: `Invalid Duration`, detail: `request_timeout is "30"; value must be a duration such as "30s" or "2m", between 1s and 10m0s`},
		{name: "request_timeout below minimum", top: hclArgs{"request_timeout": `"500ms"`}, data: uhost, at: atValidate,
			summary: `Invalid Duration`, detail: `request_timeout is "500ms"; value must be a duration .* between 1s and 10m0s`},
		{name: "request_timeout above maximum", top: hclArgs{"request_timeout": `"1h"`}, data: uhost, at: atValidate,
			summary: `Invalid Duration`, detail: `request_timeout is "1h"; value must be a duration .* between 1s and 10m0s`},
		{name: "request_timeout empty", top: hclArgs{"request_timeout": `""`}, data: uhost, at: atValidate,
			summary: `Invalid Duration`, detail: `request_timeout is ""; value must be a duration such as "30s"`},
		{name: "unknown provider argument", top: hclArgs{"retries": "3"}, data: uhost, at: atValidate,
			summary: `Unsupported argument`, detail: `An argument named "retries" is not expected here`},
		{name: "ucloud.profile unknown, keys in the block", ucloud: hclArgs{"profile": `"nosuch"`}, data: uhost, at: atPlan,
			summary: `UCloud Profile Not Found`, detail: `profile "nosuch" is in neither .*credential\.json nor .*config\.json`},
		{name: "ucloud.base_url without scheme", ucloud: hclArgs{"base_url": `"api.ucloud.cn"`}, data: uhost, at: atValidate,
			summary: `Invalid Base URL`, detail: `ucloud\.base_url must be an absolute http or https URL such as "https://api\.ucloud\.cn"`},
		{name: "ucloud.base_url with query", ucloud: hclArgs{"base_url": `"https://api.ucloud.cn/?Action=x"`}, data: uhost, at: atValidate,
			summary: `Invalid Base URL`, detail: `ucloud\.base_url must be an absolute http or https URL.*must not carry a query`},
		{name: "zenlayer.base_url ftp", zenlayer: hclArgs{"base_url": `"ftp://console.zenlayer.com"`}, data: bmc, at: atValidate,
			summary: `Invalid Base URL`, detail: `zenlayer\.base_url must be an absolute http or https URL.*has scheme "ftp"; want http or https`},
		{name: "ucloud base URL from the environment", ucloud: hclArgs{"base_url": omitted}, env: map[string]string{envUCloudBaseURL: "ftp://x"},
			data: uhost, at: atPlan,
			summary: `Invalid Base URL`, detail: `The environment variable UCLOUD_API_BASE_URL must be an absolute http or https URL`},
		{name: "zenlayer domain from the environment", zenlayer: hclArgs{"base_url": omitted},
			env: map[string]string{envZenlayerDomain: "console.zenlayer.com/api"}, data: bmc, at: atPlan,
			summary: `Invalid Zenlayer Domain`, detail: `ZENLAYERCLOUD_DOMAIN must be a host name with an optional port`},
		{name: "ucloud.public_key empty", ucloud: hclArgs{"public_key": `""`}, data: uhost, at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("ucloud.public_key")},
		{name: "ucloud.private_key empty", ucloud: hclArgs{"private_key": `""`}, data: uhost, at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("ucloud.private_key")},
		{name: "zenlayer.access_key_password empty", zenlayer: hclArgs{"access_key_password": `""`}, data: bmc, at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("zenlayer.access_key_password")},
		{name: "ucloud.region empty", ucloud: hclArgs{"region": `""`}, data: uhost, at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("ucloud.region")},
		{name: "missing named credential file", data: uhost, at: atPlan,
			ucloud:  hclArgs{"public_key": omitted, "private_key": omitted, "shared_credentials_file": `"/nonexistent/credential.json"`},
			summary: `Cannot Read UCloud Credential File`, detail: `Check ucloud\.shared_credentials_file \(or UCLOUD_SHARED_CREDENTIAL_FILE\)`},
		{name: "wrong ucloud private key", ucloud: hclArgs{"private_key": `"0000000000000000000000000000000000000000"`},
			data: uhost, at: atPlan, api: true,
			summary: `UCloud Authentication Failed`, detail: `Check ucloud\.public_key and ucloud\.private_key \(or UCLOUD_PUBLIC_KEY and UCLOUD_PRIVATE_KEY\).*RetCode 171`},
		{name: "unknown ucloud public key", ucloud: hclArgs{"public_key": `"nobody@example.com"`}, data: phost, at: atPlan, api: true,
			summary: `UCloud Authentication Failed`, detail: `Check ucloud\.public_key and ucloud\.private_key.*RetCode 172`},
		{name: "wrong zenlayer password", zenlayer: hclArgs{"access_key_password": `"not-the-password"`}, data: bmc, at: atPlan, api: true,
			summary: `Zenlayer Authentication Failed`, detail: `Check zenlayer\.access_key_id and zenlayer\.access_key_password`},
		{name: "missing ucloud credentials", ucloud: hclArgs{"public_key": omitted, "private_key": omitted}, data: uhost, at: atPlan,
			summary: `Missing UCloud Credentials`, detail: `ucloud\.public_key in the provider block, or the UCLOUD_PUBLIC_KEY environment variable`},
		{name: "missing zenlayer credentials", zenlayer: hclArgs{"access_key_id": omitted, "access_key_password": omitted},
			data: `data "imagepick_bmc_image" "test" {}`, at: atPlan,
			summary: `Missing Zenlayer Credentials`, detail: `zenlayer\.access_key_id in the provider block, or the ZENLAYERCLOUD_ACCESS_KEY_ID environment variable`},
		{name: "missing region", ucloud: hclArgs{"region": omitted}, data: uhost, at: atPlan,
			summary: `Missing Region`, detail: `Set region in this data source, ucloud\.region in the provider block, or the UCLOUD_REGION environment variable`},

		// imagepick_uhost_images and imagepick_uhost_image.
		{name: "uhost bad regex", data: block("imagepick_uhost_images", `name_regex = "Ubuntu("`), at: atValidate,
			summary: `Invalid Regular Expression`, detail: `name_regex must be an RE2 regular expression.*missing closing \)`},
		{name: "uhost unknown image_type", data: block("imagepick_uhost_images", `image_type = "Public"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("image_type", "Public", `"Base", "Business", "Custom"`)},
		{name: "uhost unknown os_type", data: block("imagepick_uhost_images", `os_type = "BSD"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("os_type", "BSD", `"Linux", "Windows"`)},
		{name: "uhost unknown func_type", data: block("imagepick_uhost_image", `func_type = "cpu"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("func_type", "cpu", `"gpu", "app", "uhost"`)},
		{name: "uhost unknown status value", data: block("imagepick_uhost_images", `status = ["Ready"]`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("status[0]", "Ready", `"Available", "Making", "Unavailable", "Copying"`)},
		{name: "uhost image_type of another family", data: block("imagepick_uhost_image_ids", `image_type = "PUBLIC_IMAGE"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("image_type", "PUBLIC_IMAGE", `"Base", "Business", "Custom"`)},
		{name: "uhost architecture typo", data: block("imagepick_uhost_image", `architecture = "x86-64"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("architecture", "x86-64", `"x86_64", "aarch64"`)},
		{name: "uhost empty image_ids element", data: block("imagepick_uhost_images", `image_ids = [""]`), at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("image_ids[0]")},
		{name: "uhost duplicate image_ids", data: block("imagepick_uhost_images", `image_ids = ["uimage-a", "uimage-a"]`), at: atValidate,
			// The stock validator's detail does not name the attribute; Terraform's source excerpt does.
			summary: `Duplicate List Value`, detail: `image_ids = \["uimage-a", "uimage-a"\] This attribute contains duplicate values of: "uimage-a"`},
		{name: "uhost sort_by typo", data: block("imagepick_uhost_images", `sort_by = "created"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: `Attribute sort_by value must be one of: \["create_time" "name" "id"\], got: "created"`},
		{name: "uhost sort_order typo", data: block("imagepick_uhost_images", `sort_order = "descending"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: `Attribute sort_order value must be one of: \["asc" "desc"\], got: "descending"`},
		{name: "uhost empty region", data: block("imagepick_uhost_images", `region = ""`), at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("region")},
		{name: "uhost empty gpu_type", data: block("imagepick_uhost_image", `gpu_type = ""`), at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("gpu_type")},
		{name: "uhost misspelt argument", data: block("imagepick_uhost_images", `name_regx = "^Ubuntu"`), at: atValidate,
			summary: `Unsupported argument`, detail: `An argument named "name_regx" is not expected here\. Did you mean "name_regex"\?`},
		{name: "uhost most_recent not a bool", data: block("imagepick_uhost_image", `most_recent = "newest"`), at: atValidate,
			summary: `Incorrect attribute value type`, detail: `Inappropriate value for attribute "most_recent": a bool is required`},
		{name: "uhost contradictory filters", at: atPlan, api: true,
			data:    block("imagepick_uhost_image", "availability_zone = \"cn-bj2-02\"\n  os_type = \"Windows\"\n  architecture = \"aarch64\""),
			summary: `No Matching Image`, detail: `architecture = "aarch64" \(applied locally\).*Loosen the filter where the count drops to 0`},
		{name: "uhost ambiguous without most_recent", at: atPlan, api: true,
			data:    block("imagepick_uhost_image", "availability_zone = \"cn-bj2-02\"\n  name_regex = \"^Ubuntu\""),
			summary: `Multiple Matching Images`, detail: `set most_recent = true to take the newest`},

		// imagepick_phost_images and imagepick_phost_image.
		{name: "phost cluster without machine_type", at: atValidate,
			data:    block("imagepick_phost_images", "availability_zone = \"cn-bj2-05\"\n  cluster = \"100G\""),
			summary: `Invalid Attribute Combination`, detail: `Attribute "machine_type" must be specified when "cluster" is specified`},
		{name: "phost without a zone", data: `data "imagepick_phost_image" "test" {}`, at: atPlan,
			summary: `Missing Availability Zone`,
			detail:  `Set availability_zone in this data source, ucloud\.zone in the provider block, or the UCLOUD_ZONE environment variable`},
		{name: "phost unknown image_type", data: block("imagepick_phost_images", `image_type = "Business"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("image_type", "Business", `"Base", "Custom"`)},
		{name: "phost empty status element", data: block("imagepick_phost_images", `status = [""]`), at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("status[0]")},
		{name: "phost bad regex", data: block("imagepick_phost_image", `name_regex = "[CentOS"`), at: atValidate,
			summary: `Invalid Regular Expression`, detail: `name_regex must be an RE2 regular expression.*missing closing \]`},
		{name: "phost empty machine_type", data: block("imagepick_phost_image", `machine_type = ""`), at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("machine_type")},

		// imagepick_bmc_images and imagepick_bmc_image.
		{name: "bmc unknown catalog", data: block("imagepick_bmc_images", `catalog = "fedora"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("catalog", "fedora", `"centos", "windows", "ubuntu", "debian", "esxi"`)},
		{name: "bmc non-existent instance type", data: block("imagepick_bmc_images", `instance_type_id = "X99"`), at: atPlan, api: true,
			summary: `Instance Type Not Found`, detail: `Check instance_type_id against the instance types of your Zenlayer account.*INVALID_INSTANCE_TYPE_NOT_FOUND`},
		{name: "bmc sort_by create_time", data: block("imagepick_bmc_images", `sort_by = "create_time"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: `Attribute sort_by value must be one of: \["name" "id"\], got: "create_time"`},
		{name: "bmc empty name", data: block("imagepick_bmc_images", `name = ""`), at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("name")},
		{name: "bmc image_type golden", data: block("imagepick_bmc_image", `image_type = "golden"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("image_type", "golden", `"PUBLIC_IMAGE", "CUSTOM_IMAGE"`)},
		{name: "bmc most_recent", data: block("imagepick_bmc_image", `most_recent = true`), at: atValidate,
			summary: `Most Recent Not Supported`, detail: `no creation time.*Remove most_recent or set it to false`},
		{name: "bmc unknown os_type", data: block("imagepick_bmc_image", `os_type = "macos"`), at: atValidate,
			summary: `Invalid Attribute Value Match`, detail: oneOf("os_type", "macos", `"linux", "windows"`)},
		{name: "bmc no such image", data: block("imagepick_bmc_image", `name = "Plan9-x86_64"`), at: atPlan, api: true,
			summary: `No Matching Image`, detail: `name = "Plan9-x86_64" \(sent as imageName\).*Loosen the filter`},

		// imagepick_zec_images, imagepick_zec_image and imagepick_zec_image_ids.
		{name: "zec zone missing", data: block("imagepick_zec_images", ``), at: atValidate,
			summary: `Missing required argument`, detail: `The argument "availability_zone" is required`},
		{name: "zec zone empty", data: block("imagepick_zec_image_ids", `availability_zone = ""`), at: atValidate,
			summary: `Invalid Attribute Value Length`, detail: tooShort("availability_zone")},
		{name: "zec zone unknown", data: block("imagepick_zec_images", `availability_zone = "mars-1a"`), at: atPlan, api: true,
			summary: `Zone Not Found`, detail: `Check availability_zone against the ZEC zones.*INVALID_ZONE_NOT_FOUND`},
		{name: "zec bad regex", data: block("imagepick_zec_image", "availability_zone = \"asia-east-1a\"\n  name_regex = \"[web\""),
			at: atValidate, summary: `Invalid Regular Expression`, detail: `name_regex must be an RE2 regular expression.*missing closing \]`},
		{name: "zec most_recent", data: block("imagepick_zec_image", "availability_zone = \"asia-east-1a\"\n  most_recent = true"),
			at: atValidate, summary: `Most Recent Not Supported`, detail: `no creation time.*Remove most_recent or set it to false`},
		{name: "zec unknown status", data: block("imagepick_zec_images", "availability_zone = \"asia-east-1a\"\n  status = [\"READY\"]"),
			at: atValidate, summary: `Invalid Attribute Value Match`, detail: oneOf("status[0]", "READY",
				`"CREATING", "AVAILABLE", "UNAVAILABLE", "SYNCING", "FAILED", "DELETING", "PROCESSING"`)},
		{name: "zec unknown image_source", data: block("imagepick_zec_images", "availability_zone = \"asia-east-1a\"\n  image_source = \"SHARED\""),
			at: atValidate, summary: `Invalid Attribute Value Match`, detail: oneOf("image_source", "SHARED", `"OFFICIAL", "MARKETING", "CUSTOM"`)},
		{name: "zec empty tag key", data: block("imagepick_zec_images", "availability_zone = \"asia-east-1a\"\n  tags = { \"\" = \"web\" }"),
			at: atValidate, summary: `Invalid Attribute Value Length`, detail: `tags.* string length must be at least 1, got: 0`},
		{name: "zec sort_by create_time", data: block("imagepick_zec_image_ids", "availability_zone = \"asia-east-1a\"\n  sort_by = \"create_time\""),
			at: atValidate, summary: `Invalid Attribute Value Match`, detail: `Attribute sort_by value must be one of: \["name" "id"\], got: "create_time"`},
		{name: "zec several matches", data: block("imagepick_zec_image", "availability_zone = \"asia-east-1a\"\n  name = \"web-golden-v10\""),
			at: atPlan, api: true, summary: `Multiple Matching Images`,
			detail: `found 2 images .*img-web-v10a "web-golden-v10" .*img-web-v10b "web-golden-v10"`},
	}
}

// collapseWhitespace undoes Terraform's line wrapping and box drawing, so patterns can use single spaces.
func collapseWhitespace(s string) string {
	s = strings.NewReplacer("│", " ", "╷", " ", "╵", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	// The tripwire: with this file named, Configure always fails ("Cannot Read UCloud CLI Config"). A case caught
	// at validate never reaches Configure, so its error must not mention it.
	tripwire := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(tripwire, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}

	cases := badInputCases()
	counts := map[string]int{}
	for _, c := range cases {
		counts[c.at]++
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{}
			maps.Copy(env, c.env)
			if c.at == atValidate {
				env[envUCloudSharedConfigFile] = tripwire
			}
			emu, baseURL := newTestEmulator(t, emulator.Options{})

			var message string
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: providerFactoriesWithEnv(env),
				ErrorCheck: func(err error) error {
					message = err.Error()
					return nil
				},
				Steps: []resource.TestStep{{
					Config:   badInputProvider(baseURL, c) + c.data + "\n",
					PlanOnly: true,
				}},
			})
			if message == "" {
				t.Fatal("the configuration was accepted; want an error")
			}
			text := collapseWhitespace(message)
			for _, pattern := range []string{`Error: ` + c.summary, c.detail} {
				if !regexp.MustCompile(pattern).MatchString(text) {
					t.Errorf("the error does not match %q:\n%s", pattern, message)
				}
			}
			for _, crash := range []string{"panic", "plugin crashed", "goroutine "} {
				if strings.Contains(strings.ToLower(text), crash) {
					t.Errorf("the provider crashed (%q in the error):\n%s", crash, message)
				}
			}
			requests := emu.Stats().Total
			switch {
			case c.at == atValidate && strings.Contains(text, "Cannot Read UCloud CLI Config"):
				t.Errorf("caught at plan, not at validate: the provider was configured:\n%s", message)
			case c.at == atValidate && requests != 0:
				t.Errorf("caught at validate, but the emulator received %d requests", requests)
			case c.at == atPlan && c.api && requests == 0:
				t.Errorf("caught at plan without asking the API; the case expects the API's answer")
			case c.at == atPlan && !c.api && requests != 0:
				t.Errorf("the emulator received %d requests; the case should fail before any", requests)
			}
		})
	}
	if len(cases) < 30 {
		t.Errorf("%d cases; the suite promises at least 30", len(cases))
	}
	t.Logf("%d bad inputs: %d caught at validate, %d at plan", len(cases), counts[atValidate], counts[atPlan])
}
