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

// endpointValidator refuses an endpoint the client would refuse.
type endpointValidator struct{}

// Description says what the validator allows.
func (endpointValidator) Description(context.Context) string {
	return "must be an https:// URL, or an http:// URL of a loopback host"
}

// MarkdownDescription says what the validator allows.
func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString parses a known endpoint.
func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := bird.ParseEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Bird endpoint", err.Error()+".")
	}
}

// durationValidator refuses a string that is not a Go duration from 1s to 1h.
type durationValidator struct{}

// Description says what the validator allows.
func (durationValidator) Description(context.Context) string {
	return "must be a duration such as 30s or 2m, from 1s to 1h"
}

// MarkdownDescription says what the validator allows.
func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString parses a known duration.
func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := validateDuration(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", err.Error())
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
