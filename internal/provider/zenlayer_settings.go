package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/imagepick/terraform-provider-imagepick/internal/provider/validators"
)

type zenlayerSettings struct {
	accessKeyID, accessKeyPassword, baseURL string
}

func (s zenlayerSettings) missing() []setting {
	return unsetSettings([]string{s.accessKeyID, s.accessKeyPassword},
		setting{"zenlayer.access_key_id", envZenlayerAccessKeyID},
		setting{"zenlayer.access_key_password", envZenlayerAccessKeyPassword})
}

func resolveZenlayer(m zenlayerModel, env environment) (zenlayerSettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	at := func(name string) path.Path { return path.Root("zenlayer").AtName(name) }
	s := zenlayerSettings{
		accessKeyID:       env.setting(m.AccessKeyID, at("access_key_id"), envZenlayerAccessKeyID, &diags),
		accessKeyPassword: env.setting(m.AccessKeyPassword, at("access_key_password"), envZenlayerAccessKeyPassword, &diags),
		baseURL:           env.setting(m.BaseURL, at("base_url"), envZenlayerBaseURL, &diags),
	}
	env.checkBaseURL(m.BaseURL, envZenlayerBaseURL, &diags)
	if s.baseURL == "" {
		s.baseURL = zenlayerDomainURL(env, &diags)
	}
	return s, diags
}

// zenlayerDomainURL honours ZENLAYERCLOUD_DOMAIN and ZENLAYERCLOUD_SCHEME as the official Zenlayer provider does:
// the scheme is http only when it says HTTP, and the domain is host[:port] without a path.
func zenlayerDomainURL(env environment, diags *diag.Diagnostics) string {
	domain := env.get(envZenlayerDomain)
	scheme := env.get(envZenlayerScheme)
	if domain == "" && scheme == "" {
		return defaultZenlayerBaseURL
	}
	if domain == "" {
		domain = strings.TrimPrefix(defaultZenlayerBaseURL, "https://")
	}
	u := "https://" + domain
	if strings.EqualFold(scheme, "http") {
		u = "http://" + domain
	}
	if err := validators.CheckBaseURL(u); err != nil || strings.Contains(domain, "/") {
		diags.AddError("Invalid Zenlayer Domain",
			fmt.Sprintf("%s must be a host name with an optional port, such as \"console.zenlayer.com\" or \"127.0.0.1:8080\", without scheme or path; got %q.",
				envZenlayerDomain, domain))
	}
	return u
}
