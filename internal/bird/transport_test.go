package bird_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-cleanhttp"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

func TestBodyCutShortIsRetried(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault birdtest.Fault
	}{
		{"connection dropped halfway through the body", birdtest.Fault{DropBody: true}},
		{"request timeout while the body downloads", birdtest.Fault{StallBody: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t, 250, func(cfg *bird.Config) { cfg.RequestTimeout = 300 * time.Millisecond })
			// Page 2 fails once, after its headers and half its body arrived.
			srv.Fail(birdtest.Fault{}, 1)
			srv.Fail(tc.fault, 1)
			recs, err := collect(t, c, bird.RecordingFilter{}, 0)
			if err != nil || len(recs) != 250 {
				t.Fatalf("got %d recordings, %v; want all 250 after a retry", len(recs), err)
			}
			if got := len(srv.Requests()); got != 4 {
				t.Fatalf("%d requests, want 4 (3 pages and 1 retry)", got)
			}
		})
	}
}

func TestBodyCutShortOnEveryAttemptSaysSo(t *testing.T) {
	c, srv := newTestClient(t, 10, func(cfg *bird.Config) { cfg.MaxRetries = 2 })
	srv.Fail(birdtest.Fault{DropBody: true}, 3)
	_, err := collect(t, c, bird.RecordingFilter{}, 0)
	var netErr *bird.NetworkError
	if !errors.As(err, &netErr) || netErr.Attempts != 3 || netErr.Elapsed <= 0 || !strings.Contains(err.Error(), "reading the response: unexpected EOF (tried 3 times over ") {
		t.Fatalf("got %v, want a NetworkError after 3 attempts that names the cut body and how long they took", err)
	}
}

func TestRateLimitWaitIsNotChargedToTheRequestTimeout(t *testing.T) {
	// 3 pages at 0.5 requests per second wait about 2 s before each of pages 2 and 3: longer
	// than the 1 s request timeout, which bounds only the network attempt.
	c, srv := newTestClient(t, 250, func(cfg *bird.Config) {
		cfg.RequestsPerSecond, cfg.RequestTimeout, cfg.MaxRetries = 0.5, time.Second, 0
	})
	recs, err := collect(t, c, bird.RecordingFilter{}, 0)
	if err != nil || len(recs) != 250 {
		t.Fatalf("got %d recordings, %v; want all 250", len(recs), err)
	}
	if got := len(srv.Requests()); got != 3 {
		t.Fatalf("%d requests, want 3", got)
	}
}

func TestHugeRetryAfterWaitsTheCapUntilTheReadEnds(t *testing.T) {
	c, srv := newTestClient(t, 10)
	srv.Fail(birdtest.Fault{Status: 429, RetryAfter: "10000000000"}, 1)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	_, err := c.ListRecordings(ctx, testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
	// An overflowed, negative wait would retry at once and read all 10 recordings.
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want the read's deadline to end the capped wait", err)
	}
	if got := len(srv.Requests()); got != 1 {
		t.Fatalf("%d requests, want 1: no retry before the wait ends", got)
	}
}

// countingTransport counts the response bodies that its base transport opened and that were
// not closed.
type countingTransport struct {
	base http.RoundTripper
	open atomic.Int64
}

// RoundTrip counts the response's body as open until it is closed.
func (t *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err == nil {
		t.open.Add(1)
		resp.Body = &countedBody{ReadCloser: resp.Body, open: &t.open}
	}
	return resp, err
}

// countedBody decrements the open count once, when closed.
type countedBody struct {
	io.ReadCloser
	open   *atomic.Int64
	closed atomic.Bool
}

// Close closes the body and counts it closed.
func (b *countedBody) Close() error {
	if b.closed.CompareAndSwap(false, true) {
		b.open.Add(-1)
	}
	return b.ReadCloser.Close()
}

func TestEveryResponseBodyIsClosed(t *testing.T) {
	counter := &countingTransport{base: cleanhttp.DefaultPooledTransport()}
	c, srv := newTestClient(t, 300, func(cfg *bird.Config) {
		cfg.HTTPClient = &http.Client{Transport: counter}
		cfg.MaxRetries = 1
	})
	srv.Fail(birdtest.Fault{Status: 503}, 1)                     // retried
	srv.Fail(birdtest.Fault{}, 1)                                // page 1
	srv.Fail(birdtest.Fault{Status: 429, RetryAfter: "3600"}, 1) // the read ends while waiting
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	_, _ = c.ListRecordings(ctx, testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
	srv.Fail(birdtest.Fault{Status: 503}, 2) // given up after the retry
	_, _ = collect(t, c, bird.RecordingFilter{}, 0)
	srv.Fail(birdtest.Fault{Status: 400}, 1) // never retried
	_, _ = collect(t, c, bird.RecordingFilter{}, 0)
	if n := counter.open.Load(); n != 0 {
		t.Fatalf("%d response bodies were left open", n)
	}
	if got := len(srv.Requests()); got != 6 {
		t.Fatalf("%d requests, want 6: the scenario did not run as written", got)
	}
}

func TestHostNotFoundIsNotRetried(t *testing.T) {
	var dials atomic.Int64
	transport := cleanhttp.DefaultPooledTransport()
	transport.DialContext = func(context.Context, string, string) (net.Conn, error) {
		dials.Add(1)
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.bird.invalid", IsNotFound: true}}
	}
	c, err := bird.NewClient(bird.Config{
		Endpoint: "https://api.bird.invalid", AccessKey: testKey, MaxRetries: 4,
		HTTPClient: &http.Client{Transport: transport},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = collect(t, c, bird.RecordingFilter{}, 0)
	var netErr *bird.NetworkError
	if !errors.As(err, &netErr) {
		t.Fatalf("got %v, want a NetworkError", err)
	}
	if host, ok := netErr.HostNotFound(); !ok || host != "api.bird.invalid" || netErr.Attempts != 1 || dials.Load() != 1 {
		t.Fatalf("HostNotFound() = %q, %v after %d attempts and %d dials; want api.bird.invalid, true, 1 and 1", host, ok, netErr.Attempts, dials.Load())
	}
}

func TestBearerToken(t *testing.T) {
	const token = "bearer-token-9c41e0d2a7"
	c, srv := newTestClient(t, 120, func(cfg *bird.Config) { cfg.AccessKey, cfg.AccessToken = "", token })
	srv.AcceptToken(token)
	recs, err := collect(t, c, bird.RecordingFilter{}, 0)
	if err != nil || len(recs) != 120 {
		t.Fatalf("got %d recordings, %v; want 120", len(recs), err)
	}
	for i, r := range srv.Requests() {
		if !r.Authorized {
			t.Fatalf("request %d was not authorized by the token", i)
		}
	}
	// An error body that echoes the token never shows it.
	srv.Fail(birdtest.Fault{Status: 400, Body: "bad request for Bearer " + token + " and " + token, ContentType: "text/plain"}, 1)
	_, err = collect(t, c, bird.RecordingFilter{}, 0)
	if err == nil || strings.Contains(err.Error(), token[:6]) {
		t.Fatalf("got %v, want an error without the token", err)
	}
}

func TestOneCredentialExactly(t *testing.T) {
	for _, cfg := range []bird.Config{{}, {AccessKey: "k", AccessToken: "t"}} {
		if _, err := bird.NewClient(cfg); err == nil {
			t.Errorf("NewClient(%+v) was accepted", cfg)
		}
	}
}
