package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// The secrets suite: no private key, access key password, signature or Authorization value reaches a log line,
// the state, the plan or an error message, even at TRACE level and when the API refuses the credentials.

// Wrong credentials of the failing step: secrets too, so they must not leak either.
const (
	secretsWrongPrivateKey = "0123456789abcdef0123456789abcdef01234567"
	secretsWrongPassword   = "wrongZenlayerPassword0002"
)

// signatureRecorder sits in front of the emulator and records every signature and Authorization value sent to
// it: the emulator's own request log leaves the signature out.
type signatureRecorder struct {
	next http.Handler

	mu     sync.Mutex
	values map[string]string // value -> what it is
}

// zenlayerSignaturePattern finds the signature inside a ZC2 Authorization value.
var zenlayerSignaturePattern = regexp.MustCompile(`Signature=([0-9a-f]+)`)

func (r *signatureRecorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	req.Body = io.NopCloser(bytes.NewReader(body))
	r.mu.Lock()
	if auth := req.Header.Get("Authorization"); auth != "" {
		r.values[auth] = "Authorization header"
		if m := zenlayerSignaturePattern.FindStringSubmatch(auth); m != nil {
			r.values[m[1]] = "Zenlayer signature"
		}
	}
	if form, err := url.ParseQuery(string(body)); err == nil && form.Get("Signature") != "" {
		r.values[form.Get("Signature")] = "UCloud signature"
	}
	if sig := req.URL.Query().Get("Signature"); sig != "" {
		r.values[sig] = "UCloud signature"
	}
	r.mu.Unlock()
	r.next.ServeHTTP(w, req)
}

// kinds counts the recorded values by kind.
func (r *signatureRecorder) kinds() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for _, kind := range r.values {
		out[kind]++
	}
	return out
}

// capturePlan keeps the JSON of the plan Terraform made. withoutConfig drops its "configuration" section, where
// Terraform echoes the constants of the .tf files (credentials written there included) by design.
type capturePlan struct {
	into          *[]byte
	withoutConfig bool
}

func (c capturePlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	plan := *req.Plan
	if c.withoutConfig {
		plan.Config = nil
	}
	raw, err := json.Marshal(plan)
	if err != nil {
		resp.Error = err
		return
	}
	*c.into = append(*c.into, raw...)
}

// captureJSONState keeps the JSON of the state as `terraform show -json` gives it.
type captureJSONState struct{ into *[]byte }

func (c captureJSONState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	*c.into = append(*c.into, raw...)
}

// secretsProviderBlock configures both clouds; the private key and password are left to the environment when "".
func secretsProviderBlock(baseURL, privateKey, password string) string {
	privateKeyLine, passwordLine := "", ""
	if privateKey != "" {
		privateKeyLine = fmt.Sprintf("private_key = %q", privateKey)
	}
	if password != "" {
		passwordLine = fmt.Sprintf("access_key_password = %q", password)
	}
	return fmt.Sprintf(`
provider "imagepick" {
  max_retries = 0
  ucloud = {
    public_key = %q
    %s
    region     = "cn-bj2"
    zone       = "cn-bj2-05"
    base_url   = %q
  }
  zenlayer = {
    access_key_id = %q
    %s
    base_url      = %q
  }
}
`, emulator.DefaultUCloudPublicKey, privateKeyLine, baseURL, emulator.DefaultZenlayerAccessKeyID, passwordLine, baseURL)
}

// harnessConfigDump matches the TRACE entry in which terraform-plugin-testing itself logs the test's .tf file.
var harnessConfigDump = regexp.MustCompile(`(?m)^\s*test_terraform_configuration=\n(\s*\|.*\n)*`)

const secretsDataSources = `
data "imagepick_uhost_images" "test" {
  include_prices = true
}

data "imagepick_uhost_image" "test" {
  availability_zone = "cn-bj2-02"
  name_regex        = "^Ubuntu 22\\.04"
  most_recent       = true
}

data "imagepick_phost_images" "test" {}

data "imagepick_phost_image" "test" {
  name_regex  = "^CentOS"
  most_recent = true
}

data "imagepick_bmc_images" "test" {}

data "imagepick_bmc_image" "test" {
  name = "CentOS7.4-x86_64"
}

data "imagepick_zec_images" "test" {
  availability_zone = "asia-east-1a"
  tags              = { team = "web" }
}

data "imagepick_zec_image" "test" {
  availability_zone = "asia-east-1a"
  image_ids         = ["img-web-v10b"]
}
`

func TestSecrets_neverInLogsStatePlanOrErrors(t *testing.T) {
	// From the environment (the documented practice) nothing may hold a secret. Written in the provider block,
	// the .tf file itself holds them, and so do two copies of it the provider cannot control: the plan's
	// "configuration" section and the test harness's own TRACE entry of the file; everything else may not.
	t.Run("credentials from the environment", func(t *testing.T) { checkSecretsNeverLeak(t, false) })
	t.Run("credentials in the provider block", func(t *testing.T) { checkSecretsNeverLeak(t, true) })
}

// checkSecretsNeverLeak runs in the process's environment, where users put credentials and Terraform sees them
// too, with Terraform's log variables set: it cannot run in parallel.
func checkSecretsNeverLeak(t *testing.T, inConfig bool) {
	isolateEnv(t)
	emu, _ := newTestEmulator(t, emulator.Options{})
	recorder := &signatureRecorder{next: emu, values: map[string]string{}}
	srv := httptest.NewServer(recorder)
	t.Cleanup(srv.Close)

	// TF_ACC_LOG_PATH collects Terraform's own log (plugin-testing passes it as TF_LOG_PATH) and the in-process
	// provider's (terraform-plugin-log's test sink), both at TRACE.
	logDir := t.TempDir()
	accLog := filepath.Join(logDir, "acc.log")
	stdLog := filepath.Join(logDir, "tf.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH", stdLog)
	t.Setenv("TF_ACC_LOG_PATH", accLog)
	t.Setenv("TF_ACC_LOG", "TRACE")
	for _, subsystem := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		t.Setenv(subsystem, "TRACE")
	}

	var errorMessages []string
	var planJSON, stateJSON, shimState []byte
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: processEnvProviderFactories,
		// Only the first step fails; its whole error text is kept for the checks below.
		ErrorCheck: func(err error) error {
			if !regexp.MustCompile(`UCloud\s+Authentication\s+Failed`).MatchString(err.Error()) ||
				!regexp.MustCompile(`Zenlayer\s+Authentication\s+Failed`).MatchString(err.Error()) {
				return err
			}
			errorMessages = append(errorMessages, err.Error())
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() { secretsCredentials(t, inConfig, secretsWrongPrivateKey, secretsWrongPassword) },
				Config:    secretsConfig(srv.URL, inConfig, secretsWrongPrivateKey, secretsWrongPassword),
			},
			{
				PreConfig: func() {
					secretsCredentials(t, inConfig, emulator.DefaultUCloudPrivateKey, emulator.DefaultZenlayerAccessKeyPassword)
				},
				Config: secretsConfig(srv.URL, inConfig, emulator.DefaultUCloudPrivateKey, emulator.DefaultZenlayerAccessKeyPassword),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{capturePlan{into: &planJSON, withoutConfig: inConfig}},
					PostApplyPostRefresh: []plancheck.PlanCheck{capturePlan{into: &planJSON, withoutConfig: inConfig}},
				},
				ConfigStateChecks: []statecheck.StateCheck{captureJSONState{into: &stateJSON}},
				Check: func(s *terraform.State) error {
					raw, err := json.Marshal(s)
					shimState = raw
					return err
				},
			},
		},
	})
	if t.Failed() {
		return
	}

	var logs []byte
	for _, name := range []string{accLog, stdLog} {
		if raw, err := os.ReadFile(name); err == nil {
			logs = append(logs, raw...)
		}
	}
	if inConfig {
		logs = harnessConfigDump.ReplaceAll(logs, nil)
	}
	// The captures must hold what they claim, or the checks below prove nothing.
	for what, ok := range map[string]bool{
		"provider API log lines":            bytes.Contains(logs, []byte("imagepick API request")),
		"Terraform core log lines":          bytes.Contains(logs, []byte("[TRACE]")),
		"framework log lines":               bytes.Contains(logs, []byte("sdk.framework")),
		"an error of the wrong-key step":    len(errorMessages) == 1,
		"the plan JSON":                     bytes.Contains(planJSON, []byte("imagepick_bmc_images")),
		"the state JSON":                    bytes.Contains(stateJSON, []byte("CentOS7.4-x86_64")),
		"the state as the SDK shim sees it": bytes.Contains(shimState, []byte("CentOS7.4-x86_64")),
		"the ZEC images in the state":       bytes.Contains(stateJSON, []byte("web-golden-v10")),
	} {
		if !ok {
			t.Errorf("nothing captured: %s", what)
		}
	}
	kinds := recorder.kinds()
	if kinds["UCloud signature"] == 0 || kinds["Zenlayer signature"] == 0 || kinds["Authorization header"] == 0 {
		t.Fatalf("recorded %v; want UCloud signatures, Zenlayer signatures and Authorization values", kinds)
	}
	t.Logf("checked %d bytes of logs, %d of plan, %d+%d of state, %d error messages against %v and 4 keys",
		len(logs), len(planJSON), len(stateJSON), len(shimState), len(errorMessages), kinds)

	secrets := map[string]string{
		emulator.DefaultUCloudPrivateKey:          "UCloud private key",
		emulator.DefaultZenlayerAccessKeyPassword: "Zenlayer access key password",
		secretsWrongPrivateKey:                    "wrong UCloud private key",
		secretsWrongPassword:                      "wrong Zenlayer password",
	}
	recorder.mu.Lock()
	for value, kind := range recorder.values {
		secrets[value] = kind
	}
	recorder.mu.Unlock()

	corpora := map[string]string{
		"logs":           string(logs),
		"plan":           string(planJSON),
		"state":          string(stateJSON),
		"SDK shim state": string(shimState),
		"errors":         strings.Join(errorMessages, "\n"),
	}
	var leaks []string
	for corpus, text := range corpora {
		for secret, kind := range secrets {
			if i := strings.Index(text, secret); i >= 0 {
				start, end := max(0, i-80), min(len(text), i+len(secret)+20)
				leaks = append(leaks, fmt.Sprintf("%s: %s in %q", corpus, kind, text[start:end]))
			}
		}
	}
	sort.Strings(leaks)
	for _, leak := range leaks {
		t.Error("leaked: " + leak)
	}
}

// secretsConfig is the configuration of a step: the credentials in the provider block, or left to the environment.
func secretsConfig(baseURL string, inConfig bool, privateKey, password string) string {
	if !inConfig {
		privateKey, password = "", ""
	}
	return secretsProviderBlock(baseURL, privateKey, password) + secretsDataSources
}

// secretsCredentials sets the environment of a step.
func secretsCredentials(t *testing.T, inConfig bool, privateKey, password string) {
	if inConfig {
		privateKey, password = "", ""
	}
	for name, value := range map[string]string{envUCloudPrivateKey: privateKey, envZenlayerAccessKeyPassword: password} {
		t.Setenv(name, value)
	}
}

func TestSecrets_sensitiveInSchema(t *testing.T) {
	t.Parallel()
	var resp provider.SchemaResponse
	newProvider("test", mapEnvironment(nil)).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	nested := func(name string) map[string]schema.Attribute {
		block, ok := resp.Schema.Attributes[name].(schema.SingleNestedAttribute)
		if !ok {
			t.Fatalf("%s is a %T, want a SingleNestedAttribute", name, resp.Schema.Attributes[name])
		}
		return block.Attributes
	}
	for _, tc := range []struct{ block, attribute string }{
		{"ucloud", "private_key"},
		{"zenlayer", "access_key_password"},
	} {
		attribute, ok := nested(tc.block)[tc.attribute]
		if !ok {
			t.Errorf("%s.%s is not in the schema", tc.block, tc.attribute)
			continue
		}
		if !attribute.IsSensitive() {
			t.Errorf("%s.%s is not Sensitive", tc.block, tc.attribute)
		}
	}
	// Any future secret-looking argument must be Sensitive too; key IDs are not secrets.
	notSecret := map[string]bool{"public_key": true, "access_key_id": true}
	secretName := regexp.MustCompile(`key|password|secret|token`)
	for _, block := range []string{"ucloud", "zenlayer"} {
		for name, attribute := range nested(block) {
			if secretName.MatchString(name) && !notSecret[name] && !attribute.IsSensitive() {
				t.Errorf("%s.%s looks like a secret but is not Sensitive", block, name)
			}
		}
	}
}
