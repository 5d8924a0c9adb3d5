package validators

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestStringChecks(t *testing.T) {
	tests := []struct {
		name      string
		validator validator.String
		value     types.String
		summary   string // "" when the value is accepted
		detail    string
	}{
		{"regexp ok", Regexp(), types.StringValue(`^Ubuntu 22\.04$`), "", ""},
		{"regexp bad", Regexp(), types.StringValue("Ubuntu("), "Invalid Regular Expression", "missing closing )"},
		{"regexp null", Regexp(), types.StringNull(), "", ""},
		{"regexp unknown", Regexp(), types.StringUnknown(), "", ""},
		{"url ok", URLWithScheme(), types.StringValue("https://api.ucloud.cn"), "", ""},
		{"url with bmc path", URLWithScheme(), types.StringValue("https://console.zenlayer.com/api/v2/bmc"), "", ""},
		{"url without scheme", URLWithScheme(), types.StringValue("api.ucloud.cn"), "Invalid Base URL", `has scheme ""`},
		{"url with query", URLWithScheme(), types.StringValue("https://x/?a=b"), "Invalid Base URL", "query or fragment"},
		{"duration ok", Duration(time.Second, time.Minute), types.StringValue("30s"), "", ""},
		{"duration too long", Duration(time.Second, time.Minute), types.StringValue("2m"), "Invalid Duration", `"2m"; value must be a duration`},
		{"duration not one", Duration(time.Second, time.Minute), types.StringValue("soon"), "Invalid Duration", "between 1s and 1m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := validator.StringRequest{Path: path.Root("attr"), ConfigValue: tt.value}
			var resp validator.StringResponse
			tt.validator.ValidateString(context.Background(), req, &resp)
			if tt.summary == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("want no error, got %v", resp.Diagnostics)
				}
				return
			}
			if len(resp.Diagnostics) != 1 {
				t.Fatalf("want one error, got %v", resp.Diagnostics)
			}
			d := resp.Diagnostics[0]
			if d.Summary() != tt.summary || !strings.Contains(d.Detail(), tt.detail) || !strings.Contains(d.Detail(), "attr") {
				t.Errorf("got %q / %q; want %q naming attr and containing %q", d.Summary(), d.Detail(), tt.summary, tt.detail)
			}
		})
	}
}
