package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = oneOfFoldValidator{}

// OneOfCaseInsensitive accepts any letter case of the allowed values: "linux", "LINUX" and "Linux" all match "Linux".
func OneOfCaseInsensitive(allowed ...string) validator.String {
	return oneOfFoldValidator{allowed: allowed}
}

type oneOfFoldValidator struct{ allowed []string }

func (v oneOfFoldValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be one of %s (any letter case)", quoteAll(v.allowed))
}

func (v oneOfFoldValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v oneOfFoldValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	got := req.ConfigValue.ValueString()
	for _, a := range v.allowed {
		if strings.EqualFold(a, got) {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
		fmt.Sprintf("%s is %q; use one of %s (any letter case).", req.Path, got, quoteAll(v.allowed)))
}

func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, s := range values {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
