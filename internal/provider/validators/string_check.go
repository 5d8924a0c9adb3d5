// Package validators holds the attribute validators imagepick needs beyond the stock ones.
package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = stringCheck{}

// stringCheck is a string validator made of a rule: each validator of this package is one. Null and unknown
// values are left to later (an unknown value is checked once it is known).
type stringCheck struct {
	description string
	summary     string
	check       func(value string) error
	// detail explains a refused value to the user; err is what check returned.
	detail func(p path.Path, value string, err error) string
}

func (v stringCheck) Description(context.Context) string { return v.description }

func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if err := v.check(value); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, v.detail(req.Path, value, err))
	}
}
