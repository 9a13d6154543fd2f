package provider

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// exampleUUID is shown in messages about malformed IDs.
const exampleUUID = "8bc02f53-87ac-48d2-b4fd-c2cf856a305f"

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// uuidValidator refuses a string that is not a UUID.
func uuidValidator() validator.String {
	return stringvalidator.RegexMatches(uuidPattern, "must be a UUID such as "+exampleUUID)
}

// checkValidator refuses a known string that check rejects, with check's error as the
// diagnostic's detail.
type checkValidator struct {
	description, summary string
	check                func(string) error
}

// endpointValidator refuses an endpoint the client would refuse.
func endpointValidator() validator.String {
	return checkValidator{
		description: "must be an https:// URL, or an http:// URL of a loopback host",
		summary:     "Invalid Bird endpoint",
		check: func(s string) error {
			_, err := bird.ParseEndpoint(s)
			return err
		},
	}
}

// durationValidator refuses a string that is not a Go duration from 1s to 1h.
func durationValidator() validator.String {
	return checkValidator{description: "must be a duration such as 30s or 2m, from 1s to 1h", summary: "Invalid duration", check: validateDuration}
}

// Description says what the validator allows.
func (v checkValidator) Description(context.Context) string { return v.description }

// MarkdownDescription says what the validator allows.
func (v checkValidator) MarkdownDescription(context.Context) string { return v.description }

// ValidateString checks a known value.
func (v checkValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, err.Error())
	}
}

// validateDuration checks a request timeout.
func validateDuration(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Second || d > time.Hour {
		return fmt.Errorf("%q must be a duration such as 30s or 2m, from 1s to 1h", s)
	}
	return nil
}
