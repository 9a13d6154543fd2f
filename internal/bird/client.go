// Package bird is a typed client of the Bird API (https://docs.bird.com/api), limited to what
// the Terraform provider reads: recordings, transcriptions, storage metrics, calls, channels.
//
// It imports nothing of Terraform. Transport concerns are a chain of small http.RoundTrippers
// (rate limit, one bounded attempt that reads the whole body, user agent, authentication,
// logging) under go-retryablehttp, which retries the transient failures of these idempotent
// GET requests.
package bird

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// DefaultEndpoint is the base URL of the Bird API.
const DefaultEndpoint = "https://api.bird.com"

// Defaults: NewClient applies the last two to the zero values of Config; DefaultMaxRetries
// is the provider's, since zero retries is a valid Config.
const (
	DefaultMaxRetries        = 4
	DefaultRequestsPerSecond = 50 // Bird's documented GET limit per workspace.
	DefaultRequestTimeout    = 30 * time.Second
)

// Bounds that keep a misbehaving server from making a read loop or exhaust memory.
const (
	// MaxPageTokenLength is the longest pageToken the API documents.
	MaxPageTokenLength = 8000
	// MaxResponseBytes bounds one response body; a full page of 99 recordings is about 200 KB.
	MaxResponseBytes = 32 << 20
	// MaxPageSize is the largest limit that recordings, transcriptions, the recording
	// metrics and long-code numbers accept; each Endpoint has its own PageSize (the calls
	// log and channels take 1,000).
	MaxPageSize = 99
	// maxRetryWait caps the wait before a retry, Retry-After included.
	maxRetryWait = 60 * time.Second
)

// Config configures a Client. Exactly one of AccessKey and AccessToken is required.
type Config struct {
	// Endpoint is the API's base URL, DefaultEndpoint when empty. It may carry a path prefix.
	// http:// is accepted only for loopback hosts.
	Endpoint string
	// AccessKey is sent as "Authorization: AccessKey <key>", and only to Endpoint's host.
	AccessKey string
	// AccessToken is sent as "Authorization: Bearer <token>", and only to Endpoint's host.
	AccessToken string
	// HTTPClient supplies the base transport; go-cleanhttp's pooled transport when nil.
	HTTPClient *http.Client
	// UserAgent is sent with every request.
	UserAgent string
	// MaxRetries is how many times a transient failure is retried; zero means none.
	MaxRetries int
	// RequestsPerSecond limits requests per workspace; zero means DefaultRequestsPerSecond.
	RequestsPerSecond float64
	// RequestTimeout bounds each attempt, its whole body included, but not the wait for the
	// rate limit; zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// ShareReads makes identical list reads share one read (see shared.go), as the data
	// sources of one Terraform operation do.
	ShareReads bool
	// ReadParallelism is how many sub-windows of a list read with a time window are read at
	// once; zero or one reads every list as one chain of pages.
	ReadParallelism int
	// RetryWaitMin is the first backoff step when the server gives no Retry-After; 1s when zero.
	RetryWaitMin time.Duration
	// Logger receives one line per attempt and per retry; nil discards them.
	Logger Logger
}

// Logger receives the client's log lines; the provider adapts it to tflog.
type Logger interface {
	// Debug logs a diagnostic line with structured fields.
	Debug(ctx context.Context, msg string, fields map[string]any)
}

// Client reads the Bird API. It is safe for concurrent use.
type Client struct {
	base            *url.URL
	secrets         []string // the credentials, removed from every error
	http            *retryablehttp.Client
	logger          Logger
	readParallelism int
	shared          *sharedReads // nil unless Config.ShareReads
	probes          probeCache   // what the probes of parallel reads found (probe.go)
}

// NewClient validates cfg and returns a Client.
func NewClient(cfg Config) (*Client, error) {
	var credential string
	switch {
	case cfg.AccessKey != "" && cfg.AccessToken != "":
		return nil, errors.New("set an access key or an access token, not both")
	case cfg.AccessKey != "":
		credential = "AccessKey " + cfg.AccessKey
	case cfg.AccessToken != "":
		credential = "Bearer " + cfg.AccessToken
	default:
		return nil, errors.New("an access key or an access token is required")
	}
	base, err := ParseEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, fmt.Errorf("endpoint %w", err)
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("MaxRetries must not be negative, got %d", cfg.MaxRetries)
	}
	if cfg.RequestsPerSecond == 0 {
		cfg.RequestsPerSecond = DefaultRequestsPerSecond
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.RetryWaitMin == 0 {
		cfg.RetryWaitMin = time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = discardLogger{}
	}

	c := &Client{base: base, logger: cfg.Logger, readParallelism: cfg.ReadParallelism}
	if cfg.ShareReads {
		c.shared = &sharedReads{}
	}
	for _, s := range []string{cfg.AccessKey, cfg.AccessToken} {
		if s != "" {
			c.secrets = append(c.secrets, s)
		}
	}
	c.http = &retryablehttp.Client{
		HTTPClient: &http.Client{
			// No Timeout here: attemptTransport bounds each attempt, and the rate limit's wait
			// is not part of it.
			Transport:     newTransport(cfg, base, credential),
			CheckRedirect: sameHostRedirects(base),
		},
		Logger:       nil, // retries are logged through cfg.Logger by checkRetry, never to stderr
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: maxRetryWait,
		RetryMax:     cfg.MaxRetries,
		CheckRetry:   c.checkRetry,
		Backoff:      backoff,
		ErrorHandler: c.giveUp,
	}
	return c, nil
}

// ParseEndpoint parses a base URL, DefaultEndpoint when empty, and refuses what the client
// must not send an access key to: other schemes, and http:// to a host that is not loopback.
// Its errors say what the endpoint must be, as the end of a sentence whose subject names the
// endpoint ("must be ..., got ..."), so that the caller can say where it came from.
func ParseEndpoint(endpoint string) (*url.URL, error) {
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("must be a URL with its scheme, such as %s, got %q", DefaultEndpoint, endpoint)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("must be a URL without credentials, a query or a fragment, such as %s, got %q", DefaultEndpoint, u.Redacted())
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("must use https:// on a host that is not loopback, such as %s, got %q", DefaultEndpoint, endpoint)
		}
	default:
		return nil, fmt.Errorf("must use https://, as in %s (or http:// on a loopback host), got %q", DefaultEndpoint, endpoint)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameHostRedirects lets the HTTP client follow redirects only within the endpoint's host, so
// a redirect can never lead the access key, or a request that carries it, elsewhere.
func sameHostRedirects(base *url.URL) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("stopped after 5 redirects")
		}
		if req.URL.Scheme != base.Scheme || req.URL.Host != base.Host {
			return http.ErrUseLastResponse
		}
		return nil
	}
}

// get sends a GET request for path (escaped, below the endpoint) and decodes a 200 answer into out.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	u := *c.base
	u.RawPath = c.base.EscapedPath() + path
	u.Path, _ = url.PathUnescape(u.RawPath)
	u.RawQuery = query.Encode()
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	req.Header.Set("Accept", "application/json")

	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("GET %s: %w", path, ctxErr)
		}
		var netErr *NetworkError
		if errors.As(err, &netErr) {
			netErr.Path, netErr.Elapsed = path, time.Since(start)
			return netErr
		}
		return fmt.Errorf("GET %s: %s", path, c.redact(err.Error()))
	}
	// attemptTransport has read the body, at most MaxResponseBytes+1 of it.
	body := bodyBytes(resp)
	if resp.StatusCode != http.StatusOK {
		return c.apiError(path, resp, body)
	}
	if len(body) > MaxResponseBytes {
		return c.responseError(path, resp, body, fmt.Sprintf("the response is larger than %d bytes", MaxResponseBytes))
	}
	if err := json.Unmarshal(body, out); err != nil {
		return c.responseError(path, resp, body, "the response is not the JSON object the API documents ("+err.Error()+")")
	}
	if d, ok := out.(dated); ok {
		d.setDate(resp.Header.Get("Date"))
	}
	return nil
}

// discardLogger is the Logger used when Config.Logger is nil.
type discardLogger struct{}

// Debug discards the line.
func (discardLogger) Debug(context.Context, string, map[string]any) {}
