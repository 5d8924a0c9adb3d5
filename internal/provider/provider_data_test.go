package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestResolveUCloud_EnvironmentAndArguments(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		envUCloudPublicKey:  "env-public",
		envUCloudPrivateKey: "env-private",
		envUCloudRegion:     "env-region",
		envUCloudZone:       "env-zone",
		envUCloudProjectID:  "env-project",
		envUCloudBaseURL:    "https://env.example.com",
	}
	tests := []struct {
		name  string
		model ucloudModel
		want  ucloudSettings
	}{
		{
			name:  "environment only",
			model: nullUCloudModel(),
			want: ucloudSettings{publicKey: "env-public", privateKey: "env-private", region: "env-region",
				zone: "env-zone", projectID: "env-project", baseURL: "https://env.example.com"},
		},
		{
			name: "arguments win",
			model: ucloudModel{
				PublicKey: types.StringValue("arg-public"), PrivateKey: types.StringValue("arg-private"),
				Region: types.StringValue("arg-region"), Zone: types.StringValue("arg-zone"),
				ProjectID: types.StringValue("arg-project"), BaseURL: types.StringValue("https://arg.example.com"),
				Profile: types.StringNull(), SharedCredentialsFile: types.StringNull(),
			},
			want: ucloudSettings{publicKey: "arg-public", privateKey: "arg-private", region: "arg-region",
				zone: "arg-zone", projectID: "arg-project", baseURL: "https://arg.example.com"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, diags := resolveUCloud(tt.model, mapEnvironment(env))
			if diags.HasError() {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestResolveUCloud_DefaultsAndMissing(t *testing.T) {
	t.Parallel()
	got, diags := resolveUCloud(nullUCloudModel(), mapEnvironment(nil))
	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if got.baseURL != defaultUCloudBaseURL {
		t.Errorf("base URL %q, want %q", got.baseURL, defaultUCloudBaseURL)
	}
	missing := got.missing()
	if len(missing) != 2 || missing[0] != (setting{"ucloud.public_key", envUCloudPublicKey}) ||
		missing[1] != (setting{"ucloud.private_key", envUCloudPrivateKey}) {
		t.Errorf("missing = %v", missing)
	}
}

func TestResolveUCloud_ProfileFiles(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	env := map[string]string{"HOME": home, "USERPROFILE": home, "home": home}
	writeFile(t, filepath.Join(home, ".ucloud", "config.json"),
		`[{"profile":"default","region":"cn-sh2"},{"profile":"work","active":true,"region":"cn-bj2","zone":"cn-bj2-05","project_id":"org-work","base_url":"https://api.ucloud-global.com"}]`)
	writeFile(t, filepath.Join(home, ".ucloud", "credential.json"),
		`[{"profile":"default","public_key":"pub-default","private_key":"priv-default"},{"profile":"work","public_key":"pub-work","private_key":"priv-work"}]`)

	got, diags := resolveUCloud(nullUCloudModel(), mapEnvironment(env))
	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	want := ucloudSettings{publicKey: "pub-work", privateKey: "priv-work", region: "cn-bj2", zone: "cn-bj2-05",
		projectID: "org-work", baseURL: "https://api.ucloud-global.com"}
	if got != want {
		t.Errorf("active profile: got %+v, want %+v", got, want)
	}

	env[envUCloudProfile] = "default"
	env[envUCloudRegion] = "env-region"
	got, _ = resolveUCloud(nullUCloudModel(), mapEnvironment(env))
	if got.publicKey != "pub-default" || got.region != "env-region" || got.baseURL != defaultUCloudBaseURL {
		t.Errorf("UCLOUD_PROFILE=default with UCLOUD_REGION: got %+v", got)
	}
}

// A profile named in the configuration must exist, also when the keys come from the environment.
func TestResolveUCloud_UnknownProfile(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	configFile := filepath.Join(home, ".ucloud", "config.json")
	credFile := filepath.Join(home, ".ucloud", "credential.json")
	writeFile(t, configFile, `[{"profile":"default","region":"cn-sh2"},{"profile":"cfgonly","region":"cn-bj2"}]`)
	writeFile(t, credFile, `[{"profile":"default","public_key":"pub","private_key":"priv"}]`)
	tests := []struct {
		name    string
		profile string
		envKeys bool
		wantErr []string // phrases of the detail; none means no error
	}{
		{"unknown, keys in the environment", "nosuch", true, []string{`"nosuch"`, credFile, configFile}},
		{"unknown, no keys elsewhere", "nosuch", false, []string{`"nosuch"`, credFile, configFile}},
		{"in config.json only, no keys elsewhere", "cfgonly", false, []string{`"cfgonly"`, credFile}},
		{"in config.json only, keys in the environment", "cfgonly", true, nil},
		{"known", "default", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"HOME": home, "USERPROFILE": home, "home": home}
			if tt.envKeys {
				env[envUCloudPublicKey], env[envUCloudPrivateKey] = "env-pub", "env-priv"
			}
			m := nullUCloudModel()
			m.Profile = types.StringValue(tt.profile)
			_, diags := resolveUCloud(m, mapEnvironment(env))
			if len(tt.wantErr) == 0 {
				if diags.HasError() {
					t.Fatalf("unexpected error: %v", diags)
				}
				return
			}
			if !diags.HasError() || diags[0].Summary() != "UCloud Profile Not Found" {
				t.Fatalf("want UCloud Profile Not Found, got %v", diags)
			}
			for _, phrase := range tt.wantErr {
				if !strings.Contains(diags[0].Detail(), phrase) {
					t.Errorf("detail %q does not name %s", diags[0].Detail(), phrase)
				}
			}
		})
	}
}

func TestResolveUCloud_MissingNamedCredentialFile(t *testing.T) {
	t.Parallel()
	m := nullUCloudModel()
	m.SharedCredentialsFile = types.StringValue(filepath.Join(t.TempDir(), "nope.json"))
	_, diags := resolveUCloud(m, mapEnvironment(nil))
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "ucloud.shared_credentials_file") {
		t.Fatalf("want an error naming ucloud.shared_credentials_file, got %v", diags)
	}
}

func TestResolveUCloud_BadBaseURLInEnvironment(t *testing.T) {
	t.Parallel()
	_, diags := resolveUCloud(nullUCloudModel(), mapEnvironment(map[string]string{envUCloudBaseURL: "api.ucloud.cn"}))
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), envUCloudBaseURL) {
		t.Fatalf("want an error naming %s, got %v", envUCloudBaseURL, diags)
	}
}

func TestResolveZenlayer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		env   map[string]string
		model zenlayerModel
		want  zenlayerSettings
	}{
		{name: "defaults", model: nullZenlayerModel(), want: zenlayerSettings{baseURL: defaultZenlayerBaseURL}},
		{
			name:  "environment",
			env:   map[string]string{envZenlayerAccessKeyID: "env-id", envZenlayerAccessKeyPassword: "env-pw", envZenlayerBaseURL: "http://127.0.0.1:9"},
			model: nullZenlayerModel(),
			want:  zenlayerSettings{accessKeyID: "env-id", accessKeyPassword: "env-pw", baseURL: "http://127.0.0.1:9"},
		},
		{
			name: "arguments win",
			env:  map[string]string{envZenlayerAccessKeyID: "env-id", envZenlayerAccessKeyPassword: "env-pw", envZenlayerBaseURL: "http://127.0.0.1:9"},
			model: zenlayerModel{AccessKeyID: types.StringValue("arg-id"), AccessKeyPassword: types.StringValue("arg-pw"),
				BaseURL: types.StringValue("https://arg.example.com")},
			want: zenlayerSettings{accessKeyID: "arg-id", accessKeyPassword: "arg-pw", baseURL: "https://arg.example.com"},
		},
		{
			name:  "domain and scheme",
			env:   map[string]string{envZenlayerDomain: "127.0.0.1:8080", envZenlayerScheme: "HTTP"},
			model: nullZenlayerModel(),
			want:  zenlayerSettings{baseURL: "http://127.0.0.1:8080"},
		},
		{
			name:  "domain alone is https",
			env:   map[string]string{envZenlayerDomain: "bmc.example.com"},
			model: nullZenlayerModel(),
			want:  zenlayerSettings{baseURL: "https://bmc.example.com"},
		},
		{
			name:  "base URL wins over domain",
			env:   map[string]string{envZenlayerDomain: "bmc.example.com", envZenlayerBaseURL: "https://base.example.com"},
			model: nullZenlayerModel(),
			want:  zenlayerSettings{baseURL: "https://base.example.com"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, diags := resolveZenlayer(tt.model, mapEnvironment(tt.env))
			if diags.HasError() {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestResolveZenlayer_DomainWithPath(t *testing.T) {
	t.Parallel()
	_, diags := resolveZenlayer(nullZenlayerModel(), mapEnvironment(map[string]string{envZenlayerDomain: "console.zenlayer.com/api/v2/bmc"}))
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), envZenlayerDomain) {
		t.Fatalf("want an error naming %s, got %v", envZenlayerDomain, diags)
	}
}

// The provider reads its own environment: os.Getenv in production, and nothing of the process's in tests that
// give it another. Serial: it sets a variable of the process.
func TestEnvironment_processOnlyInProduction(t *testing.T) {
	t.Setenv(envUCloudPublicKey, "from-process")
	t.Setenv("HOME", t.TempDir())
	if got, _ := resolveUCloud(nullUCloudModel(), os.Getenv); got.publicKey != "from-process" {
		t.Errorf("with os.Getenv: public key %q, want the process's", got.publicKey)
	}
	if got, _ := resolveUCloud(nullUCloudModel(), mapEnvironment(nil)); got.publicKey != "" {
		t.Errorf("with an empty environment: public key %q, want none", got.publicKey)
	}
}

// "~/" in a file name is the home directory of the provider's environment.
func TestResolveUCloud_homeOfTheEnvironment(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeFile(t, filepath.Join(home, "keys.json"), `[{"profile":"default","public_key":"pub","private_key":"priv"}]`)
	m := nullUCloudModel()
	m.SharedCredentialsFile = types.StringValue("~/keys.json")
	got, diags := resolveUCloud(m, mapEnvironment(map[string]string{"HOME": home, "USERPROFILE": home, "home": home}))
	if diags.HasError() || got.publicKey != "pub" {
		t.Errorf("with a home directory: public key %q, %v", got.publicKey, diags)
	}
	_, diags = resolveUCloud(m, mapEnvironment(nil))
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "home directory is not set") {
		t.Errorf("without one: want an error saying the home directory is not set, got %v", diags)
	}
}

func nullUCloudModel() ucloudModel {
	return ucloudModel{PublicKey: types.StringNull(), PrivateKey: types.StringNull(), Region: types.StringNull(),
		Zone: types.StringNull(), ProjectID: types.StringNull(), BaseURL: types.StringNull(), Profile: types.StringNull(),
		SharedCredentialsFile: types.StringNull()}
}

func nullZenlayerModel() zenlayerModel {
	return zenlayerModel{AccessKeyID: types.StringNull(), AccessKeyPassword: types.StringNull(), BaseURL: types.StringNull()}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestWarnPlainHTTP(t *testing.T) {
	t.Parallel()
	tests := []struct {
		baseURL string
		warn    bool
	}{
		{"https://api.ucloud.cn", false},
		{"http://127.0.0.1:8080", false},
		{"http://localhost:8080", false},
		{"http://[::1]:8080", false},
		{"http://api.service.ucloud.cn", true},
		{"http://10.0.0.8:8080", true},
	}
	for _, tt := range tests {
		var diags diag.Diagnostics
		warnPlainHTTP(&diags, path.Root("ucloud").AtName("base_url"), tt.baseURL)
		if got := diags.WarningsCount() == 1; got != tt.warn {
			t.Errorf("%s: warning = %v, want %v (%v)", tt.baseURL, got, tt.warn, diags)
		}
		if tt.warn && !strings.Contains(diags[0].Detail(), "ucloud.base_url") {
			t.Errorf("%s: the warning does not name ucloud.base_url: %s", tt.baseURL, diags[0].Detail())
		}
	}
}
