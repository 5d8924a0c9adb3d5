package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/provider/validators"
)

const (
	envUCloudPublicKey            = "UCLOUD_PUBLIC_KEY"
	envUCloudPrivateKey           = "UCLOUD_PRIVATE_KEY"
	envUCloudRegion               = "UCLOUD_REGION"
	envUCloudZone                 = "UCLOUD_ZONE"
	envUCloudProjectID            = "UCLOUD_PROJECT_ID"
	envUCloudBaseURL              = "UCLOUD_API_BASE_URL"
	envUCloudProfile              = "UCLOUD_PROFILE"
	envUCloudSharedCredentialFile = "UCLOUD_SHARED_CREDENTIAL_FILE"
	envUCloudSharedConfigFile     = "UCLOUD_SHARED_CONFIG_FILE"

	envZenlayerAccessKeyID       = "ZENLAYERCLOUD_ACCESS_KEY_ID"
	envZenlayerAccessKeyPassword = "ZENLAYERCLOUD_ACCESS_KEY_PASSWORD"
	envZenlayerBaseURL           = "ZENLAYERCLOUD_BASE_URL"
	envZenlayerDomain            = "ZENLAYERCLOUD_DOMAIN"
	envZenlayerScheme            = "ZENLAYERCLOUD_SCHEME"

	defaultUCloudBaseURL   = "https://api.ucloud.cn"
	defaultZenlayerBaseURL = "https://console.zenlayer.com"

	defaultMaxRetries     = 3
	maxMaxRetries         = 10
	defaultRequestTimeout = 30 * time.Second
	minRequestTimeout     = time.Second
	maxRequestTimeout     = 10 * time.Minute
)

// providerData is what Configure hands to every data source: one entry per cloud, each with its client or the
// reason it has none, so that only the data sources of an unconfigured cloud fail.
type providerData struct {
	ucloud   ucloudAccess
	zenlayer zenlayerAccess
}

type ucloudAccess struct {
	client                  *client.UCloud // nil when a credential is missing
	missing                 []setting      // the missing credentials, when client is nil
	region, zone, projectID string
}

type zenlayerAccess struct {
	client  *client.Zenlayer
	missing []setting
}

// setting names a provider argument together with its environment variable, for messages.
type setting struct{ argument, env string }

// unsetSettings returns the settings whose value (at the same index) is empty.
func unsetSettings(values []string, settings ...setting) []setting {
	var unset []setting
	for i, s := range settings {
		if values[i] == "" {
			unset = append(unset, s)
		}
	}
	return unset
}

// cloud is what the data sources of one cloud need to know about it besides its client.
type cloud struct {
	name string // "UCloud", for messages
	// missing lists the credentials that are not set; none when the cloud's client is ready.
	missing func(pd *providerData) []setting
	// credentialsHint says where credentials come from, after they were found missing or refused.
	credentialsHint string
}

var ucloudCloud = &cloud{
	name: "UCloud",
	missing: func(pd *providerData) []setting {
		if pd.ucloud.client != nil {
			return nil
		}
		return pd.ucloud.missing
	},
	credentialsHint: "Check ucloud.public_key and ucloud.private_key (or " + envUCloudPublicKey + " and " + envUCloudPrivateKey +
		"), or the UCloud CLI profile they come from (ucloud.profile, ucloud.shared_credentials_file); a sub-account " +
		"must also set project_id.",
}

var zenlayerCloud = &cloud{
	name: "Zenlayer",
	missing: func(pd *providerData) []setting {
		if pd.zenlayer.client != nil {
			return nil
		}
		return pd.zenlayer.missing
	},
	credentialsHint: "Check zenlayer.access_key_id and zenlayer.access_key_password (or " + envZenlayerAccessKeyID + " and " +
		envZenlayerAccessKeyPassword + ").",
}

func newProviderData(ctx context.Context, config providerModel, userAgent string, env environment) (*providerData, diag.Diagnostics) {
	var diags diag.Diagnostics
	var uc ucloudModel
	var zc zenlayerModel
	diags.Append(objectAs(ctx, config.UCloud, "ucloud", &uc)...)
	diags.Append(objectAs(ctx, config.Zenlayer, "zenlayer", &zc)...)
	opts := clientOptions(config, userAgent, &diags)
	if diags.HasError() {
		return nil, diags
	}

	data := &providerData{}
	ucloud, d := resolveUCloud(uc, env)
	diags.Append(d...)
	zenlayer, d := resolveZenlayer(zc, env)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	warnPlainHTTP(&diags, path.Root("ucloud").AtName("base_url"), ucloud.baseURL)
	warnPlainHTTP(&diags, path.Root("zenlayer").AtName("base_url"), zenlayer.baseURL)

	data.ucloud = ucloudAccess{region: ucloud.region, zone: ucloud.zone, projectID: ucloud.projectID, missing: ucloud.missing()}
	if len(data.ucloud.missing) == 0 {
		data.ucloud.client = client.NewUCloud(ucloud.baseURL,
			client.UCloudCredentials{PublicKey: ucloud.publicKey, PrivateKey: ucloud.privateKey}, opts)
	}
	data.zenlayer = zenlayerAccess{missing: zenlayer.missing()}
	if len(data.zenlayer.missing) == 0 {
		data.zenlayer.client = client.NewZenlayer(zenlayer.baseURL,
			client.ZenlayerCredentials{AccessKeyID: zenlayer.accessKeyID, AccessKeyPassword: zenlayer.accessKeyPassword}, opts)
	}
	return data, diags
}

// objectAs reads an optional nested block; an unknown block (computed from a resource) cannot configure a client.
func objectAs(ctx context.Context, obj types.Object, name string, target any) diag.Diagnostics {
	var diags diag.Diagnostics
	if obj.IsNull() {
		return diags
	}
	if obj.IsUnknown() {
		diags.Append(unknownSetting(path.Root(name)))
		return diags
	}
	return obj.As(ctx, target, basetypes.ObjectAsOptions{})
}

func clientOptions(config providerModel, userAgent string, diags *diag.Diagnostics) client.Options {
	opts := client.Options{UserAgent: userAgent, MaxRetries: defaultMaxRetries, RequestTimeout: defaultRequestTimeout}
	if config.MaxRetries.IsUnknown() {
		diags.Append(unknownSetting(path.Root("max_retries")))
	} else if !config.MaxRetries.IsNull() {
		opts.MaxRetries = int(config.MaxRetries.ValueInt64())
	}
	if config.RequestTimeout.IsUnknown() {
		diags.Append(unknownSetting(path.Root("request_timeout")))
	} else if !config.RequestTimeout.IsNull() {
		// The validator has checked the value; a failure here would be a provider bug, reported as such.
		d, err := time.ParseDuration(config.RequestTimeout.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid Duration",
				fmt.Sprintf("request_timeout must be a duration such as \"30s\".\n\nError: %s", err))
		}
		opts.RequestTimeout = d
	}
	return opts
}

// environment looks up the environment variables the provider reads: os.Getenv in production. Tests give each
// provider its own, so that they leave the process's environment alone and can run in parallel.
type environment func(name string) string

// get returns a variable without surrounding white space; "" when unset.
func (e environment) get(name string) string { return strings.TrimSpace(e(name)) }

// home is the home directory where os.UserHomeDir looks for it, in this environment; "" when unset.
func (e environment) home() string {
	switch runtime.GOOS {
	case "windows":
		return e("USERPROFILE")
	case "plan9":
		return e("home")
	}
	return e("HOME")
}

// setting returns the argument when set, else the environment variable; an unknown argument is an error.
func (e environment) setting(value types.String, p path.Path, variable string, diags *diag.Diagnostics) string {
	if value.IsUnknown() {
		diags.Append(unknownSetting(p))
		return ""
	}
	if !value.IsNull() {
		return value.ValueString()
	}
	return e.get(variable)
}

// checkBaseURL checks a base URL read from the environment, which no validator has seen.
func (e environment) checkBaseURL(value types.String, variable string, diags *diag.Diagnostics) {
	if !value.IsNull() {
		return
	}
	if raw := e.get(variable); raw != "" {
		if err := validators.CheckBaseURL(raw); err != nil {
			diags.AddError("Invalid Base URL",
				fmt.Sprintf("The environment variable %s must be an absolute http or https URL such as \"https://api.ucloud.cn\".\n\nError: %s", variable, err))
		}
	}
}

// warnPlainHTTP warns when credentials would cross a network unencrypted; a loopback emulator is fine.
func warnPlainHTTP(diags *diag.Diagnostics, p path.Path, baseURL string) {
	u, err := url.Parse(baseURL)
	if err != nil || u.Scheme != "http" {
		return
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return
	}
	diags.AddAttributeWarning(p, "Unencrypted API Endpoint",
		fmt.Sprintf("%s is plain http to %s, which is not a loopback address: requests and their signatures travel unencrypted. "+
			"Use https unless this host is a trusted test endpoint.", p, host))
}

func unknownSetting(p path.Path) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, "Unknown Provider Setting",
		fmt.Sprintf("The provider cannot be configured because %s is not known until apply. Set it from values known at plan "+
			"time (variables, locals or environment variables), or apply the resources it depends on first with -target.", p))
}
