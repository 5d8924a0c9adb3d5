package provider

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// The fault suite: transient faults are absorbed without changing a single state value, and permanent ones end
// the plan with an error that names the cloud, the action and the last error.

// Sizes of faultCatalog; with faultLimitCap the UHost listing takes 5 pages and the bare-metal one 3.
const (
	faultUHostImages = 250
	faultPHostExtra  = 110 // generated bare-metal images in cn-bj2-05, besides the default catalog's 12
	faultPHostZone   = 121 // listed by default: the default catalog's image being made is left out
	faultBMCImages   = 15
	faultLimitCap    = 50
)

// faultCatalog is the default catalog with 250 generated UHost images in cn-bj2-02 and 110 more bare-metal
// images in cn-bj2-05, enough for several pages of each UCloud action.
func faultCatalog() *emulator.Catalog {
	catalog := emulator.GenerateCatalog(faultUHostImages, "cn-bj2", "cn-bj2-02", 5)
	families := []struct{ name, osType string }{{"CentOS 7.%d 64位", "CentOS"}, {"Ubuntu 2%d.04 64位", "Ubuntu"}, {"Debian 1%d 64位", "Debian"}}
	for i := range faultPHostExtra {
		family := families[i%len(families)]
		img := emulator.PHostImage{
			Region:    "cn-bj2",
			Zone:      "cn-bj2-05",
			ImageID:   fmt.Sprintf("pimg-gen%03d", i),
			ImageName: fmt.Sprintf(family.name, i%10),
			OsName:    fmt.Sprintf(family.name, i%10),
			OsType:    family.osType,
			Support:   []string{"Standard-C1", "GPU-G4"},
			Version:   "1.0",
			ImageType: []string{"Base", "Custom"}[i%2],
			State:     "Available",
			ImageSize: 20,
		}
		if i%9 != 0 { // every ninth is a bare metal 1.0 image without a creation time
			img.CreateTime = fmt.Sprint(1700000000 + 86400*(i%37))
		}
		catalog.PHost = append(catalog.PHost, img)
	}
	return catalog
}

// faultProviderBlock configures both clouds against baseURL with the given retry settings.
func faultProviderBlock(baseURL string, maxRetries int, requestTimeout string) string {
	timeout := ""
	if requestTimeout != "" {
		timeout = fmt.Sprintf("request_timeout = %q", requestTimeout)
	}
	return fmt.Sprintf(`
provider "imagepick" {
  max_retries = %d
  %s
  ucloud = {
    public_key  = %q
    private_key = %q
    region      = "cn-bj2"
    base_url    = %q
  }
  zenlayer = {
    access_key_id       = %q
    access_key_password = %q
    base_url            = %q
  }
}
`, maxRetries, timeout, emulator.DefaultUCloudPublicKey, emulator.DefaultUCloudPrivateKey, baseURL,
		emulator.DefaultZenlayerAccessKeyID, emulator.DefaultZenlayerAccessKeyPassword, baseURL)
}

// faultDataSources reads the nine UCloud and BMC data sources (ZEC has zec_faults_test.go); each UCloud list and
// exactly-one form sends its own query, so each pages on its own (the ID-only forms share theirs with the lists).
const faultDataSources = `
data "imagepick_uhost_images" "all" {
  availability_zone = "cn-bj2-02"
  status            = ["Available", "Making", "Unavailable", "Copying"]
  include_prices    = true
}

data "imagepick_uhost_image" "newest" {
  availability_zone = "cn-bj2-02"
  os_type           = "Linux"
  name_regex        = "^Ubuntu 22\\.04"
  most_recent       = true
}

data "imagepick_phost_images" "all" {
  availability_zone = "cn-bj2-05"
}

data "imagepick_phost_image" "newest" {
  availability_zone = "cn-bj2-05"
  image_type        = "Custom"
  os_type           = "Ubuntu"
  most_recent       = true
}

data "imagepick_bmc_images" "all" {}

data "imagepick_bmc_image" "centos" {
  name = "CentOS7.4-x86_64"
}

data "imagepick_uhost_image_ids" "all" {
  availability_zone = "cn-bj2-02"
  status            = ["Available", "Making", "Unavailable", "Copying"]
  include_prices    = true
}

data "imagepick_phost_image_ids" "all" {
  availability_zone = "cn-bj2-05"
}

data "imagepick_bmc_image_ids" "all" {}
`

// captureState copies every attribute of every data source in state into *into.
func captureState(into *map[string]map[string]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		out := map[string]map[string]string{}
		for name, rs := range s.RootModule().Resources {
			attributes := make(map[string]string, len(rs.Primary.Attributes))
			for k, v := range rs.Primary.Attributes {
				attributes[k] = v
			}
			out[name] = attributes
		}
		*into = out
		return nil
	}
}

// sameState fails with the first differences between the state and want.
func sameState(want *map[string]map[string]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var got map[string]map[string]string
		if err := captureState(&got)(s); err != nil {
			return err
		}
		var diffs []string
		for name, wantAttrs := range *want {
			gotAttrs, ok := got[name]
			if !ok {
				diffs = append(diffs, name+": missing")
				continue
			}
			for k, v := range wantAttrs {
				if gotAttrs[k] != v {
					diffs = append(diffs, fmt.Sprintf("%s.%s = %q, want %q", name, k, gotAttrs[k], v))
				}
			}
			for k, v := range gotAttrs {
				if _, ok := wantAttrs[k]; !ok {
					diffs = append(diffs, fmt.Sprintf("%s.%s = %q, not in the fault-free state", name, k, v))
				}
			}
		}
		for name := range got {
			if _, ok := (*want)[name]; !ok {
				diffs = append(diffs, name+": not in the fault-free state")
			}
		}
		if len(diffs) == 0 {
			return nil
		}
		sort.Strings(diffs)
		return fmt.Errorf("state under faults differs from the fault-free state in %d values:\n%s",
			len(diffs), strings.Join(diffs[:min(len(diffs), 20)], "\n"))
	}
}

// faultCountChecks pins the sizes of the lists, so that "same state" cannot mean "both empty".
func faultCountChecks() []statecheck.StateCheck {
	size := func(ds string, n int) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListSizeExact(n))
	}
	nonEmpty := func(ds string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`.`)))
	}
	return []statecheck.StateCheck{
		size("data.imagepick_uhost_images.all", faultUHostImages),
		size("data.imagepick_phost_images.all", faultPHostZone),
		size("data.imagepick_bmc_images.all", faultBMCImages),
		size("data.imagepick_uhost_image_ids.all", faultUHostImages),
		size("data.imagepick_phost_image_ids.all", faultPHostZone),
		size("data.imagepick_bmc_image_ids.all", faultBMCImages),
		nonEmpty("data.imagepick_uhost_image.newest"),
		nonEmpty("data.imagepick_phost_image.newest"),
		nonEmpty("data.imagepick_bmc_image.centos"),
	}
}

func TestFaultSuite_transientFaultsLeaveStateUnchanged(t *testing.T) {
	t.Parallel()
	catalog := faultCatalog()

	var clean map[string]map[string]string
	cleanEmu, cleanURL := newTestEmulator(t, emulator.Options{Catalog: catalog, LimitCap: faultLimitCap})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            faultProviderBlock(cleanURL, 10, "") + faultDataSources,
			ConfigStateChecks: faultCountChecks(),
			Check:             captureState(&clean),
		}},
	})
	cleanStats := cleanEmu.Stats()
	if t.Failed() || len(clean) != 9 {
		t.Fatalf("fault-free run: captured %d data sources, want 9", len(clean))
	}

	// Up to 10 retries: with every 3rd, 5th and 7th request failing, at most 4 consecutive request numbers fail,
	// and concurrent pages interleave their attempts, so a request may meet more than 4 faults in a row.
	faultyEmu, faultyURL := newTestEmulator(t, emulator.Options{Catalog: catalog, LimitCap: faultLimitCap,
		Faults: emulator.Faults{ThrottleEvery: 3, UnavailableEvery: 5, TruncateEvery: 7}})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            faultProviderBlock(faultyURL, 10, "") + faultDataSources,
			ConfigStateChecks: faultCountChecks(),
			Check:             sameState(&clean),
		}},
	})
	faultyStats := faultyEmu.Stats()
	t.Logf("fault-free: %d requests %v; with faults: %d requests %v, %d faults served",
		cleanStats.Total, cleanStats.Requests, faultyStats.Total, faultyStats.Requests, faultyStats.Faults)
	if faultyStats.Faults == 0 || faultyStats.Total <= cleanStats.Total {
		t.Errorf("the faulty emulator served %d faults in %d requests (fault-free: %d requests): the suite tested nothing",
			faultyStats.Faults, faultyStats.Total, cleanStats.Total)
	}
	for _, action := range []string{"DescribeImage", "DescribePHostImage", "DescribeImages"} {
		if faultyStats.Requests[action] == 0 {
			t.Errorf("no %s request reached the faulty emulator", action)
		}
	}
}

// permanentFailureConfig reads one data source of each action, so the error must name all three.
const permanentFailureConfig = `
data "imagepick_uhost_images" "test" {}

data "imagepick_phost_images" "test" {
  availability_zone = "cn-bj2-05"
}

data "imagepick_bmc_images" "test" {}
`

func TestFaultSuite_permanentFailure(t *testing.T) {
	t.Parallel()
	// A server that never answers: each attempt ends at request_timeout. Reading the body lets the server notice
	// the client hanging up (it watches the connection only once the body is consumed); done frees any handler
	// left at the end, so that Close does not wait for it.
	done := make(chan struct{})
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-done:
		}
	}))
	t.Cleanup(hanging.Close)
	t.Cleanup(func() { close(done) }) // runs before Close

	// An address nobody listens on any more: every connection is refused.
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedURL := "http://" + listener.Addr().String()
	listener.Close()

	throttled, throttledURL := newTestEmulator(t, emulator.Options{Faults: emulator.Faults{ThrottleEvery: 1}})

	for _, tc := range []struct {
		name string
		url  string
		// last errors, per action, as they end the error message
		summary                                   string
		describeImage, describePHost, describeBMC string
	}{
		{
			name: "every request throttled", url: throttledURL, summary: `(UCloud|Zenlayer) API Unavailable`,
			describeImage: `RetCode 153: Request Throttled`, describePHost: `RetCode 153: Request Throttled`,
			describeBMC: `HTTP 429 REQUEST_LIMIT_EXCEEDED`,
		},
		{
			name: "connection refused", url: refusedURL, summary: `Image Lookup Failed`,
			describeImage: `request failed: .*connection refused`, describePHost: `request failed: .*connection refused`,
			describeBMC: `request failed: .*connection refused`,
		},
		{
			name: "server never answers", url: hanging.URL, summary: `Image Lookup Timed Out`,
			describeImage: `request failed: .*context deadline exceeded`, describePHost: `request failed: .*context deadline exceeded`,
			describeBMC: `request failed: .*context deadline exceeded`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var message string
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProtoV6ProviderFactories,
				// ErrorCheck sees the whole error text, so every part of it can be checked below.
				ErrorCheck: func(err error) error {
					message = err.Error()
					return nil
				},
				Steps: []resource.TestStep{{
					Config:   faultProviderBlock(tc.url, 1, "1s") + permanentFailureConfig,
					PlanOnly: true,
				}},
			})
			if message == "" {
				t.Fatal("the plan succeeded; want it to fail")
			}
			text := strings.Join(strings.Fields(message), " ") // undo Terraform's line wrapping
			t.Logf("the plan failed with:\n%s", message)
			for _, want := range []string{
				tc.summary,
				`All 2 attempts failed\.`,
				`UCloud DescribeImage: giving up after 2 attempts: UCloud DescribeImage: ` + tc.describeImage,
				`UCloud DescribePHostImage: giving up after 2 attempts: UCloud DescribePHostImage: ` + tc.describePHost,
				`Zenlayer DescribeImages: giving up after 2 attempts: Zenlayer DescribeImages: ` + tc.describeBMC,
			} {
				if !regexp.MustCompile(want).MatchString(text) {
					t.Errorf("the error does not match %q:\n%s", want, message)
				}
			}
			if strings.Contains(text, "panic") || strings.Contains(text, "plugin crashed") {
				t.Errorf("the provider crashed:\n%s", message)
			}
		})
	}
	t.Logf("throttled emulator: %+v", throttled.Stats())
}

// An https:// base URL answered by a plain-http server (an emulator, a port mix-up) is not retried, and the error
// says what to do.
func TestFaultSuite_httpsBaseURLAnsweredInPlainHTTP(t *testing.T) {
	t.Parallel()
	emu, url := newTestEmulator(t, emulator.Options{})
	httpsURL := "https://" + strings.TrimPrefix(url, "http://")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      faultProviderBlock(httpsURL, 3, "5s") + `data "imagepick_uhost_images" "test" {}`,
			PlanOnly:    true,
			ExpectError: errorRegexp("HTTPS Base URL Answered in Plain HTTP", "not retried", "use an http:// base URL"),
		}},
	})
	if n := emu.Stats().Requests["DescribeImage"]; n != 0 {
		t.Errorf("the emulator answered %d DescribeImage requests in plain http; want none to get through", n)
	}
}
