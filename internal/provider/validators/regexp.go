package validators

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = regexpValidator{}

// Regexp accepts a string that compiles as an RE2 regular expression (Go's regexp syntax).
func Regexp() validator.String { return regexpValidator{} }

type regexpValidator struct{}

func (regexpValidator) Description(context.Context) string {
	return "value must be a valid RE2 regular expression"
}

func (v regexpValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v regexpValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Regular Expression",
			fmt.Sprintf("%s must be an RE2 regular expression (https://github.com/google/re2/wiki/Syntax). "+
				"In HCL, a backslash is written twice: \"^Ubuntu\\\\s22\" matches \"Ubuntu 22\".\n\nError: %s", req.Path, err))
	}
}
