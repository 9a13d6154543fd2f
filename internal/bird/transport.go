package bird

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"golang.org/x/time/rate"
)

// newTransport chains the client's round trippers, outermost first: the rate limit, the user
// agent, authentication, then logging of what goes on the wire.
func newTransport(cfg Config, base *url.URL) http.RoundTripper {
	var next http.RoundTripper
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		next = cfg.HTTPClient.Transport
	} else {
		next = cleanhttp.DefaultPooledTransport()
	}
	next = &loggingTransport{next: next, logger: cfg.Logger}
	next = &authTransport{next: next, accessKey: cfg.AccessKey, scheme: base.Scheme, host: base.Host}
	next = &userAgentTransport{next: next, userAgent: cfg.UserAgent}
	return newRateLimitTransport(next, cfg.RequestsPerSecond)
}

// userAgentTransport sets the User-Agent header.
type userAgentTransport struct {
	next      http.RoundTripper
	userAgent string
}

// RoundTrip sets the User-Agent and sends req on.
func (t *userAgentTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.userAgent == "" {
		return t.next.RoundTrip(req)
	}
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", t.userAgent)
	return t.next.RoundTrip(req)
}

// authTransport adds the access key to requests for the endpoint's own scheme and host, and
// strips any Authorization header from requests for anywhere else.
type authTransport struct {
	next         http.RoundTripper
	accessKey    string
	scheme, host string
}

// RoundTrip authenticates req when it goes to the endpoint.
func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	if req.URL.Scheme == t.scheme && req.URL.Host == t.host {
		req.Header.Set("Authorization", "AccessKey "+t.accessKey)
	} else {
		req.Header.Del("Authorization")
	}
	return t.next.RoundTrip(req)
}

// rateLimitTransport keeps each workspace under a request rate, waiting (or giving up when the
// request's context ends) before each attempt.
type rateLimitTransport struct {
	next     http.RoundTripper
	perSec   float64
	mu       sync.Mutex
	limiters map[string]*rate.Limiter
}

// newRateLimitTransport limits requests to perSec per workspace.
func newRateLimitTransport(next http.RoundTripper, perSec float64) *rateLimitTransport {
	return &rateLimitTransport{next: next, perSec: perSec, limiters: map[string]*rate.Limiter{}}
}

// RoundTrip waits for the workspace's limiter, then sends req on.
func (t *rateLimitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.limiter(workspaceOf(req.URL.Path)).Wait(req.Context()); err != nil {
		return nil, err
	}
	return t.next.RoundTrip(req)
}

// rateHeadroom is the share of the configured rate actually used: requests spaced exactly at
// the rate can still arrive one too many in a second after network jitter.
const rateHeadroom = 0.95

// limiter returns the limiter of one workspace, made on first use. A burst of one spaces the
// requests evenly, so that no one-second window of the server's log sees more than the rate.
func (t *rateLimitTransport) limiter(workspace string) *rate.Limiter {
	t.mu.Lock()
	defer t.mu.Unlock()
	l, ok := t.limiters[workspace]
	if !ok {
		l = rate.NewLimiter(rate.Limit(t.perSec*rateHeadroom), 1)
		t.limiters[workspace] = l
	}
	return l
}

// workspaceOf returns the workspace ID in a path like /workspaces/{id}/recordings, or "".
func workspaceOf(path string) string {
	const marker = "/workspaces/"
	i := strings.Index(path, marker)
	if i < 0 {
		return ""
	}
	rest := path[i+len(marker):]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// loggingTransport logs each attempt and its outcome; headers are never logged, so neither is
// the Authorization header.
type loggingTransport struct {
	next   http.RoundTripper
	logger Logger
}

// RoundTrip sends req on and logs the method, URL, status and duration.
func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields := map[string]any{
		"method":        req.Method,
		"url":           req.URL.Redacted(),
		"authorization": "AccessKey [redacted]",
		"duration_ms":   time.Since(start).Milliseconds(),
	}
	if err != nil {
		fields["error"] = err.Error()
	} else {
		fields["status"] = resp.StatusCode
	}
	t.logger.Debug(req.Context(), "Bird API request", fields)
	return resp, err
}
