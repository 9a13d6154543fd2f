package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// readError turns an error of the Bird client into a diagnostic that says what failed and
// what to do. what names the read ("recordings"), workspaceID the workspace it was in, cred
// the credential the client sent.
func readError(err error, what, workspaceID string, cred credential, timeout time.Duration) diag.Diagnostic {
	summary := "Could not read Bird " + what
	var apiErr *bird.APIError
	var respErr *bird.ResponseError
	var netErr *bird.NetworkError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
			"Reading %s did not finish within the read timeout of %s (timeouts.read): %v. Set a longer timeouts = { read = \"...\" }, or narrow the filters or max_results.", what, timeout, err))
	case errors.Is(err, context.Canceled):
		return diag.NewErrorDiagnostic(summary, "The read was cancelled: "+err.Error())
	case errors.As(err, &respErr):
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
			"Bird answered something this provider cannot use: %v. This is usually a proxy or an outage between you and Bird; nothing was written to state. Try again, and check the endpoint.", err))
	case errors.As(err, &netErr):
		if host, ok := netErr.HostNotFound(); ok {
			return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
				"The host %s was not found: DNS says it does not exist, so the request was not retried. Check the provider's endpoint (or %s).", host, envEndpoint))
		}
		detail := err.Error() + ". Check the endpoint and your network."
		if netErr.Attempts > 1 {
			detail += fmt.Sprintf(" The failure looked transient, so the request was retried as often as max_retries allows: %d attempts over %s.",
				netErr.Attempts, netErr.Elapsed.Round(100*time.Millisecond))
		}
		return diag.NewErrorDiagnostic(summary, detail)
	case !errors.As(err, &apiErr):
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf("%v. Check the endpoint and your network.", err))
	}
	detail := apiErr.Error() + "\n\n"
	switch apiErr.StatusCode {
	case http.StatusUnauthorized:
		detail += "Bird rejected the " + cred.noun + ". Check " + cred.attr + " (or " + cred.env + "): it must be " + cred.valid + "."
	case http.StatusForbidden:
		detail += "The " + cred.noun + " is valid but may not read " + what + " in workspace " + workspaceID + ". Give its access policy read access to " + what + "."
	case http.StatusNotFound:
		detail += "Workspace " + workspaceID + ", or what was asked for in it, does not exist or is not visible to this " + cred.noun + ". Check workspace_id (or " + envWorkspaceID + ")."
		return diag.NewAttributeErrorDiagnostic(path.Root("workspace_id"), summary, detail)
	case http.StatusUnprocessableEntity:
		detail += "Bird refused a parameter of the request; the message above names it."
	case http.StatusTooManyRequests:
		detail += "Bird kept rate limiting after every retry. Lower requests_per_second, raise max_retries, or read fewer data sources at once."
	default:
		if apiErr.StatusCode >= 500 {
			detail += "Bird kept failing after every retry (max_retries). Try again later."
		}
	}
	return diag.NewErrorDiagnostic(summary, detail)
}

// notFoundError reports that the object a single read asked for by id does not exist.
func notFoundError(kind, id, workspaceID string, err error) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(path.Root("id"), "Bird "+kind+" not found",
		fmt.Sprintf("No %s %s in workspace %s (or the access key may not see it): %v", kind, id, workspaceID, err))
}
