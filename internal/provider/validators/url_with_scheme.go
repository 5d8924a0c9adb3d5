package validators

import (
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// URLWithScheme accepts an absolute http:// or https:// URL with a host, such as "https://api.ucloud.cn".
func URLWithScheme() validator.String {
	return stringCheck{
		description: "value must be an absolute URL with scheme http or https and a host, such as https://api.ucloud.cn",
		summary:     "Invalid Base URL",
		check:       CheckBaseURL,
		detail: func(p path.Path, _ string, err error) string {
			return fmt.Sprintf("%s must be an absolute http or https URL such as \"https://api.ucloud.cn\" or "+
				"\"http://127.0.0.1:8080\".\n\nError: %s", p, err)
		},
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
