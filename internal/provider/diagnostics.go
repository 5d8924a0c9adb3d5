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
func missingCredentials(cloud, dataSource string, missing []setting) diag.Diagnostic {
	var lines []string
	for _, m := range missing {
		lines = append(lines, fmt.Sprintf("- %s in the provider block, or the %s environment variable", m.argument, m.env))
	}
	detail := fmt.Sprintf("%s reads from %s, which needs credentials that are not set:\n%s", dataSource, cloud, strings.Join(lines, "\n"))
	if cloud == "UCloud" {
		detail += "\n\nThe keys may also come from a UCloud CLI profile: see ucloud.profile and ucloud.shared_credentials_file."
	}
	return diag.NewErrorDiagnostic(fmt.Sprintf("Missing %s Credentials", cloud), detail)
}

// missingRegion is the error of a UCloud data source with no region from its argument or the provider.
func missingRegion() diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(path.Root("region"), "Missing Region",
		"UCloud image lookups need a region. Set region in this data source, ucloud.region in the provider block, "+
			"or the "+envUCloudRegion+" environment variable, for example \"cn-bj2\".")
}

// apiErrorDiagnostic turns a client error into a diagnostic that says which cloud and action failed and what to do.
// Credentials are never part of client errors, so the raw error can be shown.
func apiErrorDiagnostic(ctx context.Context, dataSource string, err error) diag.Diagnostic {
	var apiErr *client.APIError
	if ctx.Err() != nil {
		return diag.NewErrorDiagnostic("Image Lookup Interrupted",
			fmt.Sprintf("%s stopped before the API answered: Terraform cancelled the operation.\n\nError: %s", dataSource, err))
	}
	if errors.Is(err, context.DeadlineExceeded) {
		// The caller's context is live, so every attempt ran out of request_timeout.
		return diag.NewErrorDiagnostic("Image Lookup Timed Out",
			fmt.Sprintf("%s got no answer within request_timeout on any attempt. Check the base URL and the network, or raise "+
				"request_timeout or max_retries in the provider block if the API is slow.\n\nError: %s", dataSource, err))
	}
	if !errors.As(err, &apiErr) {
		return diag.NewErrorDiagnostic("Image Lookup Failed",
			fmt.Sprintf("%s could not read images. Check the base URL and the network; the request was retried as max_retries allows.\n\nError: %s",
				dataSource, err))
	}
	switch {
	case apiErr.IsAuth():
		return diag.NewErrorDiagnostic(apiErr.Cloud+" Authentication Failed",
			fmt.Sprintf("%s refused the credentials of %s. %s\n\nError: %s", apiErr.Cloud, dataSource, credentialHint(apiErr.Cloud), err))
	case apiErr.Code == "INVALID_INSTANCE_TYPE_NOT_FOUND":
		return diag.NewAttributeErrorDiagnostic(path.Root("instance_type_id"), "Instance Type Not Found",
			fmt.Sprintf("Zenlayer does not know this instance type. Check instance_type_id against the instance types of your "+
				"Zenlayer account, such as \"M6C\".\n\nError: %s", err))
	case apiErr.Retryable():
		// Throttling or unavailability that outlasted every retry: nothing in the configuration is wrong.
		return diag.NewErrorDiagnostic(apiErr.Cloud+" API Unavailable",
			fmt.Sprintf("%s failed: %s kept answering %s with %s (throttled or temporarily unavailable) after every retry. "+
				"Run the plan again later, or raise max_retries in the provider block.\n\nError: %s",
				dataSource, apiErr.Cloud, apiErr.Action, apiErrorCode(apiErr), err))
	}
	return diag.NewErrorDiagnostic(apiErr.Cloud+" API Error",
		fmt.Sprintf("%s failed: %s answered %s with %s. Check the arguments the message names.\n\nError: %s",
			dataSource, apiErr.Cloud, apiErr.Action, apiErrorCode(apiErr), err))
}

// apiErrorCode names what the API answered: its error code, else the HTTP status (a gateway's HTML page has no code).
func apiErrorCode(apiErr *client.APIError) string {
	if apiErr.Code != "" {
		return "code " + apiErr.Code
	}
	return fmt.Sprintf("HTTP status %d", apiErr.HTTPStatus)
}

func credentialHint(cloud string) string {
	if cloud == "Zenlayer" {
		return "Check zenlayer.access_key_id and zenlayer.access_key_password (or " + envZenlayerAccessKeyID + " and " +
			envZenlayerAccessKeyPassword + ")."
	}
	return "Check ucloud.public_key and ucloud.private_key (or " + envUCloudPublicKey + " and " + envUCloudPrivateKey +
		"); a sub-account must also set project_id."
}
