package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

func TestReadError(t *testing.T) {
	apiErr := func(status int, code, msg string) error {
		return &bird.APIError{Method: "GET", Path: "/workspaces/w/recordings", StatusCode: status, Code: code, Message: msg}
	}
	netErr := func(attempts int, err error) error {
		return fmt.Errorf("wrapped: %w", &bird.NetworkError{Method: "GET", Path: "/p", Attempts: attempts, Elapsed: 9423 * time.Millisecond, Err: err})
	}
	for _, tc := range []struct {
		name        string
		err         error
		want        []string
		notWant     string
		onWorkspace bool
	}{
		{"401", apiErr(401, "Unauthorized", "missing or invalid access key"), []string{"401 Unauthorized: missing or invalid access key", "Bird rejected the access key. Check access_key (or BIRD_ACCESS_KEY)", "legacy MessageBird key"}, "Unauthorized: Unauthorized", false},
		{"403", apiErr(403, "Forbidden", "no"), []string{"403 Forbidden: no", "may not read recordings in workspace w", "read access to recordings."}, "", false},
		{"404", apiErr(404, "NotFound", "workspace w not found"), []string{"404 Not Found: workspace w not found", "Check workspace_id"}, "NotFound", true},
		{"422", apiErr(422, "InvalidParameter", "limit must be 1..99"), []string{"422 Unprocessable Entity: InvalidParameter: limit must be 1..99", "refused a parameter"}, "", false},
		{"429", apiErr(429, "", "slow down"), []string{"429 Too Many Requests: slow down", "Lower requests_per_second"}, "", false},
		{"500", apiErr(500, "", "oops"), []string{"500 Internal Server Error: oops", "Try again later"}, "", false},
		{"503", apiErr(503, "", "down"), []string{"503 Service Unavailable: down", "Try again later"}, "", false},
		{"network error, not retried", netErr(1, errors.New("connection refused")), []string{"GET /p: connection refused. Check the endpoint"}, "retried", false},
		{"network error, retried", netErr(3, errors.New("connection reset")), []string{"GET /p: connection reset (tried 3 times over 9.4s)", "retried as often as max_retries allows: 3 attempts over 9.4s."}, "", false},
		{"host not found", netErr(1, &net.DNSError{Err: "no such host", Name: "api.bird.invalid", IsNotFound: true}), []string{"The host api.bird.invalid was not found", "was not retried", "BIRD_ENDPOINT"}, "retried up to", false},
		{"unusable answer", &bird.ResponseError{Method: "GET", Path: "/p", StatusCode: 200, Reason: "not JSON"}, []string{"not JSON", "proxy or an outage"}, "", false},
		{"read timeout", fmt.Errorf("GET /p: %w", context.DeadlineExceeded), []string{"did not finish within the read timeout of 2m0s (timeouts.read)"}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := readError(tc.err, "recordings", "w", accessKeyCredential, 2*time.Minute)
			if d.Severity() != diag.SeverityError || d.Summary() != "Could not read Bird recordings" {
				t.Fatalf("got %s %q", d.Severity(), d.Summary())
			}
			for _, w := range tc.want {
				if !strings.Contains(d.Detail(), w) {
					t.Errorf("detail %q lacks %q", d.Detail(), w)
				}
			}
			if tc.notWant != "" && strings.Contains(d.Detail(), tc.notWant) {
				t.Errorf("detail %q holds %q", d.Detail(), tc.notWant)
			}
			_, onPath := d.(diag.DiagnosticWithPath)
			if onPath != tc.onWorkspace {
				t.Errorf("on a path: %v, want %v", onPath, tc.onWorkspace)
			}
		})
	}
}

func TestReadErrorNamesTheCredentialInUse(t *testing.T) {
	for _, status := range []int{401, 403, 404} {
		err := &bird.APIError{Method: "GET", Path: "/p", StatusCode: status}
		d := readError(err, "recordings", "w", accessTokenCredential, time.Minute)
		if !strings.Contains(d.Detail(), "access token") || strings.Contains(d.Detail(), "access key") {
			t.Errorf("%d with a token: %q should name the access token, and only it", status, d.Detail())
		}
		if status == 401 && !strings.Contains(d.Detail(), "Bird rejected the access token. Check access_token (or BIRD_ACCESS_TOKEN)") {
			t.Errorf("401 with a token: %q", d.Detail())
		}
	}
}

// TestTooLargeNamesOnlyTheWaysOutThatExist: the diagnostic of a list too large for the
// protocol names the data source's objects, and include_urls only where objects carry links.
func TestTooLargeNamesOnlyTheWaysOutThatExist(t *testing.T) {
	for _, links := range []bool{false, true} {
		var diags diag.Diagnostics
		res := listResult{items: make([]byte, 10), count: 3, links: links}
		if !res.tooLarge(5, "calls", &diags) || !diags.HasError() {
			t.Fatalf("links %v: 10 bytes passed a limit of 5", links)
		}
		detail := diags[0].Detail()
		if !strings.Contains(diags[0].Summary(), "Too many Bird calls") || strings.Contains(detail, "include_urls") != links {
			t.Errorf("links %v: %q: %q", links, diags[0].Summary(), detail)
		}
	}
}
