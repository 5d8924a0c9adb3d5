// Package validators holds the attribute validators imagepick needs beyond the stock ones.
package validators

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = urlWithSchemeValidator{}

// URLWithScheme accepts an absolute http:// or https:// URL with a host, such as "https://api.ucloud.cn".
func URLWithScheme() validator.String { return urlWithSchemeValidator{} }

type urlWithSchemeValidator struct{}

func (urlWithSchemeValidator) Description(context.Context) string {
	return "value must be an absolute URL with scheme http or https and a host, such as https://api.ucloud.cn"
}

func (v urlWithSchemeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v urlWithSchemeValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Base URL",
			fmt.Sprintf("%s must be an absolute http or https URL such as \"https://api.ucloud.cn\" or \"http://127.0.0.1:8080\".\n\nError: %s", req.Path, err))
	}
}

// CheckBaseURL is the rule behind URLWithScheme, also applied to base URLs read from environment variables.
func CheckBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q has scheme %q; want http or https", raw, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%q has no host", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q must not carry a query or fragment", raw)
	}
	return nil
}
