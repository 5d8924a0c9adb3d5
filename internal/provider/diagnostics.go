package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
)

// missingCredentials explains which credentials a data source of one cloud needs and where to set them.
func missingCredentials(c *cloud, dataSource string, missing []setting) diag.Diagnostic {
	var lines []string
	for _, m := range missing {
		lines = append(lines, fmt.Sprintf("- %s in the provider block, or the %s environment variable", m.argument, m.env))
	}
	return diag.NewErrorDiagnostic(fmt.Sprintf("Missing %s Credentials", c.name),
		fmt.Sprintf("%s reads from %s, which needs credentials that are not set:\n%s\n\n%s",
			dataSource, c.name, strings.Join(lines, "\n"), c.credentialsHint))
}

// apiErrorDiagnostic turns a client error into a diagnostic that says what happened in this case: which cloud and
// action, whether it was retried and how often, and what to do. Credentials are never part of client errors, so
// the raw error can be shown.
func apiErrorDiagnostic(ctx context.Context, c *cloud, dataSource string, faults map[client.ErrorKind]apiFault, err error) diag.Diagnostic {
	if ctx.Err() != nil {
		return diag.NewErrorDiagnostic("Image Lookup Interrupted",
			fmt.Sprintf("%s stopped before the API answered: Terraform cancelled the operation.\n\nError: %s", dataSource, err))
	}
	switch {
	case errors.Is(err, client.ErrListChanged):
		return diag.NewErrorDiagnostic("Image List Changed While Read",
			fmt.Sprintf("%s read the image list twice, and both times its pages disagreed, so the list would be "+
				"incomplete. Usually images were created or deleted while it was read: run the plan again. If it fails the "+
				"same way every time, the server answers inconsistently (it ignores the page asked for, repeats an image "+
				"with other content, or reports a total its pages never reach): check that base_url points at the API."+
				"\n\nError: %s", dataSource, err))
	case errors.Is(err, client.ErrPlainHTTPServer):
		return diag.NewErrorDiagnostic("HTTPS Base URL Answered in Plain HTTP",
			fmt.Sprintf("%s sent an https request and the server answered in plain http; this is not retried. For a local "+
				"emulator use an http:// base URL; otherwise check the host and port of the %s base URL.\n\nError: %s",
				dataSource, c.name, err))
	case errors.Is(err, context.DeadlineExceeded):
		// The caller's context is live, so the last attempt ran out of request_timeout.
		return diag.NewErrorDiagnostic("Image Lookup Timed Out",
			fmt.Sprintf("%s got no answer within request_timeout on its last attempt. %s Check the base URL and the "+
				"network, or raise request_timeout or max_retries in the provider block if the API is slow.\n\nError: %s",
				dataSource, attempts(err), err))
	}
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return diag.NewErrorDiagnostic("Image Lookup Failed",
			fmt.Sprintf("%s could not read images. %s Check the base URL and the network.\n\nError: %s",
				dataSource, attempts(err), err))
	}
	if f, ok := faults[apiErr.Kind]; ok {
		return diag.NewAttributeErrorDiagnostic(path.Root(f.attribute), f.summary,
			fmt.Sprintf("%s\n\nError: %s", f.detail, err))
	}
	switch apiErr.Kind {
	case client.KindAuth:
		return diag.NewErrorDiagnostic(c.name+" Authentication Failed",
			fmt.Sprintf("%s refused the credentials of %s. %s %s\n\nError: %s", c.name, dataSource, attempts(err),
				c.credentialsHint, err))
	case client.KindThrottled, client.KindUnavailable:
		return diag.NewErrorDiagnostic(c.name+" API Unavailable",
			fmt.Sprintf("%s failed: %s kept answering %s with %s (throttled or temporarily unavailable). %s Run the plan "+
				"again later, or raise max_retries in the provider block.\n\nError: %s",
				dataSource, c.name, apiErr.Action, apiErrorCode(apiErr), attempts(err), err))
	case client.KindProduct:
		return diag.NewErrorDiagnostic(c.name+" API Error",
			fmt.Sprintf("%s failed: %s answered %s with %s. %s %s uses such codes both for failures inside the service "+
				"and for some invalid arguments: check the arguments the message names, then run the plan again.\n\nError: %s",
				dataSource, c.name, apiErr.Action, apiErrorCode(apiErr), attempts(err), c.name, err))
	}
	return diag.NewErrorDiagnostic(c.name+" API Error",
		fmt.Sprintf("%s failed: %s answered %s with %s. %s Check the arguments the message names.\n\nError: %s",
			dataSource, c.name, apiErr.Action, apiErrorCode(apiErr), attempts(err), err))
}

// apiFault names the filter a kind of API error is about, for a family whose API reports it.
type apiFault struct {
	attribute, summary, detail string
}

// attempts says in a sentence how often a failed request was sent, and why not more often.
func attempts(err error) string {
	switch n := client.Attempts(err); {
	case n > 1:
		return fmt.Sprintf("All %d attempts failed.", n)
	case client.Retryable(err):
		return "It was not retried: max_retries is 0."
	default:
		return "It was not retried: sending the same request again cannot succeed."
	}
}

// apiErrorCode names what the API answered: its error code, else the HTTP status (a gateway's HTML page has no code).
func apiErrorCode(apiErr *client.APIError) string {
	if apiErr.Code != "" {
		return "code " + apiErr.Code
	}
	return fmt.Sprintf("HTTP status %d", apiErr.HTTPStatus)
}

// refusedValue explains an API that refused a parameter the lookup sent, naming the filter and the value sent:
// UCloud answers an unknown zone with RetCode 230 "Params [Zone] not available". The filter is the one whose
// API parameter the error's message names as a word.
func (f *family[R, I]) refusedValue(dataSource string, values map[string]filterValue, err error) (diag.Diagnostic, bool) {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.Kind != client.KindParameter {
		return nil, false
	}
	for _, flt := range f.filters {
		v := values[flt.name]
		if !v.set || flt.send == nil || !namesWord(apiErr.Message, strings.TrimSuffix(flt.param, ".N")) {
			continue
		}
		fix := "Correct " + flt.name + " in this data source."
		if v.defaulted {
			fix = "The value is " + flt.name + "'s default (see its description): correct it where it comes from, or set " +
				flt.name + " in this data source."
		}
		return diag.NewAttributeErrorDiagnostic(path.Root(flt.name), "Invalid "+attributeTitle(flt.name),
			fmt.Sprintf("%s sent %s, and %s refused it: %s. %s %s\n\nError: %s",
				dataSource, flt.describe(v), f.cloud.name, apiErr.Message, fix, attempts(err), err)), true
	}
	return nil, false
}

// namesWord reports whether text holds word with no letter, digit or underscore on either side.
func namesWord(text, word string) bool {
	if word == "" {
		return false
	}
	for i := 0; ; {
		at := strings.Index(text[i:], word)
		if at < 0 {
			return false
		}
		start, end := i+at, i+at+len(word)
		if (start == 0 || !isWordByte(text[start-1])) && (end == len(text) || !isWordByte(text[end])) {
			return true
		}
		i = start + 1
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
