package bird

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"golang.org/x/time/rate"
)

// newTransport chains the client's round trippers, outermost first: the rate limit (which
// waits on the read's context only), one attempt bounded by the request timeout with its
// whole body read, the user agent, authentication, then logging of what goes on the wire.
func newTransport(cfg Config, base *url.URL, credential string) http.RoundTripper {
	var next http.RoundTripper
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		next = cfg.HTTPClient.Transport
	} else {
		next = cleanhttp.DefaultPooledTransport()
	}
	next = &loggingTransport{next: next, logger: cfg.Logger, scheme: credentialScheme(credential)}
	next = &authTransport{next: next, credential: credential, scheme: base.Scheme, host: base.Host}
	next = &userAgentTransport{next: next, userAgent: cfg.UserAgent}
	next = &attemptTransport{next: next, timeout: cfg.RequestTimeout}
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

// authTransport adds the credential ("AccessKey <key>" or "Bearer <token>") to requests for
// the endpoint's own scheme and host, and strips any Authorization header from requests for
// anywhere else.
type authTransport struct {
	next         http.RoundTripper
	credential   string
	scheme, host string
}

// RoundTrip authenticates req when it goes to the endpoint.
func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	if req.URL.Scheme == t.scheme && req.URL.Host == t.host {
		req.Header.Set("Authorization", t.credential)
	} else {
		req.Header.Del("Authorization")
	}
	return t.next.RoundTrip(req)
}

// attemptTransport makes one attempt: it bounds the request and the download of its whole
// body by the request timeout, and hands on the body already read. A body cut short, or one
// still downloading when the timeout fires, thus fails the attempt like a connection error,
// and go-retryablehttp retries it.
type attemptTransport struct {
	next    http.RoundTripper
	timeout time.Duration
}

// RoundTrip sends req and reads the answer's body, at most MaxResponseBytes+1 of it.
func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	defer cancel()
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		return nil, t.attemptError(req.Context(), ctx, err)
	}
	wire := resp.Body
	defer func() { _ = wire.Close() }()
	body, err := io.ReadAll(io.LimitReader(wire, MaxResponseBytes+1))
	if err != nil {
		return nil, t.attemptError(req.Context(), ctx, fmt.Errorf("reading the response: %w", err))
	}
	resp.Body = &bufferedBody{Reader: bytes.NewReader(body), data: body}
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// bufferedBody is a body attemptTransport has read whole; get takes its bytes as they are
// instead of copying them again.
type bufferedBody struct {
	*bytes.Reader
	data []byte
}

// Close does nothing: the connection's body is closed already.
func (*bufferedBody) Close() error { return nil }

// bodyBytes returns a response's body: the bytes attemptTransport read, or, for a body that
// did not pass through it, the body read here.
func bodyBytes(resp *http.Response) []byte {
	defer func() { _ = resp.Body.Close() }()
	if b, ok := resp.Body.(*bufferedBody); ok {
		return b.data
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	return body
}

// attemptError says that the request timeout ended the attempt, when it did rather than the
// read's own context, without wrapping context.DeadlineExceeded: the read goes on.
func (t *attemptTransport) attemptError(read, attempt context.Context, err error) error {
	if read.Err() == nil && attempt.Err() != nil {
		return fmt.Errorf("no complete answer within the request timeout of %s (request_timeout)", t.timeout)
	}
	return err
}

// rateLimitTransport keeps each workspace under a request rate, waiting (or giving up when the
// read's context ends) before each attempt.
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
// the Authorization header's credential, only its scheme.
type loggingTransport struct {
	next   http.RoundTripper
	logger Logger
	scheme string
}

// RoundTrip sends req on and logs the method, URL, status and duration.
func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields := map[string]any{
		"method":        req.Method,
		"url":           req.URL.Redacted(),
		"authorization": t.scheme + " [redacted]",
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

// credentialScheme returns the scheme of an Authorization value, "AccessKey" or "Bearer".
func credentialScheme(credential string) string {
	scheme, _, _ := strings.Cut(credential, " ")
	return scheme
}
