package provider

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// exampleUUID is shown in messages about malformed IDs: plainly made up, so that nobody
// copies it expecting it to name something.
const exampleUUID = "01234567-89ab-cdef-0123-456789abcdef"

// uuidPattern matches a UUID in lower case, the form Bird issues and compares IDs in.
var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// checkUUID refuses a string that is not a lower-case UUID. Bird compares IDs as it issues
// them, in lower case, so an upper-case UUID would pass a looser check and then not be found.
func checkUUID(s string) error {
	if uuidPattern.MatchString(s) {
		return nil
	}
	if uuidPattern.MatchString(strings.ToLower(s)) {
		return fmt.Errorf("must be a UUID in lower case, as Bird writes them: %q (use lower(...) on it)", strings.ToLower(s))
	}
	return fmt.Errorf("must be a UUID such as %s, got %q", exampleUUID, s)
}

// checkWorkspaceID refuses a workspace ID that is not a lower-case UUID, and says where to
// find the right one.
func checkWorkspaceID(s string) error {
	if err := checkUUID(s); err != nil {
		return fmt.Errorf("%w. A workspace's ID is the UUID in the address of its dashboard, app.bird.com/workspaces/<id>", err)
	}
	return nil
}

// credentialSchemes are the Authorization schemes the client puts before a credential.
var credentialSchemes = []string{"AccessKey", "Bearer"}

// checkCredential returns a check that a credential was not pasted with the Authorization
// scheme the client adds itself ("AccessKey <key>", "Bearer <token>"), which would make Bird
// refuse it with 401. The check quotes only the scheme, never the credential. what is "key"
// or "token".
func checkCredential(what string) func(string) error {
	return func(s string) error {
		head, _, found := strings.Cut(strings.TrimSpace(s), " ")
		isScheme := func(scheme string) bool { return strings.EqualFold(head, scheme) }
		if found && slices.ContainsFunc(credentialSchemes, isScheme) {
			return fmt.Errorf("must be the %s alone, without the %q in front: the provider adds the Authorization scheme itself (\"AccessKey <key>\" for access_key, \"Bearer <token>\" for access_token)", what, head+" ")
		}
		return nil
	}
}

// checkEndpoint refuses an endpoint the client would refuse.
func checkEndpoint(s string) error {
	_, err := bird.ParseEndpoint(s)
	return err
}

// checkDuration refuses a request timeout that is not a Go duration from 1s to 1h.
func checkDuration(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Second || d > time.Hour {
		return fmt.Errorf("must be a duration such as 30s or 2m (units ms, s, m, h), from 1s to 1h; got %q", s)
	}
	return nil
}

// checkRFC3339 refuses a time that is not an RFC 3339 date-time, and says how to write one.
func checkRFC3339(s string) error {
	if _, err := time.Parse(time.RFC3339, s); err != nil {
		return fmt.Errorf("must be an RFC 3339 date-time with a time and a zone, such as 2026-11-01T00:00:00Z, got %q. For a window relative to the run, write timeadd(plantimestamp(), \"-24h\")", s)
	}
	return nil
}

// checkRange returns a check that a whole number is from lo to hi (no upper bound when hi is 0).
func checkRange(lo, hi int64) func(int64) error {
	return func(n int64) error {
		if n < lo || hi > 0 && n > hi {
			if hi == 0 {
				return fmt.Errorf("must be a whole number of at least %d, got %d", lo, n)
			}
			return fmt.Errorf("must be a whole number from %d to %d, got %d", lo, hi, n)
		}
		return nil
	}
}

// checkRequestsPerSecond refuses a rate outside its bounds, NaN and infinities included.
func checkRequestsPerSecond(f float64) error {
	if math.IsNaN(f) || !(f >= requestsPerSecondFloor && f <= requestsPerSecondCeil) {
		return fmt.Errorf("must be a number from %g to %g, got %g", requestsPerSecondFloor, float64(requestsPerSecondCeil), f)
	}
	return nil
}

// checks is a plan-time validator built from one check function, the same one Configure
// applies to an environment variable, so that both report a bad value alike: summary
// "Invalid <attribute>", and the check's sentence. An empty string is left alone when
// emptyIsUnset, as the provider's attributes read "" as unset.
type checks struct {
	description  string
	emptyIsUnset bool
	str          func(string) error
	whole        func(int64) error
	float        func(float64) error
}

var (
	_ validator.String  = checks{}
	_ validator.Number  = checks{}
	_ validator.Float64 = checks{}
)

// stringCheck validates a string attribute with check.
func stringCheck(description string, check func(string) error) checks {
	return checks{description: description, str: check}
}

// uuidCheck validates a UUID attribute.
func uuidCheck() checks { return stringCheck("must be a lower-case UUID", checkUUID) }

// workspaceIDCheck validates a workspace_id attribute.
func workspaceIDCheck() checks {
	return stringCheck("must be a lower-case UUID", checkWorkspaceID)
}

// wholeNumberCheck validates a whole-number attribute (a Number, so that a fraction reaches
// the validator instead of failing the framework's Int64 conversion) from lo to hi.
func wholeNumberCheck(lo, hi int64) checks {
	return checks{description: "must be a whole number", whole: checkRange(lo, hi)}
}

// Description says what the validator allows.
func (c checks) Description(context.Context) string { return c.description }

// MarkdownDescription says what the validator allows.
func (c checks) MarkdownDescription(context.Context) string { return c.description }

// ValidateString checks a known string.
func (c checks) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || c.str == nil {
		return
	}
	s := req.ConfigValue.ValueString()
	if s == "" && c.emptyIsUnset {
		return
	}
	report(req.Path, c.str(s), &resp.Diagnostics)
}

// ValidateNumber checks a known whole number.
func (c checks) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || c.whole == nil {
		return
	}
	n, err := wholeNumber(req.ConfigValue.ValueBigFloat())
	if err == nil {
		err = c.whole(n)
	}
	report(req.Path, err, &resp.Diagnostics)
}

// ValidateFloat64 checks a known number.
func (c checks) ValidateFloat64(_ context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || c.float == nil {
		return
	}
	report(req.Path, c.float(req.ConfigValue.ValueFloat64()), &resp.Diagnostics)
}

// report adds a check's error, if any, on the attribute at p: "Invalid <attribute>", then
// "<attribute> <the check's sentence>.".
func report(p path.Path, err error, diags *diag.Diagnostics) {
	if err != nil {
		diags.AddAttributeError(p, invalidSummary(p.String()), p.String()+" "+err.Error()+".")
	}
}

// wholeNumber returns f as an int64, or says that it must be a whole number.
func wholeNumber(f *big.Float) (int64, error) {
	if f == nil || !f.IsInt() {
		return 0, fmt.Errorf("must be a whole number, got %s", f.Text('g', -1))
	}
	n, acc := f.Int64()
	if acc != big.Exact {
		return 0, fmt.Errorf("must be a whole number of a sensible size, got %s", f.Text('g', -1))
	}
	return n, nil
}

// invalidSummary is the one summary of a bad value, whether from an attribute or its
// environment variable.
func invalidSummary(attr string) string { return "Invalid " + attr }
