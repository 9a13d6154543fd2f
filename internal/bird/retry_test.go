package bird

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	for header, want := range map[string]time.Duration{
		"0":                             0,
		"7":                             7 * time.Second,
		"Sat, 28 Nov 2026 12:00:30 GMT": 30 * time.Second,
		"Sat, 28 Nov 2026 11:00:00 GMT": 0, // in the past: retry now
	} {
		got, ok := retryAfter(header, now)
		if !ok || got != want {
			t.Errorf("retryAfter(%q) = %s, %v; want %s", header, got, ok, want)
		}
	}
	for _, header := range []string{"", "-1", "soon", "1.5"} {
		if _, ok := retryAfter(header, now); ok {
			t.Errorf("retryAfter(%q) was accepted", header)
		}
	}
}

func TestBackoffHonoursRetryAfterWithinTheCap(t *testing.T) {
	resp := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"5"}}}
	if got := backoff(time.Second, time.Minute, 0, resp); got != 5*time.Second {
		t.Errorf("got %s, want the 5s the server asked for", got)
	}
	for _, huge := range []string{"86400", "10000000000", "9223372036854775807"} {
		resp.Header.Set("Retry-After", huge)
		if got := backoff(time.Second, time.Minute, 0, resp); got != time.Minute {
			t.Errorf("Retry-After %s: got %s, want the 1m cap", huge, got)
		}
	}
}

func TestBackoffGrowsExponentiallyWithJitter(t *testing.T) {
	for attempt, ceiling := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		seen := map[time.Duration]bool{}
		for range 50 {
			d := backoff(time.Second, time.Minute, attempt, &http.Response{StatusCode: 503, Header: http.Header{}})
			if d < ceiling/2 || d > ceiling {
				t.Fatalf("attempt %d: %s outside [%s, %s]", attempt, d, ceiling/2, ceiling)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("attempt %d: no jitter, always %v", attempt, seen)
		}
	}
	if d := backoff(time.Second, time.Minute, 40, nil); d < 30*time.Second || d > time.Minute {
		t.Errorf("attempt 40: %s, want within the 1m cap", d)
	}
}

func TestRedactAuthorization(t *testing.T) {
	c := &Client{secrets: []string{"s3cr3t"}}
	for in, want := range map[string]string{
		"key s3cr3t here":                 "key [redacted] here",
		`{"h":"AccessKey abc123"}`:        `{"h":"AccessKey [redacted]"}`,
		"Authorization: Bearer eyJ.x.y z": "Authorization: Bearer [redacted] z",
		"nothing to hide":                 "nothing to hide",
	} {
		if got := c.redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}
